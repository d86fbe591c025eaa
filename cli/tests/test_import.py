"""``vrs import KIND FILE.csv``: loads an MVD file into a real PostgreSQL, reports bad rows by
line and column, never prints an SSN, and answers with the promised exit codes."""

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
from vrs_embedded.secrets import ensure_secrets
from vrs_embedded.state import StackInfo, write_info
from vrs_matching.bootstrap import SPEC
from vrs_matching.domain.mvd_file import MVD_COLUMNS
from vrs_plumbing.blind_index import ssn_blind_index
from vrs_plumbing.migrations import upgrade

Row = dict[str, str]


def synthetic_rows(count: int) -> list[Row]:
    """Made-up people with SSNs drawn now (no SSN is kept in any committed file)."""
    draw = random.Random()
    rows = []
    for n in range(count):
        area = draw.choice([a for a in range(1, 773) if a != 666])
        rows.append(
            {
                "mvd_id": f"NM{draw.randint(10**8, 10**9 - 1)}",
                "first_name": "Sample",
                "middle_name": "",
                "last_name": f"Testperson{'abcdefghij'[n % 10]}",
                "suffix": "",
                "date_of_birth": "1990-01-01",
                "ssn": f"{area:03d}{draw.randint(1, 99):02d}{draw.randint(1, 9999):04d}",
                "street": "100 Example St",
                "city": "Santa Fe",
                "state": "NM",
                "zip": "87501",
                "county": "santa_fe",
                "expired": "no",
            }
        )
    return rows


