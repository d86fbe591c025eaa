"""``vrs import deaths|felony|other-state|ncoa FILE.csv``: like ``vrs import mvd``, each loads
its feed into a real PostgreSQL, reports bad rows by line and column, never prints an SSN, and
answers with the same exit codes; loading the same file again changes nothing."""

import base64
import csv
import os
import random
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from vrs_cli.main import main
from vrs_embedded.synthetic import issuable_ssn
from vrs_matching.adapters.feed_tables import TABLES
from vrs_matching.bootstrap import SPEC
from vrs_matching.domain.feed_files import FEED_KINDS
from vrs_plumbing.blind_index import ssn_blind_index
from vrs_plumbing.migrations import upgrade

Row = dict[str, str]
draw = random.Random()


def synthetic_rows(kind: str, count: int) -> list[Row]:
    """Made-up people of a feed file, with SSNs drawn now (no SSN is kept in any file)."""
    rows = []
    for n in range(count):
        person = {
            "first_name": "Sample",
            "middle_name": "",
            "last_name": f"Testperson{'abcdefghij'[n % 10]}",
            "suffix": "",
            "date_of_birth": f"19{draw.randint(30, 89)}-01-0{draw.randint(1, 9)}",
        }
        rows.append(
            {
                "deaths": {
                    **person,
                    "ssn": issuable_ssn(draw),
                    "date_of_death": "2025-05-01",
                    "county": "santa_fe",
                    "source": "doh",
                },
                "felony": {
                    **person,
                    "ssn": issuable_ssn(draw),
                    "facility": "",
                    "incarcerated_on": "2025-05-01",
                    "source": "courts",
                },
                "other-state": {
                    **person,
                    "ssn_last4": f"{draw.randint(1, 9999):04d}",
                    "state": "CO",
                    "registered_on": "2025-05-01",
                },
                "ncoa": {
                    "first_name": "Sample",
                    "last_name": person["last_name"],
                    "old_street": f"{n + 1} Example St",
                    "old_city": "Santa Fe",
                    "old_zip": "87501",
                    "new_street": "",
                    "new_city": "",
                    "new_state": "",
                    "new_zip": "",
                    "move_date": "2025-05-01",
                },
            }[kind]
        )
    return rows


def write_csv(path: Path, kind: str, rows: list[Row], *, drop: str | None = None) -> Path:
    columns = [column for column in FEED_KINDS[kind].columns if column != drop]
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def matching_db(database_url: str) -> str:
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    return database_url


@pytest.fixture
def key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """A blind-index key in a file named by ``VRS_BLIND_INDEX_KEY_FILE``; the key's bytes."""
    key = os.urandom(32)
    path = tmp_path / "blind-index.key"
    path.write_text(base64.b64encode(key).decode() + "\n")
    monkeypatch.setenv("VRS_BLIND_INDEX_KEY_FILE", str(path))
    return key


@pytest.fixture(autouse=True)
def no_key_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VRS_BLIND_INDEX_KEY_FILE", raising=False)
    monkeypatch.delenv("VRS_DATA_DIR", raising=False)


def stored(database_url: str, kind: str) -> list[tuple[str, str | None]]:
    """(last name, SSN blind index) of every stored record of ``kind``."""
    ssn = "NULL" if kind in {"other-state", "ncoa"} else "ssn_index"
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            f"SELECT last_name, {ssn} FROM matching.{TABLES[kind]} ORDER BY last_name"  # noqa: S608 - names of our own
        ).fetchall()
    return [(row[0], row[1]) for row in rows]


