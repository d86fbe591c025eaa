"""``vrs import voters FILE.csv``: loads a county voter file into a real PostgreSQL, reports bad
rows by line and column, never prints an SSN, finds the database and the keys as ``vrs import
mvd`` does (plus the SSN vault's keys), and answers with the promised exit codes."""

import base64
import csv
import json
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
from vrs_plumbing.blind_index import ssn_blind_index
from vrs_plumbing.migrations import upgrade
from vrs_registration.bootstrap import SPEC
from vrs_registration.domain.voter_file import VOTER_COLUMNS

Row = dict[str, str]
KEY_VARIABLES = (
    "VRS_BLIND_INDEX_KEY_FILE",
    "VRS_SSN_VAULT_KEYS_FILE",
    "VRS_SSN_VAULT_ACTIVE_KEY_ID",
    "VRS_DATA_DIR",
)


def synthetic_voters(count: int) -> list[Row]:
    """Made-up voters with SSNs drawn now (no SSN is kept in any committed file)."""
    draw = random.Random()
    rows = []
    for n in range(count):
        area = draw.choice([a for a in range(1, 773) if a != 666])
        rows.append(
            {
                "source_id": f"T-{draw.randint(10**8, 10**9 - 1)}",
                "first_name": "Sample",
                "middle_name": "",
                "last_name": f"Testvoter{'abcdefghij'[n % 10]}",
                "suffix": "",
                "date_of_birth": "1990-01-01",
                "ssn": f"{area:03d}{draw.randint(1, 99):02d}{draw.randint(1, 9999):04d}",
                "ssn_last4": "",
                "gender": "F",
                "street": "100 Example St",
                "city": "Santa Fe",
                "state": "NM",
                "zip": "87501",
                "county": "santa_fe",
                "party": "",
                "status": "active",
                "registered_on": "2012-03-04",
            }
        )
    return rows


