"""The review queue's request and answer models: the clerk's side of weak matches.

A weak match (1.10.35.7 SS) changes nothing until a clerk investigates it (1.10.35.9 D(1), E(1));
a confirmed one is a positive match (1.10.35.7 X). The clerk sees both records side by side with
the agreement of each field, and personal data only as far as a clerk's role may: the SSN as its
last four digits, never a blind index, never party.
"""

from datetime import date, datetime
from uuid import UUID

from pydantic import Field

from vrs_contracts.api.registration import Text
from vrs_contracts.base import Contract
from vrs_contracts.counties import County
from vrs_contracts.people import Address, PersonName
from vrs_contracts.vocabulary import (
    FieldAgreement,
    MatchKind,
    MatchStrength,
    ReviewDecision,
    ReviewState,
    ReviewSubject,
)


class ReviewedRecord(Contract):
    """One record of a pair as the clerk sees it."""

    name: PersonName = Field(description="The name as the record states it.")
    date_of_birth: date | None = Field(default=None, description="Date of birth, when stated.")
    ssn_last4: str | None = Field(
        default=None, pattern=r"^\d{4}$", description="Last four SSN digits; never more."
    )
    residence_address: Address | None = Field(default=None, description="Residence address.")
    county: County | None = Field(default=None, description="The record's county, when it has one.")


class FieldExplanation(Contract):
    """How the scorer read one field of a pair: what tells the clerk why the two were paired."""

    field: str = Field(
        description="name, given_name, surname, middle_name, suffix, date_of_birth, ssn or address."
    )
    agrees: bool = Field(description="Whether the field agrees literally (1.10.35.7 SS).")
    similarity: float = Field(ge=0, le=1, description="How alike the two statements are.")
    note: str = Field(
        description="A short explanation, e.g. 'nickname: BOB~ROBERT', 'day and month "
        "transposed'; never an SSN or any part of one."
    )


class ReviewSummary(Contract):
    """A review task as the queue lists it."""

    review_id: UUID = Field(description="Id of the review task.")
    county: County = Field(description="The owning county: the application's or the voter's.")
    subject: ReviewSubject = Field(description="application (intake) or voter (list maintenance).")
    subject_id: UUID = Field(description="The application id or the voter id.")
    kind: MatchKind = Field(description="What the candidate record is.")
    record_id: str = Field(description="Id of the candidate record in its own index.")
    strength: MatchStrength = Field(
        description="strong (1.10.35.7 JJ), weak (1.10.35.7 SS), or none: raised by the score "
        "alone, an additional search criterion (1.10.35.8 A(1))."
    )
    score: float = Field(ge=0, le=1, description="Similarity score; the queue is ranked by it.")
    state: ReviewState = Field(description="open, needs_contact or resolved.")
    decision: ReviewDecision | None = Field(
        default=None, description="The clerk's latest decision, if any."
    )
    appeared_in_person: bool = Field(
        default=False,
        description="For a felony-incarceration record decided match: the clerk confirmed that the person appeared personally before a county clerk, the clerk's authorized representative or a precinct board member, at an MVD office, or at a state agency that provides public assistance or services to persons with disabilities (1.10.35.8 C(4), 1.10.35.9 D(2), D(3)), so the "
        "registration is accepted despite the match.",
    )
    raised_at: datetime = Field(description="When the task was raised (UTC).")
    resolved_at: datetime | None = Field(
        default=None, description="When the latest decision was made (UTC)."
    )


class ReviewView(ReviewSummary):
    """A review task with both records side by side and the evidence per field."""

    evidence: dict[str, FieldAgreement] = Field(
        description="Per field of 1.10.35.7 SS (name, date_of_birth, ssn, address): whether the "
        "records agree, differ, or one of them does not state it. The SSN is compared on the "
        "full number, never on the last four."
    )
    explanation: list[FieldExplanation] = Field(
        default_factory=list,
        description="The scorer's reading of each field, beyond the literal agreement: "
        "nicknames, transposed dates, double surnames, typos.",
    )
    contrary: list[str] = Field(
        default_factory=list,
        description="Contrary evidence found: different_full_ssn, different_ssn_last4, "
        "generational_suffix (Jr against Sr), twins, dob_far_apart.",
    )
    subject_record: ReviewedRecord = Field(description="The applicant or voter under review.")
    candidate_record: ReviewedRecord = Field(description="The record found for it.")
    note: str | None = Field(default=None, description="The clerk's note on the latest decision.")
    resolved_by: str | None = Field(
        default=None, description="Who made the latest decision (a user's subject)."
    )


class ReviewResolution(Contract):
    """``POST /v1/reviews/{review_id}/resolution``: the clerk's decision on a pair."""

    decision: ReviewDecision = Field(
        description="match (a positive match, 1.10.35.7 X), not_a_match, or needs_contact (the "
        "task stays open while the clerk contacts the person or an agency)."
    )
    note: Text | None = Field(
        default=None,
        max_length=2000,
        description="What the investigation found. Kept with the task in matching, never "
        "published: it may hold personal data.",
    )
    appeared_in_person: bool = Field(
        default=False,
        description="Only with decision match on a felony-incarceration record: the clerk confirmed that the person appeared personally before a county clerk, the clerk's authorized representative or a precinct board member, at an MVD office, or at a state agency that provides public assistance or services to persons with disabilities (1.10.35.8 C(4), 1.10.35.9 D(2), D(3)); "
        "the registration is then accepted (or the voter kept) despite the match.",
    )
