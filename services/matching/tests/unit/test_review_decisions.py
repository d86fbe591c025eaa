"""What a match decides and what waits for the clerk: 1.10.35.7 X; 1.10.35.8 A(1), A(3), C(4),
C(5); 1.10.35.9 A(3), D(1), E(1), G. Pure functions, one table per clause."""

from datetime import UTC, date, datetime, timedelta
from uuid import UUID

import pytest

from vrs_contracts.api.reviews import ReviewedRecord
from vrs_contracts.counties import County
from vrs_contracts.events.matching import MatchCandidate
from vrs_contracts.people import PersonName
from vrs_contracts.vocabulary import (
    ApplicationOutcome,
    FieldAgreement,
    MatchBasis,
    MatchKind,
    MatchStrength,
    ReviewDecision,
    ReviewState,
)
from vrs_matching.domain.identity import Field, Identity
from vrs_matching.domain.review import (
    Found,
    ReviewedPair,
    Settled,
    ToReview,
    decide_application_match,
    field_evidence,
    maintenance_clause,
    settle_after_review,
    surviving_registration,
)

HERE, THERE = County.santa_fe, County.taos
VOTER, OTHER = UUID(int=7), UUID(int=8)
SEEN = datetime(2026, 11, 21, 9, tzinfo=UTC)

STRONG, WEAK = MatchStrength.strong, MatchStrength.weak
SAME, ELSEWHERE = MatchKind.duplicate_same_county, MatchKind.duplicate_other_county
DEATH, FELONY = MatchKind.deceased, MatchKind.felony_incarceration


def found(
    kind: MatchKind, strength: MatchStrength, record_id: str = str(VOTER), county: County = HERE
) -> Found:
    return Found(
        candidate=MatchCandidate(
            kind=kind, strength=strength, score=0.75, record_id=record_id, agreeing_fields=[]
        ),
        evidence={},
        record=ReviewedRecord(name=PersonName(first_name="A", last_name="B"), county=county),
    )


def pair(
    kind: MatchKind = SAME,
    decision: ReviewDecision | None = None,
    *,
    record_id: str = str(VOTER),
    county: County | None = HERE,
    minutes: int = 0,
    in_person: bool = False,
) -> ReviewedPair:
    state = (
        ReviewState.open
        if decision is None
        else ReviewState.needs_contact
        if decision is ReviewDecision.needs_contact
        else ReviewState.resolved
    )
    return ReviewedPair(
        kind=kind,
        record_id=record_id,
        record_county=county,
        state=state,
        decision=decision,
        resolved_at=None if decision is None else SEEN + timedelta(minutes=minutes),
        appeared_in_person=in_person,
    )


NEW_REGISTRANT = Settled(ApplicationOutcome.new_registrant, MatchBasis.no_match, "1.10.35.8 A(1)")


@pytest.mark.parametrize(
    ("candidates", "decided"),
    [
        ([], NEW_REGISTRANT),
        ([found(MatchKind.mvd, STRONG, "NM1")], NEW_REGISTRANT),
        (
            [found(MatchKind.other_state, WEAK, "os-1"), found(MatchKind.ncoa, WEAK, "n-1")],
            NEW_REGISTRANT,
        ),
        (
            [found(SAME, STRONG)],
            Settled(ApplicationOutcome.existing_voter, MatchBasis.strong, "1.10.35.8 A(1)", VOTER),
        ),
        (
            [found(ELSEWHERE, STRONG, county=THERE), found(MatchKind.mvd, STRONG, "NM1")],
            Settled(
                ApplicationOutcome.existing_voter, MatchBasis.strong, "1.10.35.8 A(1)", VOTER, THERE
            ),
        ),
    ],
    ids=[
        "nothing found: a new registrant",
        "an MVD record is no registration",
        "other-state and NCOA records wait for maintenance, not intake",
        "one strong duplicate in the county: the voter is updated",
        "one strong duplicate elsewhere: the voter is transferred",
    ],
)
def test_a1_what_the_lookup_settles_at_once(candidates: list[Found], decided: Settled) -> None:
    assert decide_application_match(candidates, HERE) == decided


