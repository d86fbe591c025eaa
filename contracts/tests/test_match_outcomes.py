"""The match outcomes say only what they may: a voter for an existing voter, a survivor for a
duplicate, never a confirmation without a match."""

from typing import Any
from uuid import UUID

import pytest
from pydantic import ValidationError

from vrs_contracts.events import ApplicationMatchSettled, VoterMatchConfirmed
from vrs_contracts.vocabulary import ApplicationOutcome, MatchBasis, MatchKind

VOTER, OTHER, STRANGER = UUID(int=3), UUID(int=6), UUID(int=9)


def settled(**changes: Any) -> ApplicationMatchSettled:
    base: dict[str, Any] = {
        "application_id": UUID(int=1),
        "person_key": "cd" * 32,
        "outcome": ApplicationOutcome.new_registrant,
        "basis": MatchBasis.no_match,
        "clause": "1.10.35.8 A(1)",
    }
    return ApplicationMatchSettled(**{**base, **changes})


def confirmed(**changes: Any) -> VoterMatchConfirmed:
    base: dict[str, Any] = {
        "voter_id": VOTER,
        "county": "santa_fe",
        "kind": MatchKind.deceased,
        "basis": MatchBasis.clerk,
        "record_id": "death-1",
        "clause": "1.10.35.9 E(1)",
    }
    return VoterMatchConfirmed(**{**base, **changes})


def test_an_existing_voter_outcome_names_the_voter_and_a_transfer_only_then() -> None:
    assert settled(outcome="existing_voter", voter_id=VOTER, transfer_from_county="taos").voter_id
    with pytest.raises(ValidationError, match="voter_id"):
        settled(outcome="existing_voter")
    with pytest.raises(ValidationError, match="voter_id"):
        settled(voter_id=VOTER)
    with pytest.raises(ValidationError, match="transfer_from_county"):
        settled(outcome="deceased", transfer_from_county="taos")


@pytest.mark.parametrize("survivor", [VOTER, OTHER])
def test_a_confirmed_duplicate_names_one_of_its_two_records_as_the_survivor(survivor: UUID) -> None:
    duplicate = confirmed(
        kind=MatchKind.duplicate_same_county, record_id=str(OTHER), duplicate_of=survivor
    )
    assert duplicate.duplicate_of == survivor


@pytest.mark.parametrize(
    "changes",
    [
        {"kind": MatchKind.duplicate_same_county, "record_id": str(OTHER)},
        {
            "kind": MatchKind.duplicate_same_county,
            "record_id": str(OTHER),
            "duplicate_of": STRANGER,
        },
        {"duplicate_of": VOTER},
        {"basis": MatchBasis.no_match},
    ],
    ids=["no survivor", "a stranger survives", "survivor of a death", "confirmed on no match"],
)
def test_a_confirmation_that_contradicts_itself_is_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        confirmed(**changes)
