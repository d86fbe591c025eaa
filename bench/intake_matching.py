"""Benchmark of intake-time matching against a statewide voter file and MVD index (reported,
never asserted).

``.venv/bin/python bench/intake_matching.py [--voters N] [--mvd N] [--applicants N]
[--database URL]`` builds the synthetic New Mexico-like voter file of ``bench/synthetic_voters.py``
(N records, with its duplicates, typos and hard negatives), holds a sample of its records out,
loads the rest into matching's voter-file projection with their blocking keys (COPY), and loads N
made-up licences into the MVD index (``vrs import mvd``'s loader). Then, one applicant at a time
on one connection, as the matching consumer does it, it times:
- the intake look-up of each held-out record (``handlers.look_up``: candidate search over the
  voter file and the death and felony records, scoring, the raising rule), and how many of the
  held-out records' true counterparts in the file it raised;
- the online identity check (``check_mvd_identity``) of licence numbers in the index.
It prints look-ups per second with p50/p95 latency and writes ``bench/reports/intake_matching.json``.
The documented run is ``--voters 1400000 --mvd 1600000``.
"""

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import _common as common
from mvd_import import write_file as write_mvd_file
from synthetic_voters import generate, identity_of
from voter_projection import county_of, load_voters

from vrs_contracts.api.matching import MvdIdentityQuery
from vrs_matching.adapters.mvd_import import import_mvd_file
from vrs_matching.bootstrap import SPEC
from vrs_matching.domain.scoring import DEFAULT_THRESHOLDS
from vrs_matching.service_layer.handlers import look_up
from vrs_matching.service_layer.mvd_identity import check_mvd_identity
from vrs_plumbing.blind_index import ssn_blind_index
from vrs_plumbing.db import create_pool


async def timed_each(count: int, one: Callable[[int], Awaitable[Any]]) -> dict[str, float]:
    """Run ``one(i)`` for i in range(count), one after another: rate and latency."""
    latencies = []
    started = time.perf_counter()
    for i in range(count):
        began = time.perf_counter()
        await one(i)
        latencies.append(time.perf_counter() - began)
    elapsed = time.perf_counter() - started
    quantiles = statistics.quantiles(latencies, n=20)
    return {
        "count": count,
        "seconds": round(elapsed, 2),
        "per_second": round(count / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 2),
        "p95_ms": round(quantiles[18] * 1000, 2),
    }


async def run(args: argparse.Namespace, database_url: str, folder: Any) -> dict[str, Any]:
    key = os.urandom(32)
    results: dict[str, Any] = {"voters": args.voters, "mvd": args.mvd}
    started = time.perf_counter()
    made = generate(int(args.voters / 1.14), seed=args.seed)  # about 1.14 records a person
    draw = random.Random(args.seed)
    held = set(draw.sample(range(len(made.records)), args.applicants))
    people = [(record, identity_of(record, key)) for record in made.records]
    loaded = [p for i, p in enumerate(people) if i not in held]
    results["voter_file_records"] = len(loaded)
    print(f"{len(loaded):,} voters made in {time.perf_counter() - started:.0f} s", flush=True)

    voter_ids: dict[str, str] = {}
    pool = create_pool(database_url, SPEC.schema)
    await pool.open(wait=True)
    try:
        async with pool.connection() as conn:
            (_, seconds) = await _timed(load_voters(conn, loaded, voter_ids))
        results["voter_load_seconds"] = round(seconds, 1)
        print(f"voter file projected with blocking keys in {seconds:.0f} s", flush=True)

        counterparts = _true_counterparts(made.true_pairs, {people[i][0].source_id for i in held})
        applicants = [people[i] for i in sorted(held)]
        found_true = 0

        async def one_look_up(i: int) -> None:
            nonlocal found_true
            record, who = applicants[i]
            async with pool.connection() as conn, conn.transaction():
                found = await look_up(conn, who, county_of(record), DEFAULT_THRESHOLDS)
            raised = {f.candidate.record_id for f in found}
            if raised & {voter_ids[s] for s in counterparts.get(record.source_id, ())}:
                found_true += 1

        results["intake_look_up"] = await timed_each(len(applicants), one_look_up)
        with_counterpart = sum(1 for r, _ in applicants if counterparts.get(r.source_id))
        results["intake_look_up"]["applicants_with_a_registration_in_the_file"] = with_counterpart
        results["intake_look_up"]["of_which_raised_its_registration"] = found_true
        print(f"intake look-up: {results['intake_look_up']}", flush=True)

        path = folder / "mvd.csv"
        write_mvd_file(path, args.mvd)
        (_, seconds) = await _timed(
            asyncio.to_thread(
                import_mvd_file,
                path,
                database_url=database_url,
                index_key=key,
                today=date(2026, 11, 21),
                on_problem=lambda _problem: None,
            )
        )
        results["mvd_load_seconds"] = round(seconds, 1)
        print(f"MVD index of {args.mvd:,} licences loaded in {seconds:.0f} s", flush=True)

        async def one_identity_check(i: int) -> None:
            query = MvdIdentityQuery(
                mvd_id=f"NM{draw.randrange(args.mvd):09d}",
                ssn_blind_index=ssn_blind_index(key, f"{100000000 + i}"),
                date_of_birth=date(1970, 1, 1),
            )
            async with pool.connection() as conn:
                await check_mvd_identity(conn, query)

        results["identity_check"] = await timed_each(args.applicants, one_identity_check)
        print(f"online identity check: {results['identity_check']}", flush=True)
    finally:
        await pool.close()
    return results


async def _timed(work: Awaitable[Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = await work
    return result, time.perf_counter() - started


def _true_counterparts(pairs: set[tuple[str, str]], held: set[str]) -> dict[str, set[str]]:
    """For each held-out record, its true pairs still in the loaded file."""
    counterparts: dict[str, set[str]] = {}
    for a, b in pairs:
        if a in held and b not in held:
            counterparts.setdefault(a, set()).add(b)
        if b in held and a not in held:
            counterparts.setdefault(b, set()).add(a)
    return counterparts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=100_000)
    parser.add_argument("--mvd", type=int, default=100_000)
    parser.add_argument("--applicants", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database", metavar="URL", help="a database with matching migrated")
    args = parser.parse_args()
    with common.bench_folder(args.database, SPEC) as (folder, database_url):
        results = asyncio.run(run(args, database_url, folder))
    common.write_report("intake_matching", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