def write_csv(path: Path, rows: list[Row], columns: tuple[str, ...] = MVD_COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
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


def stored_indexes(database_url: str) -> dict[str, str]:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT mvd_id, ssn_index FROM matching.mvd_records").fetchall()
    return {row[0]: row[1] for row in rows}


def test_vrs_import_mvd_loads_every_row_and_exits_0_with_a_summary(
    matching_db: str,
    key_file: bytes,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = synthetic_rows(4)
    path = write_csv(tmp_path / "mvd.csv", rows)

    code = main(["import", "mvd", str(path), "--database", matching_db])

    captured = capsys.readouterr()
    assert code == 0
    assert captured.out == (
        f"vrs import mvd {path}: 4 rows read, 4 loaded (4 new, 0 updated, 0 unchanged), 0 rejected\n"
    )
    assert captured.err == ""
    assert stored_indexes(matching_db) == {
        row["mvd_id"]: ssn_blind_index(key_file, row["ssn"]) for row in rows
    }


def test_vrs_import_mvd_reports_bad_rows_loads_the_rest_and_exits_1_never_printing_an_ssn(
    matching_db: str,
    key_file: bytes,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = synthetic_rows(5)
    rows[1]["ssn"] = rows[1]["ssn"][:8]
    rows[3]["expired"] = "perhaps"
    rows[3]["zip"] = "875"
    path = write_csv(tmp_path / "mvd.csv", rows)

    code = main(["import", "mvd", str(path), "--database", matching_db])

    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.splitlines() == [
        f"{path} line 3: ssn: must be nine digits",
        f"{path} line 5: zip: must be a ZIP code of 5 or 9 digits",
        f"{path} line 5: expired: must be true, false, 1, 0, yes, no or empty",
    ]
    assert captured.out.endswith(
        "5 rows read, 3 loaded (3 new, 0 updated, 0 unchanged), 2 rejected\n"
    )
    for row in rows:
        assert row["ssn"] not in captured.out + captured.err
    assert len(stored_indexes(matching_db)) == 3


def test_vrs_import_mvd_again_updates_changed_records_and_duplicates_none(
    matching_db: str, key_file: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = synthetic_rows(3)
    path = write_csv(tmp_path / "mvd.csv", rows)
    main(["import", "mvd", str(path), "--database", matching_db])
    rows[0]["street"] = "2 Moved Ave"
    write_csv(path, rows)

    code = main(["import", "mvd", str(path), "--database", matching_db])

    last_line = capsys.readouterr().out.splitlines()[-1]
    assert code == 0
    assert last_line.endswith("3 rows read, 3 loaded (0 new, 1 updated, 2 unchanged), 0 rejected")
    assert len(stored_indexes(matching_db)) == 3


def test_vrs_import_finds_the_database_and_key_in_the_running_stacks_data_folder(
    matching_db: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secrets = ensure_secrets(data_dir / "secrets")
    write_info(
        data_dir / "run" / "stack.json",
        StackInfo(
            owner_pid=os.getpid(),
            owner_cmdline=None,
            urls={},
            bootstrap_servers="127.0.0.1:1",
            database_url=matching_db,
        ),
    )
    rows = synthetic_rows(2)
    path = write_csv(tmp_path / "mvd.csv", rows)

    code = main(["import", "mvd", str(path), "--data-dir", str(data_dir)])

    key = base64.b64decode(secrets.blind_index_key.read_text())
    assert code == 0, capsys.readouterr().err
    assert stored_indexes(matching_db) == {
        row["mvd_id"]: ssn_blind_index(key, row["ssn"]) for row in rows
    }


def test_an_unknown_kind_is_a_usage_error_that_lists_the_kinds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["import", "parking-tickets", str(tmp_path / "x.csv")])

    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'parking-tickets'" in err
    assert "'mvd', 'voters', 'deaths', 'felony', 'other-state', 'ncoa'" in err


def test_a_missing_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["import", "mvd", str(tmp_path / "nowhere.csv"), "--database", "postgresql://x"])

    assert code == 2
    assert capsys.readouterr().err == f"vrs import: no such file: {tmp_path / 'nowhere.csv'}\n"


def test_a_file_without_the_promised_columns_is_a_usage_error_and_loads_nothing(
    matching_db: str, key_file: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "mvd.csv", synthetic_rows(1), columns=MVD_COLUMNS[:-1])

    code = main(["import", "mvd", str(path), "--database", matching_db])

    assert code == 2
    assert capsys.readouterr().err == (
        f"vrs import: {path}: the header lacks the column(s): expired\n"
    )
    assert stored_indexes(matching_db) == {}


def test_without_a_running_stack_or_database_it_says_what_to_give(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "mvd.csv", synthetic_rows(1))

    code = main(["import", "mvd", str(path), "--data-dir", str(data_dir)])

    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"vrs import: no running stack in {data_dir}: start it with `vrs up`")
    assert "--database URL" in err


def test_without_a_key_it_says_where_it_looked(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "mvd.csv", synthetic_rows(1))

    code = main(
        ["import", "mvd", str(path), "--database", "postgresql://x", "--data-dir", str(data_dir)]
    )

    assert code == 1
    err = capsys.readouterr().err
    assert f"cannot read the blind-index key {data_dir}/secrets/blind-index.key" in err
    assert "VRS_BLIND_INDEX_KEY_FILE" in err


def test_the_vrs_console_script_exits_1_on_bad_rows_without_a_traceback_or_an_ssn(
    matching_db: str, key_file: bytes, tmp_path: Path
) -> None:
    rows = synthetic_rows(3)
    rows[2]["date_of_birth"] = "01/02/1990"
    path = write_csv(tmp_path / "mvd.csv", rows)
    vrs = Path(sys.executable).with_name("vrs")

    done = subprocess.run(
        [str(vrs), "import", "mvd", str(path), "--database", matching_db],
        env={**os.environ, "VRS_BLIND_INDEX_KEY_FILE": str(tmp_path / "blind-index.key")},
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 1
    assert done.stderr == f"{path} line 4: date_of_birth: must be a date written YYYY-MM-DD\n"
    assert done.stdout.endswith(
        "3 rows read, 2 loaded (2 new, 0 updated, 0 unchanged), 1 rejected\n"
    )
    for row in rows:
        assert row["ssn"] not in done.stdout + done.stderr