@pytest.mark.parametrize(
    "candidates",
    [
        [found(SAME, WEAK)],
        [found(ELSEWHERE, WEAK, county=THERE)],
        [found(SAME, STRONG), found(ELSEWHERE, STRONG, str(OTHER), THERE)],
        [found(SAME, STRONG), found(SAME, WEAK, str(OTHER))],
        [found(DEATH, STRONG, "death-1")],
        [found(FELONY, STRONG, "felony-1")],
        [found(SAME, STRONG), found(DEATH, WEAK, "death-1")],
    ],
    ids=[
        "SS: a weak duplicate",
        "SS: a weak duplicate in another county",
        "two strong registrations: which one is the clerk's to say",
        "a strong duplicate beside a weak one",
        "C(5): a death record, even strong",
        "C(4): a felony record, even strong",
        "A(3): a strong duplicate beside a death record",
    ],
)
def test_every_other_lookup_raises_each_candidate_for_the_clerk_and_settles_nothing(
    candidates: list[Found],
) -> None:
    mvd = found(MatchKind.mvd, WEAK, "NM1")
    assert decide_application_match([*candidates, mvd], HERE) == ToReview(tuple(candidates))


@pytest.mark.parametrize(
    ("pairs", "settled"),
    [
        (
            [pair(SAME, ReviewDecision.match)],
            Settled(ApplicationOutcome.existing_voter, MatchBasis.clerk, "1.10.35.7 X", VOTER),
        ),
        (
            [pair(ELSEWHERE, ReviewDecision.match, county=THERE)],
            Settled(
                ApplicationOutcome.existing_voter, MatchBasis.clerk, "1.10.35.7 X", VOTER, THERE
            ),
        ),
        (
            [pair(DEATH, ReviewDecision.match, record_id="death-1", county=None), pair(SAME)],
            Settled(ApplicationOutcome.deceased, MatchBasis.clerk, "1.10.35.8 C(5)"),
        ),
        (
            [pair(FELONY, ReviewDecision.match, record_id="felony-1", county=None)],
            Settled(ApplicationOutcome.felony_incarceration, MatchBasis.clerk, "1.10.35.8 C(4)"),
        ),
        (
            [pair(SAME, ReviewDecision.not_a_match), pair(DEATH, ReviewDecision.not_a_match)],
            Settled(ApplicationOutcome.new_registrant, MatchBasis.clerk, "1.10.35.8 A(1)"),
        ),
        (
            [
                pair(SAME, ReviewDecision.match, minutes=5),
                pair(ELSEWHERE, ReviewDecision.match, record_id=str(OTHER), county=THERE),
            ],
            Settled(
                ApplicationOutcome.existing_voter, MatchBasis.clerk, "1.10.35.7 X", OTHER, THERE
            ),
        ),
        (
            [
                pair(FELONY, ReviewDecision.match, record_id="f-1", county=None, in_person=True),
                pair(SAME, ReviewDecision.not_a_match),
            ],
            Settled(ApplicationOutcome.new_registrant, MatchBasis.clerk, "1.10.35.8 C(4)"),
        ),
        (
            [
                pair(FELONY, ReviewDecision.match, record_id="f-1", county=None, in_person=True),
                pair(SAME, ReviewDecision.match, minutes=5),
            ],
            Settled(ApplicationOutcome.existing_voter, MatchBasis.clerk, "1.10.35.7 X", VOTER),
        ),
        (
            [
                pair(FELONY, ReviewDecision.match, record_id="f-1", county=None, in_person=True),
                pair(DEATH, ReviewDecision.match, record_id="d-1", county=None, minutes=5),
            ],
            Settled(ApplicationOutcome.deceased, MatchBasis.clerk, "1.10.35.8 C(5)"),
        ),
    ],
    ids=[
        "X: the clerk confirms the registration in the county",
        "X and A(1): the clerk confirms one in another county, a transfer",
        "C(5): a confirmed death record settles even with a task still open",
        "C(4): a confirmed felony record",
        "every pair not a match: a new registrant",
        "the first pair confirmed decides",
        "C(4): a felony record matched but cleared in person: a new registrant",
        "C(4): cleared in person, and a registration confirmed: the existing voter",
        "C(4): cleared in person, but a death record confirmed",
    ],
)
def test_x_what_the_clerks_decisions_settle(pairs: list[ReviewedPair], settled: Settled) -> None:
    assert settle_after_review(pairs, HERE) == settled


