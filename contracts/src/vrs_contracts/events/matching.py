"""Events the matching service publishes."""

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from pydantic import Field, model_validator

from vrs_contracts.base import Contract, Event
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import (
    ApplicationOutcome,
    MatchBasis,
    MatchKind,
    MatchStrength,
    ReviewDecision,
    ReviewSubject,
)

DUPLICATE_KINDS = frozenset({MatchKind.duplicate_same_county, MatchKind.duplicate_other_county})
"""The kinds whose candidate is another registration in the statewide voter file."""


class MatchCandidate(Contract):
    """One record found for an applicant, with the agreement that explains the pairing."""

    kind: MatchKind = Field(description="What the candidate record is.")
    strength: MatchStrength = Field(
        description="strong (1.10.35.7 JJ), weak (1.10.35.7 SS), or none: raised by the score "
        "alone, an additional search criterion (1.10.35.8 A(1))."
    )
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


class ReviewRaised(Event):
    """A pair that only a clerk may decide went to the owning county's review queue.

    Nothing is done to an applicant or a voter on a weak match alone (1.10.35.7 SS; 1.10.35.9 D(1),
    E(1)); a death or felony record always waits for the clerk (1.10.35.8 C(4), C(5)). The records
    themselves stay in matching: the event names the pair, never the person.
    """

    event_type: ClassVar[str] = "gov.nm.sos.vrs.match.review_raised.v1"

    review_id: UUID = Field(description="Id of the review task.")
    county: County = Field(
        description="The owning county: the application's county, or the voter's county."
    )
    subject: ReviewSubject = Field(description="application (intake) or voter (list maintenance).")
    subject_id: UUID = Field(description="The application id or the voter id.")
    kind: MatchKind = Field(description="What the candidate record is.")
    strength: MatchStrength = Field(
        description="strong (1.10.35.7 JJ), weak (1.10.35.7 SS), or none: raised by the score "
        "alone, an additional search criterion (1.10.35.8 A(1))."
    )
    score: float = Field(ge=0, le=1, description="Similarity score the queue is ranked by.")
    raised_at: datetime = Field(description="When the task was raised (UTC).")


class ReviewResolved(Event):
    """A clerk decided a review task. The clerk's note stays in matching: it may hold personal data."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.match.review_resolved.v1"

    review_id: UUID = Field(description="Id of the review task.")
    county: County = Field(description="The owning county of the task.")
    subject: ReviewSubject = Field(description="application (intake) or voter (list maintenance).")
    subject_id: UUID = Field(description="The application id or the voter id.")
    kind: MatchKind = Field(description="What the candidate record is.")
    record_id: str = Field(description="Id of the candidate record in its own index.")
    decision: ReviewDecision = Field(
        description="match (a positive match, 1.10.35.7 X), not_a_match, or needs_contact (the "
        "task stays open while the clerk contacts the person or an agency)."
    )
    resolved_by: str = Field(description="The deciding user's subject.")
    resolved_at: datetime = Field(description="When the decision was made (UTC).")
    appeared_in_person: bool = Field(
        default=False,
        description="With a felony-incarceration match: the clerk confirmed that the person appeared personally before a county clerk, the clerk's authorized representative or a precinct board member, at an MVD office, or at a state agency that provides public assistance or services to persons with disabilities (1.10.35.8 C(4), 1.10.35.9 D(2), D(3)); nothing changes for it.",
    )


class ApplicationMatchSettled(Event):
    """Matching settled who an accepted applicant is; registration applies the outcome."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.match.application_settled.v1"

    application_id: UUID = Field(description="The application whose match is settled.")
    person_key: str = Field(description="The applicant's person key.")
    outcome: ApplicationOutcome = Field(
        description="new_registrant (1.10.35.7 S), existing_voter (update or transfer, "
        "1.10.35.8 A(1)), deceased (C(5)) or felony_incarceration (C(4))."
    )
    voter_id: UUID | None = Field(
        default=None, description="The existing voter for existing_voter; null otherwise."
    )
    transfer_from_county: County | None = Field(
        default=None,
        description="For existing_voter: the existing voter's county when it differs from the "
        "application's (a transfer); null otherwise.",
    )
    basis: MatchBasis = Field(description="no_match, strong (automatic) or clerk (investigated).")
    clause: str = Field(description="The clause of 1.10.35 NMAC applied, e.g. '1.10.35.8 A(1)'.")
    review_ids: list[UUID] = Field(
        default_factory=list, description="The review tasks of the application, if any."
    )

    @model_validator(mode="after")
    def _voter_only_for_an_existing_voter(self) -> "ApplicationMatchSettled":
        existing = self.outcome is ApplicationOutcome.existing_voter
        if existing != (self.voter_id is not None):
            raise ValueError("voter_id is given exactly when the outcome is existing_voter")
        if self.transfer_from_county is not None and not existing:
            raise ValueError("transfer_from_county is given only for existing_voter")
        return self


class VoterMatchConfirmed(Event):
    """A record was positively matched to a voter (1.10.35.7 X): registration changes the voter."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.match.voter_confirmed.v1"

    voter_id: UUID = Field(description="The voter the record matched.")
    county: County = Field(description="The voter's county.")
    kind: MatchKind = Field(description="What the matched record is.")
    basis: MatchBasis = Field(description="strong (automatic) or clerk (investigated).")
    record_id: str = Field(description="Id of the matched record in its own index.")
    review_id: UUID | None = Field(
        default=None, description="The review task the clerk resolved; null for a strong match."
    )
    clause: str = Field(description="The clause of 1.10.35 NMAC applied, e.g. '1.10.35.9 E(1)'.")
    duplicate_of: UUID | None = Field(
        default=None,
        description="For a duplicate registration: the voter id of the record that survives; "
        "the other record is cancelled. Null for other kinds.",
    )

    @model_validator(mode="after")
    def _a_duplicate_names_its_survivor(self) -> "VoterMatchConfirmed":
        duplicate = self.kind in DUPLICATE_KINDS
        if duplicate != (self.duplicate_of is not None):
            raise ValueError("duplicate_of is given exactly for a duplicate registration")
        if duplicate and str(self.duplicate_of) not in {str(self.voter_id), self.record_id}:
            raise ValueError("duplicate_of is one of the two records: voter_id or record_id")
        if self.basis is MatchBasis.no_match:
            raise ValueError("a confirmed match is strong or the clerk's")
        return self
