"""The clerk's review queue: raising pairs, reading them, resolving them, and what a resolution
settles (1.10.35.7 SS, X; 1.10.35.8 A(1), C(4), C(5); 1.10.35.9 D(1), E(1)).

Intake (``handlers.match_application``) and list maintenance raise pairs through the same
``raise_reviews``, and every decision, whoever makes it, goes through ``resolve_review``: one
place publishes ``ReviewResolved`` and what the decision settles, in the caller's transaction.
"""

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from uuid import UUID, uuid4

from psycopg.types.json import Jsonb

from vrs_contracts.api.reviews import ReviewedRecord, ReviewResolution, ReviewSummary, ReviewView
from vrs_contracts.counties import County
from vrs_contracts.envelope import envelope
from vrs_contracts.events import (
    ApplicationMatchSettled,
    ReviewRaised,
    ReviewResolved,
    VoterMatchConfirmed,
)
from vrs_contracts.events.matching import DUPLICATE_KINDS
from vrs_contracts.vocabulary import (
    MatchBasis,
    MatchKind,
    ReviewDecision,
    ReviewState,
    ReviewSubject,
)
from vrs_matching.domain.review import (
    Found,
    ReviewedPair,
    Settled,
    maintenance_clause,
    settle_after_review,
    surviving_registration,
)
from vrs_plumbing.db import Connection
from vrs_plumbing.errors import ApiError, FieldProblem
from vrs_plumbing.outbox import add_to_outbox

SOURCE = "/vrs/matching"


@dataclass(frozen=True)
class Trace:
    """Where a flow's events belong: its correlation id, and the event or request that caused
    them (None for an HTTP request, whose id is the correlation id)."""

    correlation_id: UUID
    causation_id: UUID | None = None


@dataclass(frozen=True)
class QueueFilter:
    """The only ways to select from the queue (1.10.35.9: never by a protected class)."""

    county: County | None
    states: tuple[ReviewState, ...]
    kind: MatchKind | None
    limit: int


async def raise_reviews(
    conn: Connection,
    *,
    subject: ReviewSubject,
    subject_id: UUID,
    county: County,
    subject_record: ReviewedRecord,
    found: Sequence[Found],
    key: str,
    trace: Trace,
) -> list[UUID]:
    """Put each pair in ``county``'s queue, unless that pair was raised before (resolved or not);
    publish ``ReviewRaised`` for each new one. Returns the ids of the tasks raised now."""
    raised: list[UUID] = []
    now = datetime.now(UTC)
    for pair in found:
        candidate = pair.candidate
        row = await (
            await conn.execute(
                """
                INSERT INTO review_tasks (
                    review_id, county, subject, subject_id, kind, record_id, strength, score,
                    evidence, explanation, contrary, subject_record, candidate_record, raised_at
                ) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
                ON CONFLICT (subject_id, kind, record_id) DO NOTHING
                RETURNING review_id
                """,
                (
                    uuid4(),
                    county,
                    subject,
                    subject_id,
                    candidate.kind,
                    candidate.record_id,
                    candidate.strength,
                    candidate.score,
                    Jsonb(dict(pair.evidence)),
                    Jsonb([asdict(reading) for reading in pair.explanation]),
                    list(pair.contrary),
                    Jsonb(subject_record.model_dump(mode="json")),
                    Jsonb(pair.record.model_dump(mode="json")),
                    now,
                ),
            )
        ).fetchone()
        if row is None:
            continue
        raised.append(row["review_id"])
        event = ReviewRaised(
            review_id=row["review_id"],
            county=county,
            subject=subject,
            subject_id=subject_id,
            kind=candidate.kind,
            strength=candidate.strength,
            score=candidate.score,
            raised_at=now,
        )
        await _publish(conn, event, key=key, trace=trace, subject=f"review/{row['review_id']}")
    return raised


async def list_reviews(conn: Connection, selection: QueueFilter) -> list[ReviewSummary]:
    """The queue, best-scored first."""
    rows = await (
        await conn.execute(
            "SELECT review_id, county, subject, subject_id, kind, record_id, strength, score,"
            " state, decision, raised_at, resolved_at FROM review_tasks"
            " WHERE (%(county)s::text IS NULL OR county = %(county)s)"
            " AND state = ANY(%(states)s)"
            " AND (%(kind)s::text IS NULL OR kind = %(kind)s)"
            " ORDER BY score DESC, raised_at, review_id LIMIT %(limit)s",
            {
                "county": selection.county,
                "states": [str(s) for s in selection.states],
                "kind": selection.kind,
                "limit": selection.limit,
            },
        )
    ).fetchall()
    return [ReviewSummary.model_validate(row) for row in rows]


