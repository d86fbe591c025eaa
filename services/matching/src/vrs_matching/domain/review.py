"""What a match decides, and what is left to the county clerk (1.10.35.7 JJ, SS, X; 1.10.35.8
A(1), A(3), C(4), C(5); 1.10.35.9 A(3), D(1), E(1), G).

The rule's line: only a strong match may act without a person's investigation, and a weak match
acts only once a clerk has confirmed it (a positive match, 1.10.35.7 X). A death or felony
record goes to the clerk even when strong, because C(4) and C(5) make the clerk confirm it
before an application is refused. Pure functions: what goes in is what the records state.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from uuid import UUID

from vrs_contracts.api.reviews import ReviewedRecord
from vrs_contracts.counties import County
from vrs_contracts.events.matching import DUPLICATE_KINDS, MatchCandidate
from vrs_contracts.people import Registrant
from vrs_contracts.vocabulary import (
    ApplicationOutcome,
    FieldAgreement,
    MatchBasis,
    MatchKind,
    MatchStrength,
    ReviewDecision,
    ReviewState,
)
from vrs_matching.domain.identity import Field, Identity, agreeing_fields
from vrs_matching.domain.scoring import FieldEvidence

LAST = datetime.max.replace(tzinfo=UTC)

SETTLED_WHEN_STRONG = DUPLICATE_KINDS
"""The only kinds a strong match settles at intake. A death or felony record is never among
them: 1.10.35.8 C(4) and C(5) make the clerk confirm a positive match before the application
is refused, so such a record always waits for the clerk, strong or weak."""

NOT_RAISED_AT_INTAKE = frozenset({MatchKind.mvd, MatchKind.other_state, MatchKind.ncoa})
"""An applicant's MVD record confirms identity, not a registration; an other-state notice or a
change of address is about a voter already on the rolls (1.10.35.9 A, G), and an applicant
registering here is exactly what such a notice would lead to. None of them needs a clerk at
intake (1.10.35.8 A(1), A(3) search for registrations, deaths and felony incarcerations)."""

MAINTENANCE_CLAUSES: Mapping[MatchKind, str] = {
    MatchKind.deceased: "1.10.35.9 E(1)",
    MatchKind.felony_incarceration: "1.10.35.9 D(1)",
    MatchKind.other_state: "1.10.35.9 G",
    MatchKind.ncoa: "1.10.35.9 A(3)",
    MatchKind.duplicate_same_county: "1.10.35.7 L",
    MatchKind.duplicate_other_county: "1.10.35.7 L",
}
"""The clause that orders the change of a voter positively matched to a record of each kind."""


@dataclass(frozen=True)
class Found:
    """One candidate found for a subject: the match, the per-field evidence, and the candidate
    record as the clerk will see it (its county, for a transfer); the scorer's explanation of
    each field and any contrary evidence (``vrs_matching.domain.scoring.compare``)."""

    candidate: MatchCandidate
    evidence: Mapping[Field, FieldAgreement]
    record: ReviewedRecord
    explanation: tuple[FieldEvidence, ...] = ()
    contrary: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settled:
    """Who the applicant is, settled: the outcome registration applies."""

    outcome: ApplicationOutcome
    basis: MatchBasis
    clause: str
    voter_id: UUID | None = None
    transfer_from_county: County | None = None


@dataclass(frozen=True)
class ToReview:
    """Nothing is settled: each of these candidates becomes a review task."""

    found: tuple[Found, ...]


@dataclass(frozen=True)
class ReviewedPair:
    """A review task of an application, as far as its settlement depends on it."""

    kind: MatchKind
    record_id: str
    record_county: County | None
    state: ReviewState
    decision: ReviewDecision | None
    resolved_at: datetime | None
    appeared_in_person: bool = False

    @property
    def cleared_in_person(self) -> bool:
        """A felony record matched, but the clerk confirmed the applicant appeared in person
        (1.10.35.8 C(4)): the registration is accepted as if the record were not there."""
        return (
            self.kind is MatchKind.felony_incarceration
            and self.decision is ReviewDecision.match
            and self.appeared_in_person
        )

    @property
    def resolved_without_effect(self) -> bool:
        """Resolved, and nothing follows from it: not a match, or a felony match cleared in
        person."""
        return self.state is ReviewState.resolved and (
            self.decision is ReviewDecision.not_a_match or self.cleared_in_person
        )


def decide_application_match(found: Sequence[Found], county: County) -> Settled | ToReview:
    """The outcome of an accepted application's lookup (1.10.35.8 A(1), A(3)).

    - No candidate a clerk must see: a new registrant (1.10.35.8 A(1), basis no_match).
    - Exactly one such candidate, a strong duplicate (1.10.35.7 JJ): the existing voter, updated
      and, from another county, transferred (1.10.35.8 A(1), basis strong).
    - Anything else (a weak match, a death or felony record, several registrations): every
      candidate goes to the clerk of ``county`` and nothing is settled (1.10.35.7 SS, X).
    """
    reviewable = tuple(f for f in found if f.candidate.kind not in NOT_RAISED_AT_INTAKE)
    if not reviewable:
        return Settled(ApplicationOutcome.new_registrant, MatchBasis.no_match, "1.10.35.8 A(1)")
    if len(reviewable) == 1:
        only = reviewable[0]
        if (
            only.candidate.strength is MatchStrength.strong
            and only.candidate.kind in SETTLED_WHEN_STRONG
        ):
            return existing_voter(
                only.candidate.record_id,
                only.record.county,
                county,
                basis=MatchBasis.strong,
                clause="1.10.35.8 A(1)",
            )
    return ToReview(reviewable)


def settle_after_review(pairs: Sequence[ReviewedPair], county: County) -> Settled | None:
    """What the clerk's decisions on an application's review tasks settle, if anything yet.

    The first pair decided ``match`` is a positive match (1.10.35.7 X): a registration → the
    existing voter (1.10.35.7 X, update or transfer as 1.10.35.8 A(1)); a death record →
    ``deceased`` (1.10.35.8 C(5)); a felony record → ``felony_incarceration`` (C(4)), unless the
    clerk confirmed the application was made in person, when C(4) accepts the registration and
    the record counts for nothing. When every pair is resolved without effect, the applicant is
    a new registrant (1.10.35.8 A(1); C(4) when a felony record was cleared in person).
    Otherwise (a task open or awaiting contact) nothing is settled.
    """
    matched = sorted(
        (
            p
            for p in pairs
            if p.state is ReviewState.resolved
            and p.decision is ReviewDecision.match
            and not p.cleared_in_person
        ),
        key=lambda p: (p.resolved_at or LAST, p.record_id),
    )
    if matched:
        return positive_match(matched[0], county)
    if pairs and all(p.resolved_without_effect for p in pairs):
        clause = "1.10.35.8 C(4)" if any(p.cleared_in_person for p in pairs) else "1.10.35.8 A(1)"
        return Settled(ApplicationOutcome.new_registrant, MatchBasis.clerk, clause)
    return None


def positive_match(pair: ReviewedPair, county: County) -> Settled:
    """The outcome of an application the clerk matched to ``pair``'s record (1.10.35.7 X)."""
    if pair.kind in DUPLICATE_KINDS:
        return existing_voter(
            pair.record_id, pair.record_county, county, basis=MatchBasis.clerk, clause="1.10.35.7 X"
        )
    if pair.kind is MatchKind.deceased:
        return Settled(ApplicationOutcome.deceased, MatchBasis.clerk, "1.10.35.8 C(5)")
    if pair.kind is MatchKind.felony_incarceration:
        return Settled(ApplicationOutcome.felony_incarceration, MatchBasis.clerk, "1.10.35.8 C(4)")
    raise ValueError(f"a {pair.kind} record is never raised for an application")


