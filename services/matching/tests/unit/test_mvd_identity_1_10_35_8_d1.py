"""1.10.35.8 D(1): a positive MVD identity match is the licence/ID number (current or expired),
the full SSN and the full DOB, all three equal."""

from dataclasses import replace
from datetime import date

import pytest

from vrs_matching.domain.mvd_identity import IdentityClaim, MvdLicence, is_positive_identity_match

LICENCE = MvdLicence(
    mvd_id="NM100200300",
    ssn_index="a" * 64,
    date_of_birth=date(1980, 2, 3),
    expired=False,
    signature_ref="mvd://signatures/1",
    photo_ref="mvd://photos/1",
)
CLAIM = IdentityClaim(mvd_id="NM100200300", ssn_index="a" * 64, date_of_birth=date(1980, 2, 3))


@pytest.mark.parametrize(
    ("claim", "licence", "matched"),
    [
        (CLAIM, LICENCE, True),
        (CLAIM, replace(LICENCE, expired=True), True),
        (CLAIM, replace(LICENCE, signature_ref=None, photo_ref=None), True),
        (replace(CLAIM, mvd_id="NM100200301"), LICENCE, False),
        (replace(CLAIM, ssn_index="b" * 64), LICENCE, False),
        (replace(CLAIM, date_of_birth=date(1980, 3, 2)), LICENCE, False),
        (replace(CLAIM, date_of_birth=date(1981, 2, 3)), LICENCE, False),
    ],
    ids=[
        "all three equal",
        "an expired licence still matches",
        "a record without images still matches",
        "another licence number",
        "another ssn",
        "dob with day and month swapped",
        "dob a year off",
    ],
)
def test_d1_all_three_criteria_must_be_equal_and_expiry_does_not_matter(
    claim: IdentityClaim, licence: MvdLicence, matched: bool
) -> None:
    assert is_positive_identity_match(claim, licence) is matched
