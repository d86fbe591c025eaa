"""Events the matching service publishes."""

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from vrs_contracts.base import Contract, Event
from vrs_contracts.vocabulary import MatchKind, MatchStrength


class MatchCandidate(Contract):
    """One record found for an applicant, with the agreement that explains the pairing."""

    kind: MatchKind = Field(description="What the candidate record is.")
    strength: MatchStrength = Field(description="strong (1.10.35.7 JJ) or weak (1.10.35.7 SS).")
    score: float = Field(ge=0, le=1, description="Similarity score used to rank candidates.")
    record_id: str = Field(
        description="Id of the candidate record in its own index (a voter id for duplicates)."
    )
    agreeing_fields: list[str] = Field(
        description="Which of name, date_of_birth, ssn, address agree."
    )


class MatchCompleted(Event):
    """Matching looked an accepted application up against its indexes."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.match.completed.v1"

    application_id: UUID = Field(description="The application that was looked up.")
    person_key: str = Field(description="The applicant's person key.")
    strength: MatchStrength = Field(
        description="The strongest candidate's strength, none when nothing was found."
    )
    candidates: list[MatchCandidate] = Field(description="Every candidate raised, best first.")
    checked_at: datetime = Field(description="When the lookup ran (UTC).")
