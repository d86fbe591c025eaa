"""Benchmark of the statewide duplicate sweep as ``vrs sweep`` runs it, against the voter-file
projection in PostgreSQL (reported, never asserted).

``.venv/bin/python bench/sweep_db.py [--voters N] [--seed S] [--database URL]`` builds the
synthetic New Mexico-like voter file of ``bench/synthetic_voters.py`` (about N records, with its
duplicates, typos and hard negatives), COPYs every record into matching's voter-file projection
with its blocking keys (``bench/voter_projection.py``), and runs ``sweep_database`` once. That is
the code of ``vrs sweep``: it reads every voter through a server-side cursor, compares them
(``domain/sweep.py``), confirms each strong pair and raises a review for each likely duplicate,
a batch of pairs per transaction. It prints and writes to ``bench/reports/sweep_db.json``:

- the load time, and the sweep's wall time from the call to its return, split by its progress
  reports into reading the voters and comparing them while acting on the pairs;
- voters read, pairs found, confirmed (strong) and sent for review, and the rows written;
- recall and precision of the pairs against the synthetic truth (the voter ids mapped back to
  the records' source ids), wrong strong pairs, and the hard negatives raised.

The documented run is ``--voters 1400000``.
"""

import argparse
import asyncio
import os
import resource
import sys
import time
from typing import Any

import _common as common
from synthetic_voters import generate, identity_of
from voter_projection import load_voters

from vrs_contracts.vocabulary import MatchStrength
from vrs_matching.bootstrap import SPEC
from vrs_matching.domain.scoring import DEFAULT_THRESHOLDS
from vrs_matching.service_layer.sweep_run import (
    SweepAction,
    SweepProgress,
    SweepReport,
    sweep_database,
)
from vrs_plumbing.db import Connection, create_pool

RECORDS_PER_PERSON = 1.13  # what synthetic_voters.generate makes, on average
PRINT_EVERY_PAIRS = 25_000
Pair = tuple[str, str]


class Phases:
    """The sweep's progress reports, timed: when reading ended, and pairs found as it went."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.reading_done_at: float | None = None
        self.printed_pairs = 0

    def update(self, progress: SweepProgress) -> None:
        """Take one progress report; print when reading ends and every so many pairs."""
        elapsed = time.perf_counter() - self.started
        if progress.reading_done and self.reading_done_at is None:
            self.reading_done_at = elapsed
            print(f"  {progress.voters_read:,} voters read in {elapsed:.0f} s", flush=True)
        if progress.pairs_found >= self.printed_pairs + PRINT_EVERY_PAIRS:
            self.printed_pairs = progress.pairs_found
            print(f"  {progress.pairs_found:,} pairs acted on at {elapsed:.0f} s", flush=True)


async def run(args: argparse.Namespace, database_url: str) -> dict[str, Any]:
    key = os.urandom(32)
    results: dict[str, Any] = {"voters": args.voters, "seed": args.seed}
    started = time.perf_counter()
    made = generate(round(args.voters / RECORDS_PER_PERSON), seed=args.seed)
    people = [(record, identity_of(record, key)) for record in made.records]
    results["records_loaded"] = len(people)
    results["true_pairs"] = len(made.true_pairs)
    made_seconds = time.perf_counter() - started
    print(f"{len(people):,} voters made in {made_seconds:.0f} s", flush=True)

    voter_ids: dict[str, str] = {}
    pool = create_pool(database_url, SPEC.schema)
    await pool.open(wait=True)
    try:
        async with pool.connection() as conn:
            started = time.perf_counter()
            await load_voters(conn, people, voter_ids)
            results["load_seconds"] = round(time.perf_counter() - started, 1)
        print(f"voter file projected with blocking keys in {results['load_seconds']:.0f} s")
        del people  # the sweep reads its own copy of the voters
        made.records = []

        print("sweeping (sweep_database, as vrs sweep runs it)", flush=True)
        phases = Phases()
        report = await sweep_database(database_url, DEFAULT_THRESHOLDS, on_progress=phases.update)
        seconds = time.perf_counter() - phases.started
        results["sweep"] = _sweep_figures(report, seconds, phases)
        source_of = {voter_id: source_id for source_id, voter_id in voter_ids.items()}
        results["accuracy"] = _accuracy(report, source_of, made.true_pairs, made.hard_negatives)
        async with pool.connection() as conn:
            results["rows_written"] = {
                table: await _count(conn, table)
                for table in ("swept_pairs", "review_tasks", "outbox")
            }
    finally:
        await pool.close()
    results["peak_memory_gb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 1)
    return results


def _sweep_figures(report: SweepReport, seconds: float, phases: Phases) -> dict[str, Any]:
    """The sweep's counts and times, printed as ``vrs sweep`` would sum them up."""
    read = phases.reading_done_at
    figures = {
        "seconds": round(seconds, 1),
        "reading_seconds": round(read, 1) if read is not None else None,
        "comparing_and_acting_seconds": round(seconds - read, 1) if read is not None else None,
        "voters_read": report.voters_read,
        "voters_per_second": round(report.voters_read / seconds),
        "pairs_found": len(report.pairs),
        "confirmed_strong": report.count(SweepAction.confirmed),
        "sent_for_review": report.count(SweepAction.reviewed),
        "already_raised": report.count(SweepAction.already_raised),
    }
    print(
        f"sweep: {report.voters_read:,} voters read, {len(report.pairs):,} pairs found: "
        f"{figures['confirmed_strong']:,} strong matches confirmed, "
        f"{figures['sent_for_review']:,} sent for review, "
        f"{figures['already_raised']:,} already raised; {seconds:.1f} s "
        f"(reading {figures['reading_seconds']} s, comparing and acting "
        f"{figures['comparing_and_acting_seconds']} s)",
        flush=True,
    )
    return figures


