"""What every bulk-load benchmark does the same way (reported, never asserted).

A benchmark parses ``--rows N`` and ``--database URL``, works in a temporary folder deleted
afterwards (with an embedded PostgreSQL started for the run, its service's schema migrated,
unless ``--database`` names a migrated one), times each load, prints it, and writes its results
to ``bench/reports/<name>.json``. The people in its files are synthetic, drawn at run time.
"""

import argparse
import json
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TypeVar

from vrs_embedded.postgres import EmbeddedPostgres, ensure_database
from vrs_plumbing.bulk_load import BulkLoadReport
from vrs_plumbing.migrations import upgrade
from vrs_plumbing.runtime import ServiceSpec

REPORTS = Path(__file__).resolve().parent / "reports"
FIRST_NAMES = ["Alma", "Benito", "Celia", "Dario", "Elena", "Fidel", "Gloria", "Hector"]
COUNTIES = ["bernalillo", "santa_fe", "dona_ana", "san_juan", "taos", "Santa Fe", "Doña Ana"]

COUNTS_IN_ORDER = ("inserted", "updated", "unchanged", "rejected")
SAID = {"inserted": "new"}

Result = TypeVar("Result")


def arguments(doc: str, *, default_rows: int, service: str) -> argparse.Namespace:
    """``--rows`` and ``--database`` of a benchmark whose module docstring is ``doc``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--rows", type=int, default=default_rows)
    parser.add_argument("--database", metavar="URL", help=f"a database with {service} migrated")
    return parser.parse_args()


@contextmanager
def bench_folder(database_url: str | None, spec: ServiceSpec) -> Iterator[tuple[Path, str]]:
    """A temporary folder and a database URL: ``database_url`` as given, else a fresh embedded
    PostgreSQL with ``spec``'s schema migrated. Both are gone afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="vrs-bench-", dir="/tmp"))
    server: EmbeddedPostgres | None = None
    try:
        if database_url is None:
            server = EmbeddedPostgres(folder / "pg", runtime_dir=folder / "run")
            admin_url = server.start()
            ensure_database(admin_url, "bench")
            database_url = server.url("bench")
            upgrade(database_url, spec.schema, spec.migrations)
        yield folder, database_url
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def timed(load: Callable[[], Result]) -> tuple[Result, float]:
    """What ``load`` returned, and how many seconds it took."""
    started = time.perf_counter()
    result = load()
    return result, time.perf_counter() - started


def synthetic_name(draw: random.Random, n: int, stem: str) -> list[str]:
    """The name columns (first, middle, last, suffix) of made-up person ``n``: the last name
    is ``stem`` and two letters, so that names repeat across a large file as they do in life."""
    return [draw.choice(FIRST_NAMES), "", f"{stem}{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}", ""]


def synthetic_date(draw: random.Random, first_year: int, last_year: int) -> str:
    """A made-up date written YYYY-MM-DD (days 1 to 28, so every month has it)."""
    return (
        f"{draw.randint(first_year, last_year)}-{draw.randint(1, 12):02d}-{draw.randint(1, 28):02d}"
    )


def load_result(name: str, report: BulkLoadReport, seconds: float) -> dict[str, object]:
    """Print one line for a load (``first_load: 1,000 rows in 0.50 s (2,000 rows/s): 990 new,
    …``) and give its results: time, rate and every count of its report."""
    fields = asdict(report)
    counts = {what: fields[what] for what in COUNTS_IN_ORDER if what in fields}
    told = ", ".join(f"{count:,} {SAID.get(what, what)}" for what, count in counts.items())
    rows = report.rows_read
    print(f"{name}: {rows:,} rows in {seconds:.2f} s ({rows / seconds:,.0f} rows/s): {told}")
    return {"seconds": round(seconds, 3), "rows_per_second": round(rows / seconds), **counts}


def first_load_and_reload(load: Callable[[], BulkLoadReport]) -> dict[str, object]:
    """Time ``load`` twice, a first load and then the same file again; print and give both."""
    return {name: load_result(name, *timed(load)) for name in ("first_load", "reload")}


def write_report(name: str, results: dict[str, object]) -> None:
    """The results as ``bench/reports/<name>.json``."""
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n")
