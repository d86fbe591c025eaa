"""Benchmark of the county voter-file load (reported, never asserted).

``.venv/bin/python bench/voter_import.py [--rows N] [--database URL]`` writes a file of N
synthetic voters (SSNs drawn at run time, in a temporary folder deleted afterwards; one voter in
ten gives only the last four digits), loads it into a fresh database (an embedded PostgreSQL
started for the run unless ``--database`` names one whose registration schema is migrated),
loads it again (every row already loaded, nothing written), and prints rows per second of each
load. Apart, it times what the load spends per row in Python: sealing an SSN with AES-GCM (and
its blind index), and building the ``VoterRegistered`` event. The result also goes to
``bench/reports/voter_import.json``.
"""

import csv
import os
import random
import sys
import time
from datetime import date
from functools import partial
from pathlib import Path
from uuid import uuid4

import _common as common

from vrs_embedded.synthetic import issuable_ssn
from vrs_registration.adapters.vault import SsnVault
from vrs_registration.adapters.voter_import import import_voter_file, staging_row
from vrs_registration.bootstrap import SPEC
from vrs_registration.domain.voter_file import VOTER_COLUMNS, VoterRecord, read_voter_row

STATUSES = ["active"] * 8 + ["inactive", "suspense"]
PARTIES = ["DEM", "REP", "LIB", "", "DTS", "GRN"]
TODAY = date(2026, 11, 21)


def write_file(path: Path, rows: int, seed: int = 1) -> list[str]:
    """``rows`` made-up voters; about one row in a thousand is bad on purpose. Returns the SSNs."""
    draw = random.Random(seed)
    ssns = []
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(VOTER_COLUMNS)
        for n in range(rows):
            ssn = issuable_ssn(draw)
            ssns.append(ssn)
            full = n % 10 != 0
            writer.writerow(
                [
                    f"B{n:09d}",
                    *common.synthetic_name(draw, n, "Benchvoter"),
                    common.synthetic_date(draw, 1930, 2007),
                    (ssn if n % 1000 != 1 else ssn[:8]) if full else "",
                    "" if full else ssn[-4:],
                    draw.choice(["F", "M", ""]),
                    f"{draw.randint(1, 9999)} Synthetic Rd",
                    "Santa Fe",
                    "NM",
                    "87501",
                    draw.choice(common.COUNTIES),
                    draw.choice(PARTIES),
                    draw.choice(STATUSES),
                    common.synthetic_date(draw, 2008, 2025),
                ]
            )
    return ssns


def per_row_costs(ssns: list[str], vault: SsnVault) -> dict[str, float]:
    """Microseconds per row of the Python work the load does: sealing, and the event."""
    sample = ssns[: min(len(ssns), 100_000)]
    started = time.perf_counter()
    for ssn in sample:
        vault.seal(ssn)
    seal_us = (time.perf_counter() - started) / len(sample) * 1e6  # blind index + AES-GCM
    row = dict(zip(VOTER_COLUMNS, ["S1", "Alma", "", "Test", "", "1980-01-01", sample[0], "", "F",
               "1 Way", "Santa Fe", "NM", "87501", "santa_fe", "DEM", "active", "2010-01-01"], strict=True))  # fmt: skip
    record = read_voter_row(
        row,
        line=2,
        today=TODAY,
        qualified_parties=frozenset({"DEM"}),
        seal_ssn=vault.seal,
        index_name_dob=lambda *_: "x",
    )
    assert isinstance(record, VoterRecord)
    started = time.perf_counter()
    correlation_id = uuid4()
    for _ in sample:
        staging_row(record, correlation_id)
    event_us = (time.perf_counter() - started) / len(sample) * 1e6
    return {
        "seal_ssn_microseconds": round(seal_us, 2),
        "seal_1m_ssns_seconds": round(seal_us, 1),
        "event_microseconds": round(event_us, 2),
    }


def main() -> int:
    args = common.arguments(__doc__, default_rows=100_000, service="registration")
    with common.bench_folder(args.database, SPEC) as (folder, database_url):
        path = folder / "voters.csv"
        ssns = write_file(path, args.rows)
        key = os.urandom(32)
        vault = SsnVault({"bench": os.urandom(32)}, "bench", key)
        results: dict[str, object] = {"rows": args.rows, "file_bytes": path.stat().st_size}
        results["per_row"] = costs = per_row_costs(ssns, vault)
        print(
            f"per row: sealing an SSN {costs['seal_ssn_microseconds']} µs "
            f"(1M SSNs: {costs['seal_1m_ssns_seconds']} s), "
            f"building its event {costs['event_microseconds']} µs"
        )
        results |= common.first_load_and_reload(
            partial(
                import_voter_file,
                path,
                database_url=database_url,
                vault=vault,
                index_key=key,
                today=TODAY,
                on_problem=lambda _problem: None,
            )
        )
        common.write_report("voter_import", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
