"""Benchmark of the MVD bulk load (reported, never asserted).

``.venv/bin/python bench/mvd_import.py [--rows N] [--database URL]`` writes a file of N
synthetic people (SSNs drawn at run time, in a temporary folder deleted afterwards), loads it
into a fresh database (an embedded PostgreSQL started for the run unless ``--database`` names
one whose matching schema is migrated), loads it again (every row an update), and prints rows
per second of each load. The result also goes to ``bench/reports/mvd_import.json``.
"""

import csv
import os
import random
import sys
from datetime import date
from functools import partial
from pathlib import Path

import _common as common

from vrs_embedded.synthetic import issuable_ssn
from vrs_matching.adapters.mvd_import import import_mvd_file
from vrs_matching.bootstrap import SPEC
from vrs_matching.domain.mvd_file import MVD_COLUMNS


def write_file(path: Path, rows: int, seed: int = 1) -> None:
    """``rows`` made-up people; about one row in a thousand is bad on purpose."""
    draw = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(MVD_COLUMNS)
        for n in range(rows):
            ssn = issuable_ssn(draw)
            writer.writerow(
                [
                    f"NM{n:09d}",
                    *common.synthetic_name(draw, n, "Benchperson"),
                    common.synthetic_date(draw, 1930, 2007),
                    ssn if n % 1000 else ssn[:8],
                    f"{draw.randint(1, 9999)} Synthetic Rd",
                    "Santa Fe",
                    "NM",
                    "87501",
                    draw.choice(common.COUNTIES),
                    draw.choice(["true", "false", ""]),
                ]
            )


def main() -> int:
    args = common.arguments(__doc__, default_rows=200_000, service="matching")
    with common.bench_folder(args.database, SPEC) as (folder, database_url):
        path = folder / "mvd.csv"
        write_file(path, args.rows)
        results: dict[str, object] = {"rows": args.rows, "file_bytes": path.stat().st_size}
        load = partial(
            import_mvd_file,
            path,
            database_url=database_url,
            index_key=os.urandom(32),
            today=date.today(),  # noqa: DTZ011 - a calendar date bounds a date of birth
            on_problem=lambda _problem: None,
        )
        results |= common.first_load_and_reload(load)
        common.write_report("mvd_import", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
