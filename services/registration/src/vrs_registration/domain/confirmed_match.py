"""What a positive match (1.10.35.7 X) with a maintenance record does to a voter's status
(1.10.35.9 A(3), D(1), E(1), F(2), G; duplicates: docs/adr/0012)."""

from collections.abc import Mapping

from vrs_contracts.events.matching import DUPLICATE_KINDS
from vrs_contracts.vocabulary import MatchKind, StatusReason, VoterStatus

Status = tuple[VoterStatus, StatusReason]

STATUS_OF_A_CONFIRMED_RECORD: Mapping[MatchKind, Status] = {
    # 1.10.35.9 E(1), E(2), F(2): a death record → removable, deceased.
    MatchKind.deceased: (VoterStatus.removable, StatusReason.deceased),
    # 1.10.35.9 D(1): a felony incarceration → not eligible, felony incarceration.
    MatchKind.felony_incarceration: (VoterStatus.not_eligible, StatusReason.felony_incarceration),
    # 1.10.35.9 G: registered in another state → removable, moved outside county/city.
    MatchKind.other_state: (VoterStatus.removable, StatusReason.moved_outside_county),
    # 1.10.35.9 A(3): on the NCOA listing → inactive, confirmation mailing.
    MatchKind.ncoa: (VoterStatus.inactive, StatusReason.confirmation_mailing),
}


def status_after_confirmed_match(
    kind: MatchKind,
    status: VoterStatus,
    reason: StatusReason | None,
    *,
    survivor_in_another_county: bool = False,
) -> Status | None:
    """The status a voter takes when a record of ``kind`` is confirmed to be that voter, or None
    when nothing changes.

    For a duplicate registration the voter is the record that does not survive: it is cancelled,
    ``moved_outside_county`` when the surviving record is in another county, otherwise
    ``ineligible_other`` (docs/adr/0012). An NCOA listing changes only an active voter (A(3)).
    A cancelled voter is off the rolls and stays as it is; a voter already holding the status
    and reason is not changed again, so a confirmation applied twice changes nothing.
    """
    if kind in DUPLICATE_KINDS:
        target = (
            VoterStatus.cancelled,
            StatusReason.moved_outside_county
            if survivor_in_another_county
            else StatusReason.ineligible_other,
        )
    elif kind in STATUS_OF_A_CONFIRMED_RECORD:
        target = STATUS_OF_A_CONFIRMED_RECORD[kind]
    else:
        raise ValueError(f"a {kind} record does not change a voter's status")
    if status is VoterStatus.cancelled or (status, reason) == target:
        return None
    if kind is MatchKind.ncoa and status is not VoterStatus.active:
        return None
    return target
