"""The statewide duplicate sweep over the projected voter file (1.10.35.7 L, JJ; 1.10.35.8 A(1)).

Every projected voter that is not ``cancelled`` is read through a server-side cursor and handed
to ``duplicate_pairs`` (``domain/sweep.py``). Each pair it raises is acted on once, a batch of
pairs per transaction:

- a strong match (1.10.35.7 JJ) is confirmed (``confirm_voter_match``, basis ``strong``):
  registration then cancels the earlier registration (docs/adr/0012);
- a likely duplicate goes to a clerk (``raise_reviews``, subject ``voter``): the pair's first
  voter (the lower voter id) is the subject and its county owns the task, so (A, B) and (B, A)
  are one task.

``swept_pairs`` (migration 0006) remembers what the sweep raised, so a pair raised before,
resolved or not, is not raised again; a pair reviewed before that is now strong is confirmed
once. The events go to matching's outbox, which the running service relays.

The sweep takes no selection (1.10.35.9: list maintenance is uniform and non-discriminatory):
it reads the whole file, and the projection has no party, gender or any other protected class
to select by.
"""

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid4

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import MatchBasis, MatchKind, MatchStrength, ReviewSubject
from vrs_matching.adapters.candidate_search import VOTERS, identity_of_row, reviewed_record
from vrs_matching.domain.identity import Identity
from vrs_matching.domain.scoring import Thresholds
from vrs_matching.domain.sweep import ScoredPair, duplicate_pairs
from vrs_matching.service_layer.handlers import candidate_found
from vrs_matching.service_layer.reviews import Trace, confirm_voter_match, raise_reviews
from vrs_plumbing.bulk_load import first_line
from vrs_plumbing.db import Connection

log = logging.getLogger(__name__)

SCHEMA = "matching"
NEEDED = ("voter_projection", "review_tasks", "swept_pairs", "outbox")
NOT_READY = (
    "this database has no voter projection ready for the sweep (matching.voter_projection, "
    "review_tasks and swept_pairs): run matching's migrations first "
    "(python -m vrs_matching migrate, or vrs up)"
)
SWEPT = "status <> 'cancelled'"
COUNT_VOTERS = f"SELECT count(*) AS voters FROM voter_projection WHERE {SWEPT}"  # noqa: S608 - a constant
READ_VOTERS = f"""
SELECT voter_id::text AS voter_id, first_name, middle_name, last_name, suffix, date_of_birth,
       ssn_index, ssn_last4, ssn_near, street, zip5
FROM voter_projection WHERE {SWEPT} ORDER BY voter_id
"""  # noqa: S608 - a constant
FETCH_ROWS = 10_000
PAIRS_PER_TRANSACTION = 500
PROGRESS_EVERY_VOTERS = 50_000
REMEMBER = """
INSERT INTO swept_pairs (voter_id_a, voter_id_b, strength, score, action, sweep_id, swept_at)
VALUES (%(a)s, %(b)s, %(strength)s, %(score)s, %(action)s, %(sweep_id)s, %(now)s)
ON CONFLICT (voter_id_a, voter_id_b) DO UPDATE SET
    strength = EXCLUDED.strength, score = EXCLUDED.score, action = EXCLUDED.action,
    sweep_id = EXCLUDED.sweep_id, swept_at = EXCLUDED.swept_at
WHERE swept_pairs.action = 'reviewed' AND EXCLUDED.action = 'confirmed'
RETURNING voter_id_a
"""


class SweepAction(StrEnum):
    """What this run did with a pair it found."""

    confirmed = "confirmed"
    reviewed = "reviewed"
    already_raised = "already_raised"


@dataclass(frozen=True)
class SweptPair:
    """A pair the sweep raised, as its report lists it: ``a`` before ``b`` by source id (a
    voter created by an application has none: its voter id stands in), the two voters, the
    kind of duplicate, the rule's strength, the score, and what this run did with it."""

    source_id_a: str
    source_id_b: str
    voter_id_a: UUID
    voter_id_b: UUID
    county_a: County
    county_b: County
    kind: MatchKind
    strength: MatchStrength
    score: float
    action: SweepAction


@dataclass(frozen=True)
class SweepProgress:
    """How far a run has got: voters to read (counted at its start), voters read, pairs found."""

    voters_total: int
    voters_read: int
    pairs_found: int
    reading_done: bool


