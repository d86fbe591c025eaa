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

import argparse
import csv
import json
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from uuid import uuid4

from vrs_embedded.postgres import EmbeddedPostgres, ensure_database
from vrs_plumbing.migrations import upgrade
from vrs_registration.adapters.vault import SsnVault
from vrs_registration.adapters.voter_import import (
    VoterImportReport,
    import_voter_file,
    staging_row,
)
from vrs_registration.bootstrap import SPEC
from vrs_registration.domain.voter_file import VOTER_COLUMNS, VoterRecord, read_voter_row

REPORTS = Path(__file__).resolve().parent / "reports"
FIRST_NAMES = ["Alma", "Benito", "Celia", "Dario", "Elena", "Fidel", "Gloria", "Hector"]
COUNTIES = ["bernalillo", "santa_fe", "dona_ana", "san_juan", "taos", "Santa Fe", "Doña Ana"]
STATUSES = ["active"] * 8 + ["inactive", "suspense"]
PARTIES = ["DEM", "REP", "LIB", "", "DTS", "GRN"]
TODAY = date(2026, 11, 21)


def synthetic_ssn(draw: random.Random) -> str:
    area = draw.choice([a for a in range(1, 773) if a != 666])
    return f"{area:03d}{draw.randint(1, 99):02d}{draw.randint(1, 9999):04d}"


def write_file(path: Path, rows: int, seed: int = 1) -> list[str]:
    """``rows`` made-up voters; about one row in a thousand is bad on purpose. Returns the SSNs."""
    draw = random.Random(seed)
    ssns = []
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(VOTER_COLUMNS)
        for n in range(rows):
            ssn = synthetic_ssn(draw)
            ssns.append(ssn)
            full = n % 10 != 0
            writer.writerow(
                [
                    f"B{n:09d}",
                    draw.choice(FIRST_NAMES),
                    "",
                    f"Benchvoter{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}",
                    "",
                    f"{draw.randint(1930, 2007)}-{draw.randint(1, 12):02d}-{draw.randint(1, 28):02d}",
                    (ssn if n % 1000 != 1 else ssn[:8]) if full else "",
                    "" if full else ssn[-4:],
                    draw.choice(["F", "M", ""]),
                    f"{draw.randint(1, 9999)} Synthetic Rd",
                    "Santa Fe",
                    "NM",
                    "87501",
                    draw.choice(COUNTIES),
                    draw.choice(PARTIES),
                    draw.choice(STATUSES),
                    f"{draw.randint(2008, 2025)}-{draw.randint(1, 12):02d}-{draw.randint(1, 28):02d}",
                ]
            )
    return ssns


def timed_load(
    path: Path, database_url: str, vault: SsnVault, key: bytes
) -> tuple[VoterImportReport, float]:
    started = time.perf_counter()
    report = import_voter_file(
        path,
        database_url=database_url,
        vault=vault,
        index_key=key,
        today=TODAY,
        on_problem=lambda _problem: None,
    )
    return report, time.perf_counter() - started


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database", metavar="URL", help="a database with registration migrated")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vrs-bench-", dir="/tmp"))
    server: EmbeddedPostgres | None = None
    try:
        database_url = args.database
        if database_url is None:
            server = EmbeddedPostgres(folder / "pg", runtime_dir=folder / "run")
            admin_url = server.start()
            ensure_database(admin_url, "bench")
            database_url = server.url("bench")
            upgrade(database_url, SPEC.schema, SPEC.migrations)
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
        for name in ("first_load", "reload"):
            report, seconds = timed_load(path, database_url, vault, key)
            results[name] = {
                "seconds": round(seconds, 3),
                "rows_per_second": round(report.rows_read / seconds),
                "inserted": report.inserted,
                "unchanged": report.unchanged,
                "rejected": report.rejected,
            }
            print(
                f"{name}: {report.rows_read:,} rows in {seconds:.2f} s "
                f"({report.rows_read / seconds:,.0f} rows/s): {report.inserted:,} new, "
                f"{report.unchanged:,} unchanged, {report.rejected:,} rejected"
            )
        REPORTS.mkdir(exist_ok=True)
        (REPORTS / "voter_import.json").write_text(json.dumps(results, indent=2) + "\n")
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
