"""Benchmark of the MVD bulk load (reported, never asserted).

``.venv/bin/python bench/mvd_import.py [--rows N] [--database URL]`` writes a file of N
synthetic people (SSNs drawn at run time, in a temporary folder deleted afterwards), loads it
into a fresh database (an embedded PostgreSQL started for the run unless ``--database`` names
one whose matching schema is migrated), loads it again (every row an update), and prints rows
per second of each load. The result also goes to ``bench/reports/mvd_import.json``.
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

from vrs_embedded.postgres import EmbeddedPostgres, ensure_database
from vrs_matching.adapters.mvd_import import MvdImportReport, import_mvd_file
from vrs_matching.bootstrap import SPEC
from vrs_matching.domain.mvd_file import MVD_COLUMNS
from vrs_plumbing.migrations import upgrade

REPORTS = Path(__file__).resolve().parent / "reports"
FIRST_NAMES = ["Alma", "Benito", "Celia", "Dario", "Elena", "Fidel", "Gloria", "Hector"]
COUNTIES = ["bernalillo", "santa_fe", "dona_ana", "san_juan", "taos", "Santa Fe", "Doña Ana"]


def write_file(path: Path, rows: int, seed: int = 1) -> None:
    """``rows`` made-up people; about one row in a thousand is bad on purpose."""
    draw = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(MVD_COLUMNS)
        for n in range(rows):
            area = draw.choice([a for a in range(1, 773) if a != 666])
            ssn = f"{area:03d}{draw.randint(1, 99):02d}{draw.randint(1, 9999):04d}"
            writer.writerow(
                [
                    f"NM{n:09d}",
                    draw.choice(FIRST_NAMES),
                    "",
                    f"Benchperson{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}",
                    "",
                    f"{draw.randint(1930, 2007)}-{draw.randint(1, 12):02d}-{draw.randint(1, 28):02d}",
                    ssn if n % 1000 else ssn[:8],
                    f"{draw.randint(1, 9999)} Synthetic Rd",
                    "Santa Fe",
                    "NM",
                    "87501",
                    draw.choice(COUNTIES),
                    draw.choice(["true", "false", ""]),
                ]
            )


def timed_load(path: Path, database_url: str, key: bytes) -> tuple[MvdImportReport, float]:
    started = time.perf_counter()
    report = import_mvd_file(
        path,
        database_url=database_url,
        index_key=key,
        today=date.today(),  # noqa: DTZ011 - a calendar date bounds a date of birth
        on_problem=lambda _problem: None,
    )
    return report, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--database", metavar="URL", help="a database with matching migrated")
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
        path = folder / "mvd.csv"
        write_file(path, args.rows)
        key = os.urandom(32)
        results = {"rows": args.rows, "file_bytes": path.stat().st_size}
        for name in ("first_load", "reload"):
            report, seconds = timed_load(path, database_url, key)
            results[name] = {
                "seconds": round(seconds, 3),
                "rows_per_second": round(report.rows_read / seconds),
                "inserted": report.inserted,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "rejected": report.rejected,
            }
            print(
                f"{name}: {report.rows_read:,} rows in {seconds:.2f} s "
                f"({report.rows_read / seconds:,.0f} rows/s): {report.inserted:,} new, "
                f"{report.updated:,} updated, {report.unchanged:,} unchanged, "
                f"{report.rejected:,} rejected"
            )
        REPORTS.mkdir(exist_ok=True)
        (REPORTS / "mvd_import.json").write_text(json.dumps(results, indent=2) + "\n")
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