def write_csv(path: Path, rows: list[Row], columns: tuple[str, ...] = VOTER_COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(autouse=True)
def no_keys_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in KEY_VARIABLES:
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def registration_db(database_url: str) -> str:
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    return database_url


@pytest.fixture
def key_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The blind-index key and the vault keys in files named by the environment, as the
    services get them; the blind-index key's bytes."""
    key = os.urandom(32)
    (tmp_path / "blind-index.key").write_text(base64.b64encode(key).decode() + "\n")
    vault = {"old": base64.b64encode(os.urandom(32)).decode(), "k9": base64.b64encode(os.urandom(32)).decode()}  # fmt: skip
    (tmp_path / "vault.json").write_text(json.dumps(vault))
    monkeypatch.setenv("VRS_BLIND_INDEX_KEY_FILE", str(tmp_path / "blind-index.key"))
    monkeypatch.setenv("VRS_SSN_VAULT_KEYS_FILE", str(tmp_path / "vault.json"))
    monkeypatch.setenv("VRS_SSN_VAULT_ACTIVE_KEY_ID", "k9")
    return key


def stored(database_url: str) -> dict[str, str | None]:
    """Each loaded voter's source_id and SSN blind index."""
    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT source_id, ssn_blind_index FROM registration.voters")
        return {row[0]: row[1] for row in rows}


def vault_key_ids(database_url: str) -> set[str]:
    with psycopg.connect(database_url) as conn:
        return {row[0] for row in conn.execute("SELECT key_id FROM registration.ssn_vault")}


def test_vrs_import_voters_loads_every_row_and_exits_0_with_a_summary(
    registration_db: str, key_files: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = synthetic_voters(4)
    path = write_csv(tmp_path / "voters.csv", rows)

    code = main(["import", "voters", str(path), "--database", registration_db])

    captured = capsys.readouterr()
    assert code == 0
    assert captured.out == (
        f"vrs import voters {path}: 4 rows read, 4 loaded (4 new, 0 unchanged), 0 rejected\n"
    )
    assert captured.err == ""
    assert stored(registration_db) == {
        row["source_id"]: ssn_blind_index(key_files, row["ssn"]) for row in rows
    }
    assert vault_key_ids(registration_db) == {"k9"}, "sealed with the active key"


def test_vrs_import_voters_reports_bad_rows_loads_the_rest_and_exits_1_never_printing_an_ssn(
    registration_db: str, key_files: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = synthetic_voters(5)
    rows[1]["ssn"] = rows[1]["ssn"][:8]
    rows[3]["status"] = "dormant"
    rows[3]["zip"] = "875"
    path = write_csv(tmp_path / "voters.csv", rows)

    code = main(["import", "voters", str(path), "--database", registration_db])

    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.splitlines() == [
        f"{path} line 3: ssn: must be nine digits",
        f"{path} line 5: zip: must be a ZIP code of 5 or 9 digits",
        f"{path} line 5: status: must be one of active, inactive, suspense, removable, "
        "not_eligible, cancelled",
    ]
    assert captured.out.endswith("5 rows read, 3 loaded (3 new, 0 unchanged), 2 rejected\n")
    for row in rows:
        assert row["ssn"] not in captured.out + captured.err
    assert len(stored(registration_db)) == 3


def test_vrs_import_voters_again_loads_nothing_twice_and_exits_0(
    registration_db: str, key_files: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "voters.csv", synthetic_voters(3))
    main(["import", "voters", str(path), "--database", registration_db])

    code = main(["import", "voters", str(path), "--database", registration_db])

    last_line = capsys.readouterr().out.splitlines()[-1]
    assert code == 0
    assert last_line.endswith("3 rows read, 3 loaded (0 new, 3 unchanged), 0 rejected")
    assert len(stored(registration_db)) == 3


def test_vrs_import_voters_finds_the_database_and_keys_in_the_running_stacks_data_folder(
    registration_db: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secrets = ensure_secrets(data_dir / "secrets")
    write_info(
        data_dir / "run" / "stack.json",
        StackInfo(
            owner_pid=os.getpid(),
            owner_cmdline=None,
            urls={},
            bootstrap_servers="127.0.0.1:1",
            database_url=registration_db,
        ),
    )
    rows = synthetic_voters(2)
    path = write_csv(tmp_path / "voters.csv", rows)

    code = main(["import", "voters", str(path), "--data-dir", str(data_dir)])

    key = base64.b64decode(secrets.blind_index_key.read_text())
    assert code == 0, capsys.readouterr().err
    assert stored(registration_db) == {
        row["source_id"]: ssn_blind_index(key, row["ssn"]) for row in rows
    }
    assert vault_key_ids(registration_db) == {secrets.active_vault_key_id}


def test_a_voter_file_without_the_promised_columns_is_a_usage_error_and_loads_nothing(
    registration_db: str, key_files: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "voters.csv", synthetic_voters(1), columns=VOTER_COLUMNS[:-1])

    code = main(["import", "voters", str(path), "--database", registration_db])

    assert code == 2
    assert capsys.readouterr().err == (
        f"vrs import: {path}: the header lacks the column(s): registered_on\n"
    )
    assert stored(registration_db) == {}


def test_a_database_without_registrations_schema_says_to_migrate_and_exits_1(
    database_url: str, key_files: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "voters.csv", synthetic_voters(1))

    code = main(["import", "voters", str(path), "--database", database_url])

    assert code == 1
    assert "run registration's migrations first" in capsys.readouterr().err


def test_without_vault_keys_it_says_where_it_looked(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secrets = ensure_secrets(data_dir / "secrets")
    secrets.ssn_vault_keys.unlink()
    path = write_csv(tmp_path / "voters.csv", synthetic_voters(1))

    code = main(
        ["import", "voters", str(path), "--database", "postgresql://x", "--data-dir", str(data_dir)]
    )

    assert code == 1
    err = capsys.readouterr().err
    assert f"cannot read the SSN vault keys {data_dir}/secrets/ssn-vault-keys.json" in err
    assert "VRS_SSN_VAULT_KEYS_FILE" in err


def test_vault_keys_that_are_not_json_are_refused_without_quoting_them(
    key_files: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "vault.json").write_text("k9=c2VjcmV0LWtleS1tYXRlcmlhbA")
    path = write_csv(tmp_path / "voters.csv", synthetic_voters(1))

    code = main(["import", "voters", str(path), "--database", "postgresql://x"])

    err = capsys.readouterr().err
    assert code == 1
    assert "are not a JSON object of {key_id: base64 key}" in err
    assert "c2VjcmV0" not in err


def test_an_active_vault_key_id_without_its_key_is_refused(
    key_files: bytes,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VRS_SSN_VAULT_ACTIVE_KEY_ID", "k10")
    path = write_csv(tmp_path / "voters.csv", synthetic_voters(1))

    code = main(["import", "voters", str(path), "--database", "postgresql://x"])

    assert code == 1
    assert "the active vault key id 'k10' is not among the keys" in capsys.readouterr().err


def test_the_vrs_console_script_exits_1_on_bad_rows_without_a_traceback_or_an_ssn(
    registration_db: str, key_files: bytes, tmp_path: Path
) -> None:
    rows = synthetic_voters(3)
    rows[2]["date_of_birth"] = "01/02/1990"
    path = write_csv(tmp_path / "voters.csv", rows)
    vrs = Path(sys.executable).with_name("vrs")

    done = subprocess.run(
        [str(vrs), "import", "voters", str(path), "--database", registration_db],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 1
    assert done.stderr == f"{path} line 4: date_of_birth: must be a date written YYYY-MM-DD\n"
    assert done.stdout.endswith("3 rows read, 2 loaded (2 new, 0 unchanged), 1 rejected\n")
    for row in rows:
        assert row["ssn"] not in done.stdout + done.stderr
