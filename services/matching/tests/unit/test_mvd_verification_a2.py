"""1.10.35.8 A(2): one MVD record must agree with every identifier, the names and the DOB."""

from datetime import date

import pytest

from vrs_matching.domain.mvd_verification import MvdPerson, PartialIdentity, verifying_record

BORN = date(1979, 8, 30)
RECORD = MvdPerson("NM1", "idx-1", "4321", "ROSA", "MONTOYA", BORN)
TWIN = MvdPerson("NM2", "idx-2", "4321", "ROSA", "MONTOYA", BORN)


def form(**changes: object) -> PartialIdentity:
    values: dict[str, object] = {
        "mvd_id": None, "ssn_last4": "4321", "first_name": "ROSA", "last_name": "MONTOYA", "date_of_birth": BORN,
    }  # fmt: skip
    return PartialIdentity(**{**values, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("given", "candidates", "verified_by"),
    [
        (form(), [RECORD], RECORD),
        (form(ssn_last4=None, mvd_id="NM1"), [RECORD, TWIN], RECORD),
        (form(mvd_id="NM1"), [RECORD], RECORD),
        (form(mvd_id="NM9"), [RECORD], None),
        (form(ssn_last4="1111"), [RECORD], None),
        (form(first_name="ROSALIA"), [RECORD], None),
        (form(date_of_birth=date(1979, 8, 31)), [RECORD], None),
        (
            form(),
            [RECORD, TWIN],
            None,
        ),  # two people agree: the clerk cannot tell which wrote the form
        (form(), [], None),
    ],
)
def test_a2_exactly_one_agreeing_record_verifies_the_form(
    given: PartialIdentity, candidates: list[MvdPerson], verified_by: MvdPerson | None
) -> None:
    assert verifying_record(given, candidates) == verified_by
