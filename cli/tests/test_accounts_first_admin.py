"""``vrs accounts first-admin`` on a real PostgreSQL: the first sos_admin, with a TOTP secret,
and no second one that way."""

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import psycopg
import pytest

from vrs_audit.bootstrap import SPEC
from vrs_cli.main import main
from vrs_plumbing.migrations import upgrade


def test_the_first_administrator_is_created_once_with_a_second_factor(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    password = tmp_path / "password"
    password.write_text("a long first password\n")
    command = ["accounts", "first-admin", "--database", database_url, "--password-file"]

    assert main([*command, str(password), "--subject", "sos-1", "--owner", "Ana Example"]) == 0
    uri = capsys.readouterr().out.splitlines()[-1]
    assert parse_qs(urlparse(uri).query)["secret"][0]
    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT role, status, created_by, password_hash FROM audit.account"
        ).fetchone()
    assert row is not None
    assert row[:3] == ("sos_admin", "active", "vrs accounts first-admin")
    assert row[3].startswith("$argon2id$")

    assert main([*command, str(password), "--subject", "sos-2", "--owner", "Bo Example"]) == 1
    assert "an active sos_admin account exists" in capsys.readouterr().err


def test_a_short_password_is_refused(database_url: str, tmp_path: Path) -> None:
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    password = tmp_path / "password"
    password.write_text("short")
    assert (
        main(
            [
                "accounts",
                "first-admin",
                "--database",
                database_url,
                "--password-file",
                str(password),
                "--subject",
                "sos-1",
                "--owner",
                "Ana Example",
            ]
        )
        == 1
    )
