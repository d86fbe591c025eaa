"""What a positive match with a maintenance record or another registration does to a voter:
1.10.35.9 A(3), D(1), E(1), F(2), G, and the cancelled duplicate of docs/adr/0012."""

import pytest

from vrs_contracts.vocabulary import MatchKind, StatusReason, VoterStatus
from vrs_registration.domain.confirmed_match import status_after_confirmed_match

ACTIVE, INACTIVE, SUSPENSE = VoterStatus.active, VoterStatus.inactive, VoterStatus.suspense
REMOVABLE, NOT_ELIGIBLE, CANCELLED = (
    VoterStatus.removable,
    VoterStatus.not_eligible,
    VoterStatus.cancelled,
)
R = StatusReason


@pytest.mark.parametrize(
    ("kind", "status", "reason", "elsewhere", "after"),
    [
        (MatchKind.deceased, ACTIVE, None, False, (REMOVABLE, R.deceased)),
        (MatchKind.deceased, INACTIVE, R.confirmation_mailing, False, (REMOVABLE, R.deceased)),
        (
            MatchKind.felony_incarceration,
            ACTIVE,
            None,
            False,
            (NOT_ELIGIBLE, R.felony_incarceration),
        ),
        (MatchKind.other_state, ACTIVE, None, False, (REMOVABLE, R.moved_outside_county)),
        (MatchKind.ncoa, ACTIVE, None, False, (INACTIVE, R.confirmation_mailing)),
        (MatchKind.ncoa, SUSPENSE, R.under_age, False, None),
        (MatchKind.ncoa, INACTIVE, R.confirmation_mailing, False, None),
        (MatchKind.duplicate_same_county, ACTIVE, None, False, (CANCELLED, R.ineligible_other)),
        (MatchKind.duplicate_other_county, ACTIVE, None, True, (CANCELLED, R.moved_outside_county)),
        (MatchKind.duplicate_other_county, INACTIVE, None, False, (CANCELLED, R.ineligible_other)),
        (MatchKind.deceased, REMOVABLE, R.deceased, False, None),
        (MatchKind.deceased, CANCELLED, R.voter_request, False, None),
    ],
    ids=[
        "E(1): a death record makes the voter removable, deceased",
        "E(1): whatever the voter's status was",
        "D(1): a felony incarceration makes the voter not eligible",
        "G: registered in another state, removable, moved outside county",
        "A(3): an active voter on the NCOA listing becomes inactive",
        "A(3): only an active voter",
        "A(3): an inactive voter stays as it is",
        "ADR 0012: a duplicate in the same county is cancelled, ineligible other",
        "ADR 0012: a duplicate of a record in another county moved outside the county",
        "ADR 0012: the counties decide the reason, not the kind raised",
        "applied twice changes nothing",
        "a cancelled voter stays off the rolls",
    ],
)
def test_a_confirmed_record_changes_the_voter_as_its_clause_orders(
    kind: MatchKind,
    status: VoterStatus,
    reason: StatusReason | None,
    elsewhere: bool,
    after: tuple[VoterStatus, StatusReason] | None,
) -> None:
    assert (
        status_after_confirmed_match(kind, status, reason, survivor_in_another_county=elsewhere)
        == after
    )


def test_an_mvd_record_never_changes_a_voters_status() -> None:
    with pytest.raises(ValueError, match="does not change"):
        status_after_confirmed_match(MatchKind.mvd, ACTIVE, None)