async def find_review(conn: Connection, review_id: UUID) -> ReviewView | None:
    """One task with both records and the evidence, or None."""
    row = await (
        await conn.execute("SELECT * FROM review_tasks WHERE review_id = %s", (review_id,))
    ).fetchone()
    return None if row is None else ReviewView.model_validate(row)


async def resolve_review(
    conn: Connection,
    review_id: UUID,
    resolution: ReviewResolution,
    *,
    actor: str,
    trace: Trace,
) -> ReviewView:
    """Record a decision on a task and publish it, with what it settles.

    ``needs_contact`` keeps the task open (state needs_contact) and can be followed by another
    decision; ``match`` and ``not_a_match`` resolve it for good (409 if tried again). Then, for an
    application, the settlement the decisions so far allow (``settle_after_review``); for a voter,
    a confirmed match becomes ``VoterMatchConfirmed``, unless it is a felony record the clerk
    cleared in person (1.10.35.9 D(2): the registration stands). Nothing happens on a weak match
    until here.
    """
    task = await (
        await conn.execute(
            "SELECT state, kind FROM review_tasks WHERE review_id = %s FOR UPDATE", (review_id,)
        )
    ).fetchone()
    if task is None:
        raise ApiError(404, "no such review")
    if task["state"] == ReviewState.resolved:
        raise ApiError(409, "this review is already resolved")
    decision = resolution.decision
    if resolution.appeared_in_person and (
        decision is not ReviewDecision.match or task["kind"] != MatchKind.felony_incarceration
    ):
        raise ApiError(
            422,
            "the review cannot be resolved so",
            [
                FieldProblem(
                    "appeared_in_person",
                    "may be true only with decision match on a felony_incarceration record "
                    "(1.10.35.8 C(4), 1.10.35.9 D(2))",
                )
            ],
        )
    state = (
        ReviewState.needs_contact
        if decision is ReviewDecision.needs_contact
        else ReviewState.resolved
    )
    row = await (
        await conn.execute(
            "UPDATE review_tasks SET state = %s, decision = %s, note = %s, resolved_by = %s,"
            " resolved_at = %s, appeared_in_person = %s WHERE review_id = %s RETURNING *",
            (
                state,
                decision,
                resolution.note,
                actor,
                datetime.now(UTC),
                resolution.appeared_in_person,
                review_id,
            ),
        )
    ).fetchone()
    assert row is not None
    view = ReviewView.model_validate(row)
    key = await _key_of(conn, view)
    resolved = ReviewResolved(
        review_id=view.review_id,
        county=view.county,
        subject=view.subject,
        subject_id=view.subject_id,
        kind=view.kind,
        record_id=view.record_id,
        decision=decision,
        resolved_by=actor,
        resolved_at=row["resolved_at"],
        appeared_in_person=view.appeared_in_person,
    )
    await _publish(conn, resolved, key=key, trace=trace, subject=f"review/{view.review_id}")
    if view.subject is ReviewSubject.application and state is ReviewState.resolved:
        await _settle_after_review(conn, view, key=key, trace=trace)
    elif (
        view.subject is ReviewSubject.voter
        and decision is ReviewDecision.match
        and not view.appeared_in_person
    ):
        await confirm_voter_match(
            conn,
            voter_id=view.subject_id,
            county=view.county,
            kind=view.kind,
            record_id=view.record_id,
            basis=MatchBasis.clerk,
            review_id=view.review_id,
            trace=trace,
        )
    return view