@pytest.mark.parametrize(
    "pairs",
    [
        [pair(SAME)],
        [pair(SAME, ReviewDecision.needs_contact)],
        [pair(SAME, ReviewDecision.not_a_match), pair(DEATH)],
        [pair(SAME, ReviewDecision.not_a_match), pair(DEATH, ReviewDecision.needs_contact)],
        [pair(FELONY, ReviewDecision.match, county=None, in_person=True), pair(SAME)],
        [],
    ],
    ids=[
        "still open",
        "waiting for contact",
        "one not a match, one open",
        "one not a match, one waiting for contact",
        "a felony record cleared in person, a registration still open",
        "no pair at all",
    ],
)
def test_ss_nothing_is_settled_while_a_pair_waits_for_the_clerk(pairs: list[ReviewedPair]) -> None:
    assert settle_after_review(pairs, HERE) is None


@pytest.mark.parametrize(
    ("kind", "clause"),
    [
        (DEATH, "1.10.35.9 E(1)"),
        (FELONY, "1.10.35.9 D(1)"),
        (MatchKind.other_state, "1.10.35.9 G"),
        (MatchKind.ncoa, "1.10.35.9 A(3)"),
        (SAME, "1.10.35.7 L"),
        (ELSEWHERE, "1.10.35.7 L"),
    ],
)
def test_a_voter_matched_to_a_record_changes_under_the_clause_of_its_kind(
    kind: MatchKind, clause: str
) -> None:
    assert maintenance_clause(kind) == clause


def test_an_mvd_record_never_changes_a_voter() -> None:
    with pytest.raises(ValueError, match="does not change a voter"):
        maintenance_clause(MatchKind.mvd)


@pytest.mark.parametrize(
    ("a_on", "b_on", "survivor"),
    [
        (date(2020, 1, 1), date(2024, 5, 1), OTHER),
        (date(2024, 5, 1), date(2020, 1, 1), VOTER),
        (None, date(2020, 1, 1), OTHER),
        (date(2022, 2, 2), date(2022, 2, 2), VOTER),
    ],
    ids=["the later stays", "either way round", "an unknown date is the earliest", "a tie"],
)
def test_of_two_registrations_the_latest_stays_whichever_was_found_first(
    a_on: date | None, b_on: date | None, survivor: UUID
) -> None:
    assert surviving_registration((VOTER, a_on), (OTHER, b_on)) == survivor
    assert surviving_registration((OTHER, b_on), (VOTER, a_on)) == survivor


def test_ss_evidence_tells_a_differing_field_from_one_not_stated() -> None:
    subject = Identity("ANA", "ROMERO", date(1980, 1, 2), "idx-1", "1 PLAZA", "87501")
    candidate = Identity("ANA", "ROMERO", date(1980, 1, 2), "idx-2", "", "")
    assert field_evidence(subject, candidate) == {
        Field.name: FieldAgreement.agrees,
        Field.date_of_birth: FieldAgreement.agrees,
        Field.ssn: FieldAgreement.differs,
        Field.address: FieldAgreement.not_stated,
    }
    assert field_evidence(subject, Identity("ANA", "ROMERO", None, None, "1 PLAZA", "87501")) == {
        Field.name: FieldAgreement.agrees,
        Field.date_of_birth: FieldAgreement.not_stated,
        Field.ssn: FieldAgreement.not_stated,
        Field.address: FieldAgreement.agrees,
    }