def _accuracy(
    report: SweepReport,
    source_of: dict[str, str],
    true_pairs: set[Pair],
    hard_negatives: dict[str, set[Pair]],
) -> dict[str, Any]:
    """Recall and precision of the pairs raised, of the strong ones and of the review queue,
    their voter ids mapped back to the synthetic records' source ids."""
    raised: set[Pair] = set()
    strong: set[Pair] = set()
    for pair in report.pairs:
        a, b = sorted((source_of[str(pair.voter_id_a)], source_of[str(pair.voter_id_b)]))
        raised.add((a, b))
        if pair.strength is MatchStrength.strong:
            strong.add((a, b))
    review = raised - strong
    true = len(raised & true_pairs)
    result: dict[str, Any] = {
        "true_pairs": len(true_pairs),
        "raised": len(raised),
        "true_raised": true,
        "recall": _share(true, len(true_pairs)),
        "precision": _share(true, len(raised)),
        "strong": len(strong),
        "wrong_strong": len(strong - true_pairs),
        "review_queue": len(review),
        "review_precision": _share(len(review & true_pairs), len(review)),
        **{f"{kind}_raised": len(raised & pairs) for kind, pairs in hard_negatives.items()},
    }
    print(
        f"accuracy: recall {result['recall']}  precision {result['precision']}  "
        f"({true:,} of {len(raised):,} raised pairs true, of {len(true_pairs):,} true pairs)  "
        f"wrong strong {result['wrong_strong']}  review queue {len(review):,} precision "
        f"{result['review_precision']}  "
        + "  ".join(f"{kind}_raised {len(raised & p)}" for kind, p in hard_negatives.items()),
        flush=True,
    )
    return result


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


async def _count(conn: Connection, table: str) -> int:
    query = f"SELECT count(*) AS rows FROM {table}"  # noqa: S608 - one of our table names
    row = await (await conn.execute(query)).fetchone()
    return int(row["rows"]) if row else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=100_000, help="records in the voter file")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database", metavar="URL", help="a database with matching migrated")
    args = parser.parse_args()
    with common.bench_folder(args.database, SPEC) as (_folder, database_url):
        results = asyncio.run(run(args, database_url))
    common.write_report("sweep_db", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