ProgressSink = Callable[[SweepProgress], None]


@dataclass
class SweepReport:
    """What one run did; ``pairs`` in the order of the report file."""

    sweep_id: UUID
    voters_read: int = 0
    pairs: list[SweptPair] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, action: SweepAction) -> int:
        """How many pairs this run treated so."""
        return sum(1 for pair in self.pairs if pair.action is action)

    def log_fields(self) -> dict[str, object]:
        """The fields of the log line that ends a run."""
        return {
            "outcome": "complete",
            "sweep_id": str(self.sweep_id),
            "voters_read": self.voters_read,
            "pairs_found": len(self.pairs),
            **{f"pairs_{action}": self.count(action) for action in SweepAction},
            "seconds": round(self.seconds, 1),
        }


class SweepError(Exception):
    """The sweep could not run or finish; the text never quotes a record. Pairs acted on before
    a failure stay acted on (one transaction per batch), and a new run does not raise them again."""


async def sweep_database(
    database_url: str, thresholds: Thresholds, *, on_progress: ProgressSink | None = None
) -> SweepReport:
    """Connect to the system's database, in matching's schema, and sweep it (:func:`sweep`)."""
    try:
        conn = await psycopg.AsyncConnection.connect(
            database_url,
            options=f"-c search_path={SCHEMA}",
            autocommit=True,
            row_factory=dict_row,
        )
    except psycopg.Error as exc:
        raise SweepError(f"cannot reach the database: {first_line(exc)}") from None
    async with conn:
        try:
            missing = await (
                await conn.execute(
                    "SELECT count(*) AS missing FROM unnest(%s::text[]) AS name"
                    " WHERE to_regclass(name) IS NULL",
                    [list(NEEDED)],
                )
            ).fetchone()
            if missing is None or missing["missing"]:
                raise SweepError(NOT_READY)
            return await sweep(conn, thresholds, on_progress=on_progress)
        except psycopg.OperationalError as exc:
            raise SweepError(f"the database failed during the sweep ({first_line(exc)})") from None
        except psycopg.Error as exc:
            raise SweepError(
                f"the database refused the sweep (SQLSTATE {exc.sqlstate or 'unknown'})"
            ) from None


async def sweep(
    conn: Connection, thresholds: Thresholds, *, on_progress: ProgressSink | None = None
) -> SweepReport:
    """Sweep the whole voter file once (see the module docstring). ``conn`` is in autocommit:
    the read is one transaction, and each batch of pairs another."""
    started = time.monotonic()
    report = SweepReport(sweep_id=uuid4())
    log.info("sweep started", extra={"sweep_id": str(report.sweep_id)})
    records = await _read_voters(conn, report, on_progress)
    trace = Trace(correlation_id=report.sweep_id)
    batch: list[ScoredPair] = []
    for pair in duplicate_pairs(records, thresholds):
        batch.append(pair)
        if len(batch) == PAIRS_PER_TRANSACTION:
            await _act_on(conn, batch, report, trace)
            batch = []
            _tell(on_progress, report, len(records), reading_done=True)
    if batch:
        await _act_on(conn, batch, report, trace)
    _tell(on_progress, report, len(records), reading_done=True)
    report.pairs.sort(key=lambda p: (p.source_id_a, p.source_id_b, p.voter_id_a, p.voter_id_b))
    report.seconds = time.monotonic() - started
    log.info("sweep finished", extra=report.log_fields())
    return report


def _tell(
    on_progress: ProgressSink | None, report: SweepReport, total: int, *, reading_done: bool
) -> None:
    if on_progress:
        on_progress(SweepProgress(total, report.voters_read, len(report.pairs), reading_done))


async def _read_voters(
    conn: Connection, report: SweepReport, on_progress: ProgressSink | None
) -> list[tuple[str, Identity]]:
    """Every voter to sweep, by voter id, in one snapshot; streamed, never fetched at once."""
    records: list[tuple[str, Identity]] = []
    async with conn.transaction():
        counted = await (await conn.execute(COUNT_VOTERS)).fetchone()
        total = int(counted["voters"]) if counted else 0
        async with conn.cursor(name="sweep_voters") as cursor:
            cursor.itersize = FETCH_ROWS
            await cursor.execute(READ_VOTERS)
            async for row in cursor:
                records.append((row["voter_id"], identity_of_row(row)))
                report.voters_read += 1
                if report.voters_read % PROGRESS_EVERY_VOTERS == 0:
                    _tell(on_progress, report, total, reading_done=False)
    _tell(on_progress, report, total, reading_done=True)
    return records