async def settle_application(
    conn: Connection,
    application_id: UUID,
    settled: Settled,
    *,
    person_key: str,
    review_ids: Sequence[UUID],
    trace: Trace,
) -> bool:
    """Settle an application's match once, and publish ``ApplicationMatchSettled``; False when
    it was settled already (a later decision on another of its tasks settles nothing more)."""
    row = await (
        await conn.execute(
            "UPDATE match_results SET settled_outcome = %s, settled_at = %s"
            " WHERE application_id = %s AND settled_at IS NULL RETURNING application_id",
            (settled.outcome, datetime.now(UTC), application_id),
        )
    ).fetchone()
    if row is None:
        return False
    event = ApplicationMatchSettled(
        application_id=application_id,
        person_key=person_key,
        outcome=settled.outcome,
        voter_id=settled.voter_id,
        transfer_from_county=settled.transfer_from_county,
        basis=settled.basis,
        clause=settled.clause,
        review_ids=list(review_ids),
    )
    await _publish(
        conn, event, key=person_key, trace=trace, subject=f"application/{application_id}"
    )
    return True


async def _settle_after_review(
    conn: Connection, task: ReviewView, *, key: str, trace: Trace
) -> None:
    rows = await (
        await conn.execute(
            "SELECT review_id, kind, record_id, candidate_record->>'county' AS record_county,"
            " state, decision, resolved_at, appeared_in_person FROM review_tasks"
            " WHERE subject_id = %s"
            " ORDER BY raised_at, review_id",
            (task.subject_id,),
        )
    ).fetchall()
    pairs = [
        ReviewedPair(
            kind=MatchKind(r["kind"]),
            record_id=r["record_id"],
            record_county=County(r["record_county"]) if r["record_county"] else None,
            state=ReviewState(r["state"]),
            decision=ReviewDecision(r["decision"]) if r["decision"] else None,
            resolved_at=r["resolved_at"],
            appeared_in_person=r["appeared_in_person"],
        )
        for r in rows
    ]
    settled = settle_after_review(pairs, task.county)
    if settled is not None:
        await settle_application(
            conn,
            task.subject_id,
            settled,
            person_key=key,
            review_ids=[r["review_id"] for r in rows],
            trace=trace,
        )


async def confirm_voter_match(
    conn: Connection,
    *,
    voter_id: UUID,
    county: County,
    kind: MatchKind,
    record_id: str,
    basis: MatchBasis,
    review_id: UUID | None,
    trace: Trace,
) -> None:
    """Publish that a voter positively matches a record of ``kind`` (1.10.35.7 X): a strong
    match acted on automatically, or a clerk's confirmation of a weak one. Registration applies
    the clause of the kind; for a duplicate, the later registration survives."""
    duplicate_of = None
    if kind in DUPLICATE_KINDS:
        duplicate_of = surviving_registration(
            (voter_id, await _registered_on(conn, voter_id)),
            (UUID(record_id), await _registered_on(conn, UUID(record_id))),
        )
    confirmed = VoterMatchConfirmed(
        voter_id=voter_id,
        county=county,
        kind=kind,
        basis=basis,
        record_id=record_id,
        review_id=review_id,
        clause=maintenance_clause(kind),
        duplicate_of=duplicate_of,
    )
    await _publish(conn, confirmed, key=str(voter_id), trace=trace, subject=f"voter/{voter_id}")


async def _registered_on(conn: Connection, voter_id: UUID) -> date | None:
    row = await (
        await conn.execute(
            "SELECT registered_on FROM voter_projection WHERE voter_id = %s", (voter_id,)
        )
    ).fetchone()
    registered_on: date | None = None if row is None else row["registered_on"]
    return registered_on


async def _key_of(conn: Connection, task: ReviewView) -> str:
    """The partition key of a task's events: the applicant's person key, or the voter id."""
    if task.subject is ReviewSubject.voter:
        return str(task.subject_id)
    row = await (
        await conn.execute(
            "SELECT person_key FROM match_results WHERE application_id = %s", (task.subject_id,)
        )
    ).fetchone()
    if row is None:
        raise LookupError(f"review {task.review_id} is about an application never looked up")
    return str(row["person_key"])


async def _publish(
    conn: Connection,
    event: ReviewRaised | ReviewResolved | ApplicationMatchSettled | VoterMatchConfirmed,
    *,
    key: str,
    trace: Trace,
    subject: str,
) -> None:
    await add_to_outbox(
        conn,
        envelope(
            event,
            source=SOURCE,
            correlation_id=trace.correlation_id,
            causation_id=trace.causation_id,
            subject=subject,
        ),
        key=key,
    )