@pytest.mark.parametrize("kind", list(FEED_KINDS))
def test_vrs_import_of_a_feed_loads_every_row_and_exits_0_with_a_summary(
    kind: str,
    matching_db: str,
    key_file: bytes,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = synthetic_rows(kind, 4)
    path = write_csv(tmp_path / f"{kind}.csv", kind, rows)

    code = main(["import", kind, str(path), "--database", matching_db])

    captured = capsys.readouterr()
    assert code == 0
    assert captured.out == (
        f"vrs import {kind} {path}: 4 rows read, 4 loaded (4 new, 0 unchanged), 0 rejected\n"
    )
    assert captured.err == ""
    assert stored(matching_db, kind) == [
        (row["last_name"], ssn_blind_index(key_file, row["ssn"]) if "ssn" in row else None)
        for row in rows
    ]


@pytest.mark.parametrize("kind", list(FEED_KINDS))
def test_vrs_import_of_the_same_feed_file_again_changes_nothing(
    kind: str,
    matching_db: str,
    key_file: bytes,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write_csv(tmp_path / f"{kind}.csv", kind, synthetic_rows(kind, 3))
    main(["import", kind, str(path), "--database", matching_db])

    code = main(["import", kind, str(path), "--database", matching_db])

    assert code == 0
    assert (
        capsys.readouterr()
        .out.splitlines()[-1]
        .endswith("3 rows read, 3 loaded (0 new, 3 unchanged), 0 rejected")
    )
    assert len(stored(matching_db, kind)) == 3


def test_vrs_import_deaths_reports_bad_rows_loads_the_rest_and_exits_1_never_printing_an_ssn(
    matching_db: str,
    key_file: bytes,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = synthetic_rows("deaths", 5)
    rows[1]["ssn"] = rows[1]["ssn"][:8]
    rows[3]["source"] = "hearsay"
    rows[3]["date_of_death"] = "1900-01-01"
    path = write_csv(tmp_path / "deaths.csv", "deaths", rows)

    code = main(["import", "deaths", str(path), "--database", matching_db])

    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.splitlines() == [
        f"{path} line 3: ssn: must be nine digits",
        f"{path} line 5: date_of_death: must not be before date_of_birth",
        f"{path} line 5: source: must be one of doh, tribal",
    ]
    assert captured.out.endswith("5 rows read, 3 loaded (3 new, 0 unchanged), 2 rejected\n")
    for row in rows:
        assert row["ssn"] not in captured.out + captured.err
    assert len(stored(matching_db, "deaths")) == 3


def test_a_feed_file_without_the_promised_columns_is_a_usage_error_and_loads_nothing(
    matching_db: str, key_file: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = synthetic_rows("other-state", 1)
    path = write_csv(tmp_path / "notices.csv", "other-state", rows, drop="registered_on")

    code = main(["import", "other-state", str(path), "--database", matching_db])

    assert code == 2
    assert capsys.readouterr().err == (
        f"vrs import: {path}: the header lacks the column(s): registered_on\n"
    )
    assert stored(matching_db, "other-state") == []


def test_a_database_without_matchings_migrations_says_what_to_run(
    database_url: str, key_file: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "ncoa.csv", "ncoa", synthetic_rows("ncoa", 1))

    code = main(["import", "ncoa", str(path), "--database", database_url])

    assert code == 1
    assert "run matching's migrations first" in capsys.readouterr().err


def test_the_vrs_console_script_imports_felony_records_exiting_1_on_a_bad_row_without_an_ssn(
    matching_db: str, key_file: bytes, tmp_path: Path
) -> None:
    rows = synthetic_rows("felony", 3)
    rows[2]["incarcerated_on"] = "01/02/2025"
    path = write_csv(tmp_path / "felony.csv", "felony", rows)
    vrs = Path(sys.executable).with_name("vrs")

    done = subprocess.run(
        [str(vrs), "import", "felony", str(path), "--database", matching_db],
        env={**os.environ, "VRS_BLIND_INDEX_KEY_FILE": str(tmp_path / "blind-index.key")},
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 1
    assert done.stderr == f"{path} line 4: incarcerated_on: must be a date written YYYY-MM-DD\n"
    assert done.stdout.endswith("3 rows read, 2 loaded (2 new, 0 unchanged), 1 rejected\n")
    for row in rows:
        assert row["ssn"] not in done.stdout + done.stderr