def existing_voter(
    voter_id: str, voter_county: County | None, county: County, *, basis: MatchBasis, clause: str
) -> Settled:
    """The applicant is this voter: an update, or a transfer when its county is another."""
    return Settled(
        ApplicationOutcome.existing_voter,
        basis,
        clause,
        voter_id=UUID(voter_id),
        transfer_from_county=voter_county if voter_county not in (None, county) else None,
    )


def maintenance_clause(kind: MatchKind) -> str:
    """The clause ordering the change of a voter positively matched to a record of ``kind``."""
    try:
        return MAINTENANCE_CLAUSES[kind]
    except KeyError:
        raise ValueError(f"a {kind} record does not change a voter") from None


def surviving_registration(a: tuple[UUID, date | None], b: tuple[UUID, date | None]) -> UUID:
    """Of two registrations of one person, the one that stays (docs/adr/0012).

    The later registration is the person's latest certificate, which states where they live now
    (1.10.35.8 A(1): the voter is updated and transferred); the other is cancelled. An unknown
    date counts as the earliest; on equal dates the lower voter id stays, so the answer does not
    depend on which record was found from which.
    """
    (id_a, on_a), (id_b, on_b) = a, b
    key_a, key_b = (on_a or date.min, -id_a.int), (on_b or date.min, -id_b.int)
    return id_a if key_a > key_b else id_b


def field_evidence(subject: Identity, candidate: Identity) -> dict[Field, FieldAgreement]:
    """Each field of 1.10.35.7 SS as the clerk sees it: agrees, differs, or not stated by one
    of the records (a missing SSN is not evidence against a match, nor for it)."""
    agree = agreeing_fields(subject, candidate)
    stated = {
        Field.name: all((subject.first_name, subject.last_name))
        and all((candidate.first_name, candidate.last_name)),
        Field.date_of_birth: None not in (subject.date_of_birth, candidate.date_of_birth),
        Field.ssn: bool(subject.ssn_index and candidate.ssn_index),
        Field.address: all((subject.street, subject.zip5, candidate.street, candidate.zip5)),
    }
    return {
        field: FieldAgreement.agrees
        if field in agree
        else FieldAgreement.differs
        if stated[field]
        else FieldAgreement.not_stated
        for field in Field
    }


def record_of(registrant: Registrant, county: County | None) -> ReviewedRecord:
    """A registrant as the clerk sees it: the name as written, DOB, last four, address."""
    return ReviewedRecord(
        name=registrant.name,
        date_of_birth=registrant.date_of_birth,
        ssn_last4=registrant.ssn.last4,
        residence_address=registrant.residence_address,
        county=county,
    )