async def _act_on(
    conn: Connection, batch: Sequence[ScoredPair], report: SweepReport, trace: Trace
) -> None:
    """Confirm or raise each pair of ``batch`` not raised before, in one transaction."""
    async with conn.transaction():
        voters = await _voters(conn, {voter for pair in batch for voter in (pair.a, pair.b)})
        now = datetime.now(UTC)
        for pair in batch:
            a, b = voters[pair.a], voters[pair.b]
            kind = (
                MatchKind.duplicate_same_county
                if a["county"] == b["county"]
                else MatchKind.duplicate_other_county
            )
            action = await _act_on_pair(conn, pair, a=a, b=b, kind=kind, trace=trace, now=now)
            report.pairs.append(_listed(pair, a, b, kind, action))


async def _act_on_pair(
    conn: Connection,
    pair: ScoredPair,
    *,
    a: dict[str, Any],
    b: dict[str, Any],
    kind: MatchKind,
    trace: Trace,
    now: datetime,
) -> SweepAction:
    """Confirm a strong pair, or raise a likely one for the clerk of ``a``'s county, unless
    the sweep raised it before (a reviewed pair now strong is confirmed)."""
    strength = pair.comparison.strength
    strong = strength is MatchStrength.strong
    remembered = await (
        await conn.execute(
            REMEMBER,
            {
                "a": pair.a,
                "b": pair.b,
                "strength": strength,
                "score": pair.comparison.score,
                "action": SweepAction.confirmed if strong else SweepAction.reviewed,
                "sweep_id": trace.correlation_id,
                "now": now,
            },
        )
    ).fetchone()
    if remembered is None:
        return SweepAction.already_raised
    subject, county = UUID(pair.a), County(a["county"])
    if strong:
        await confirm_voter_match(
            conn,
            voter_id=subject,
            county=county,
            kind=kind,
            record_id=pair.b,
            basis=MatchBasis.strong,
            review_id=None,
            trace=trace,
        )
        return SweepAction.confirmed
    found = candidate_found(identity_of_row(a), b, kind, True, pair.comparison)
    assert found is not None  # raised: the sweep raised it
    raised = await raise_reviews(
        conn,
        subject=ReviewSubject.voter,
        subject_id=subject,
        county=county,
        subject_record=reviewed_record(a),
        found=[found],
        key=pair.a,
        trace=trace,
    )
    return SweepAction.reviewed if raised else SweepAction.already_raised


async def _voters(conn: Connection, voter_ids: set[str]) -> dict[str, dict[str, Any]]:
    """The projected rows of ``voter_ids`` as the candidate search reads them, with the source
    id, by voter id."""
    query = sql.SQL(
        "SELECT {columns}, source_id FROM voter_projection WHERE voter_id = ANY(%s::uuid[])"
    ).format(columns=VOTERS.identity_columns())
    rows = await (await conn.execute(query, (sorted(voter_ids),))).fetchall()
    return {row["record_id"]: row for row in rows}


def _listed(
    pair: ScoredPair, a: dict[str, Any], b: dict[str, Any], kind: MatchKind, action: SweepAction
) -> SweptPair:
    """The pair as the report lists it, its two voters in the order of their source ids."""
    first, second = sorted((a, b), key=lambda v: (_source_id(v), v["record_id"]))
    return SweptPair(
        source_id_a=_source_id(first),
        source_id_b=_source_id(second),
        voter_id_a=UUID(first["record_id"]),
        voter_id_b=UUID(second["record_id"]),
        county_a=County(first["county"]),
        county_b=County(second["county"]),
        kind=kind,
        strength=pair.comparison.strength,
        score=pair.comparison.score,
        action=action,
    )


def _source_id(voter: dict[str, Any]) -> str:
    """The voter's id in its county file; its voter id when an application created it."""
    source_id: str = voter["source_id"] or voter["record_id"]
    return source_id
