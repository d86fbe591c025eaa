"""List maintenance: each feed record run once against the voter file (1.10.35.9).

A death record (DOH, E(1); a tribe's or pueblo's notarized list, F(2)) or a felony incarceration
(D(1)) that strongly matches a voter (1.10.35.7 JJ) changes that voter without a clerk: the
match is confirmed and registration marks the voter ``removable``/``deceased`` or
``not_eligible``/``felony_incarceration``. Every other pair the clerk shall investigate — each
literal weak match (1.10.35.7 SS), and each pair the score raises — goes to the voter's county's
queue, and nothing is done to the voter until the clerk decides. An other-state notice (G)
states at most the last four SSN digits and an NCOA record (A(1)) no DOB and no SSN: neither
can ever be a strong match, so theirs always go to the clerk.

The run is uniform (1.10.35.9 opening sentence): it takes the records in the order they arrived
and every voter the search finds, never selecting by party, gender, age or residence.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from psycopg import sql

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import MatchBasis, MatchKind, MatchStrength, ReviewSubject
from vrs_matching.adapters.candidate_search import (
    DEATHS,
    FELONIES,
    NCOA,
    OTHER_STATE,
    VOTERS,
    SearchedRecords,
    identity_of_row,
    reviewed_record,
    search,
)
from vrs_matching.domain.blocking import blocking_keys
from vrs_matching.domain.scoring import Thresholds, compare, raise_for_maintenance
from vrs_matching.service_layer.handlers import candidate_found
from vrs_matching.service_layer.reviews import Trace, confirm_voter_match, raise_reviews
from vrs_plumbing.db import Connection

ACTS_WHEN_STRONG = frozenset({MatchKind.deceased, MatchKind.felony_incarceration})
"""Kinds whose strong match changes the voter without a clerk (1.10.35.9 D(1), E(1), F(2))."""
KEEPS_BLOCKING_KEYS = frozenset({DEATHS.table, FELONIES.table})
"""Feed tables that intake searches (1.10.35.8 A(3)), so their records keep blocking keys."""
UNCHANGEABLE = ("cancelled",)
"""Voters a record no longer concerns."""


@dataclass(frozen=True)
class MaintainedFeed:
    """A feed whose records are run against the voter file, and what a match with one means."""

    records: SearchedRecords
    kind: MatchKind


FEEDS = (
    MaintainedFeed(DEATHS, MatchKind.deceased),
    MaintainedFeed(FELONIES, MatchKind.felony_incarceration),
    MaintainedFeed(OTHER_STATE, MatchKind.other_state),
    MaintainedFeed(NCOA, MatchKind.ncoa),
)


@dataclass
class MaintenanceReport:
    """What one run did."""

    records: int = 0
    confirmed: int = 0
    reviews_raised: int = 0

    def counts(self) -> dict[str, object]:
        """The counts, for the run's log line."""
        return {
            "records": self.records,
            "confirmed": self.confirmed,
            "reviews_raised": self.reviews_raised,
        }


async def run_feed_records(
    conn: Connection, thresholds: Thresholds, *, batch: int = 200
) -> MaintenanceReport:
    """Run up to ``batch`` records of each feed not yet run (oldest first) against the voter
    file; concurrent runs take different records (``SKIP LOCKED``)."""
    report = MaintenanceReport()
    for feed in FEEDS:
        records = feed.records
        rows = await (
            await conn.execute(
                sql.SQL(
                    "SELECT {columns} FROM {table} WHERE matched_at IS NULL"
                    " ORDER BY received_at LIMIT %s FOR UPDATE SKIP LOCKED"
                ).format(columns=records.identity_columns(), table=sql.Identifier(records.table)),
                (batch,),
            )
        ).fetchall()
        for row in rows:
            await _run_record(conn, feed, row, thresholds, report)
            report.records += 1
    return report


async def _run_record(
    conn: Connection,
    feed: MaintainedFeed,
    row: dict[str, Any],
    thresholds: Thresholds,
    report: MaintenanceReport,
) -> None:
    record = identity_of_row(row)
    trace = Trace(correlation_id=uuid4(), causation_id=None)
    for voter in await search(conn, VOTERS, record):
        if await _unchangeable(conn, voter["record_id"]):
            continue
        comparison = compare(identity_of_row(voter), record, thresholds)
        found = candidate_found(
            identity_of_row(voter),
            row,
            feed.kind,
            raise_for_maintenance(comparison, thresholds),
            comparison,
        )
        if found is None:
            continue
        voter_id, county = UUID(voter["record_id"]), County(voter["county"])
        if comparison.strength is MatchStrength.strong and feed.kind in ACTS_WHEN_STRONG:
            await confirm_voter_match(
                conn,
                voter_id=voter_id,
                county=county,
                kind=feed.kind,
                record_id=row["record_id"],
                basis=MatchBasis.strong,
                review_id=None,
                trace=trace,
            )
            report.confirmed += 1
            continue
        raised = await raise_reviews(
            conn,
            subject=ReviewSubject.voter,
            subject_id=voter_id,
            county=county,
            subject_record=reviewed_record(voter),
            found=[found],
            key=str(voter_id),
            trace=trace,
        )
        report.reviews_raised += len(raised)
    await _mark_run(conn, feed.records, row["record_id"], record_keys=blocking_keys(record))


async def _unchangeable(conn: Connection, voter_id: str) -> bool:
    row = await (
        await conn.execute("SELECT status FROM voter_projection WHERE voter_id = %s", (voter_id,))
    ).fetchone()
    return row is None or row["status"] in UNCHANGEABLE


async def _mark_run(
    conn: Connection, records: SearchedRecords, record_id: str, *, record_keys: frozenset[str]
) -> None:
    """The record has been run; a record intake searches keeps its blocking keys."""
    keys = (
        sql.SQL(", blocking_keys = {}").format(sql.Literal(sorted(record_keys)))
        if records.table in KEEPS_BLOCKING_KEYS
        else sql.SQL("")
    )
    await conn.execute(
        sql.SQL("UPDATE {table} SET matched_at = %s{keys} WHERE record_id = %s").format(
            table=sql.Identifier(records.table), keys=keys
        ),
        (datetime.now(UTC), record_id),
    )
