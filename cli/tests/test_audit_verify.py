"""``vrs audit verify`` on a real PostgreSQL: exit 0 and "intact: N entries" for an untouched
log; exit 1 naming the first bad entry when a superuser, bypassing the append-only trigger,
alters, deletes, reorders or inserts a row, or rewrites the whole chain (caught by the signed
checkpoints); exit 2 when the log cannot be verified."""

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import psycopg
import pytest
from psycopg.rows import dict_row

from vrs_audit.bootstrap import SPEC
from vrs_audit.domain.chain import GENESIS, entry_hash
from vrs_audit.domain.retention import LEGAL_MINIMUM_DAYS
from vrs_audit.service_layer.checkpoints import take_checkpoint
from vrs_audit.service_layer.handlers import record_access_attempt
from vrs_audit.service_layer.retention import purge_expired_entries
from vrs_cli.main import main
from vrs_contracts.envelope import envelope
from vrs_contracts.events import AccessAttempted
from vrs_contracts.vocabulary import AuditOutcome
from vrs_embedded.layout import DataLayout
from vrs_embedded.secrets import SecretFiles, ensure_secrets
from vrs_plumbing.db import create_pool
from vrs_plumbing.migrations import upgrade

ENTRIES = 6
Tamper = Callable[[psycopg.Connection[dict[str, Any]]], None]


@pytest.fixture
def audit_db(database_url: str) -> str:
    """Audit's schema with a log of six access attempts, appended by the service's handler."""
    upgrade(database_url, SPEC.schema, SPEC.migrations)

    async def append() -> None:
        async with create_pool(database_url, SPEC.schema) as pool:
            for number in range(ENTRIES):
                attempt = AccessAttempted(
                    actor=f"clerk-{number}",
                    role="county_clerk",
                    county="taos",
                    service="registration",
                    action="GET /v1/voters/{voter_id}",
                    resource=f"/v1/voters/{uuid4()}",
                    outcome=AuditOutcome.allowed if number % 2 else AuditOutcome.denied,
                    status_code=200 if number % 2 else 403,
                    source_address="127.0.0.1",
                    voter_ids=[uuid4()],
                )
                event = envelope(attempt, source="registration", correlation_id=uuid4())
                async with pool.connection() as conn, conn.transaction():
                    await record_access_attempt(conn, event)

    asyncio.run(append())
    return database_url


@pytest.fixture
def secrets(data_dir: Path) -> SecretFiles:
    """The data folder's secrets, the audit checkpoint key among them."""
    return ensure_secrets(DataLayout.of(data_dir).secrets)


def checkpoint(database_url: str, secrets: SecretFiles, data_dir: Path) -> None:
    """Take a signed checkpoint as the service's job does, written out under the data folder."""

    async def take() -> None:
        async with (
            create_pool(database_url, SPEC.schema) as pool,
            pool.connection() as conn,
            conn.transaction(),
        ):
            await take_checkpoint(
                conn,
                secrets.audit_checkpoint_private_key.read_bytes(),
                DataLayout.of(data_dir).audit_checkpoints,
            )

    asyncio.run(take())


def as_superuser_bypassing_the_trigger(database_url: str, tamper: Tamper) -> None:
    """Run ``tamper`` as the server's superuser with triggers off, as an intruder could."""
    with psycopg.connect(
        database_url, row_factory=dict_row, options=f"-c search_path={SPEC.schema}"
    ) as conn:
        conn.execute("SET session_replication_role = replica")
        tamper(conn)


def verify(
    database_url: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    status = main(["audit", "verify", "--database", database_url, "--data-dir", str(data_dir)])
    return status, capsys.readouterr().out


def alter_entry_3(conn: psycopg.Connection[dict[str, Any]]) -> None:
    conn.execute("UPDATE access_log SET actor = 'someone else' WHERE seq = 3")


def hide_the_voter_entry_3_disclosed(conn: psycopg.Connection[dict[str, Any]]) -> None:
    conn.execute("UPDATE access_log SET voter_ids = '{}' WHERE seq = 3")


def delete_entry_3(conn: psycopg.Connection[dict[str, Any]]) -> None:
    conn.execute("DELETE FROM access_log WHERE seq = 3")


def delete_entry_3_and_renumber(conn: psycopg.Connection[dict[str, Any]]) -> None:
    conn.execute("DELETE FROM access_log WHERE seq = 3")
    conn.execute("UPDATE access_log SET seq = -(seq - 1) WHERE seq > 3")
    conn.execute("UPDATE access_log SET seq = -seq WHERE seq < 0")


def swap_entries_3_and_4(conn: psycopg.Connection[dict[str, Any]]) -> None:
    conn.execute("UPDATE access_log SET seq = -3 WHERE seq = 3")
    conn.execute("UPDATE access_log SET seq = 3 WHERE seq = 4")
    conn.execute("UPDATE access_log SET seq = 4 WHERE seq = -3")


def insert_a_forged_entry_as_3(conn: psycopg.Connection[dict[str, Any]]) -> None:
    """Make room at 3 and put there an entry linked to entry 2 with a correctly computed hash:
    the best an intruder who knows the chain's rule can do."""
    conn.execute("UPDATE access_log SET seq = -(seq + 1) WHERE seq >= 3")
    conn.execute("UPDATE access_log SET seq = -seq WHERE seq < 0")
    entry = conn.execute("SELECT * FROM access_log WHERE seq = 2").fetchone() or pytest.fail(
        "no entry 2"
    )
    forged = dict(entry, seq=3, event_id=uuid4(), actor="nobody", prev_hash=entry["hash"])
    forged["hash"] = entry_hash(entry["hash"], forged)
    columns = [column for column in forged if column != "recorded_at"]
    conn.execute(
        f"INSERT INTO access_log ({', '.join(columns)}) "  # noqa: S608 - the table's own columns
        f"VALUES ({', '.join(f'%({c})s' for c in columns)})",
        forged,
    )


@pytest.mark.parametrize(
    ("tamper", "named"),
    [
        (alter_entry_3, "altered: its content no longer matches its hash"),
        (hide_the_voter_entry_3_disclosed, "altered: its content no longer matches its hash"),
        (delete_entry_3, "deleted: entry 3 is missing"),
        (delete_entry_3_and_renumber, "deleted: the entry it links to is no longer in the log"),
        (swap_entries_3_and_4, "reordered: it links to entry 4, which now comes after it"),
        (insert_a_forged_entry_as_3, "inserted: entry 4 links to entry 2"),
    ],
)
def test_a_row_tampered_with_directly_in_the_database_is_named(
    audit_db: str,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    tamper: Tamper,
    named: str,
) -> None:
    as_superuser_bypassing_the_trigger(audit_db, tamper)

    status, out = verify(audit_db, data_dir, capsys)

    assert status == 1
    assert out.startswith("first bad entry: 3")
    assert named in out


def test_an_untouched_log_is_intact(
    audit_db: str, data_dir: Path, secrets: SecretFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    checkpoint(audit_db, secrets, data_dir)

    assert verify(audit_db, data_dir, capsys) == (
        0,
        f"intact: {ENTRIES} entries\nsigned checkpoints hold: 1\n",
    )


def test_an_empty_log_is_intact(
    database_url: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upgrade(database_url, SPEC.schema, SPEC.migrations)

    assert verify(database_url, data_dir, capsys) == (0, "intact: 0 entries\n")


def rewrite_the_whole_chain_from_entry_3(conn: psycopg.Connection[dict[str, Any]]) -> None:
    """Alter entry 3, then recompute every later link and hash so the chain holds again."""
    conn.execute("UPDATE access_log SET actor = 'someone else' WHERE seq = 3")
    prev = GENESIS
    for entry in conn.execute("SELECT * FROM access_log ORDER BY seq").fetchall():
        new_hash = entry_hash(prev, entry)
        conn.execute(
            "UPDATE access_log SET prev_hash = %s, hash = %s WHERE seq = %s",
            (prev, new_hash, entry["seq"]),
        )
        prev = new_hash


def test_a_rewrite_of_the_whole_chain_is_caught_by_the_signed_checkpoint(
    audit_db: str, data_dir: Path, secrets: SecretFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    checkpoint(audit_db, secrets, data_dir)
    as_superuser_bypassing_the_trigger(audit_db, rewrite_the_whole_chain_from_entry_3)

    status, out = verify(audit_db, data_dir, capsys)

    assert status == 1
    assert out == (
        f"first bad checkpoint: after {ENTRIES} entries: entry {ENTRIES} no longer has the "
        f"hash signed after {ENTRIES} entries: entries 1-{ENTRIES} were rewritten\n"
    )


def test_a_rewrite_that_also_deletes_the_stored_checkpoints_is_caught_by_their_copy_on_disk(
    audit_db: str, data_dir: Path, secrets: SecretFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    checkpoint(audit_db, secrets, data_dir)

    def rewrite_and_hide(conn: psycopg.Connection[dict[str, Any]]) -> None:
        rewrite_the_whole_chain_from_entry_3(conn)
        conn.execute("DELETE FROM access_log_checkpoint")

    as_superuser_bypassing_the_trigger(audit_db, rewrite_and_hide)

    status, out = verify(audit_db, data_dir, capsys)

    assert status == 1
    assert out.startswith(f"first bad checkpoint: after {ENTRIES} entries")


def test_a_checkpoint_edited_to_fit_a_rewrite_fails_its_signature(
    audit_db: str, data_dir: Path, secrets: SecretFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    checkpoint(audit_db, secrets, data_dir)
    DataLayout.of(data_dir).audit_checkpoints.joinpath("access-log-checkpoints.jsonl").unlink()

    def rewrite_and_fit(conn: psycopg.Connection[dict[str, Any]]) -> None:
        rewrite_the_whole_chain_from_entry_3(conn)
        conn.execute(
            "UPDATE access_log_checkpoint SET head_hash ="
            " (SELECT hash FROM access_log ORDER BY seq DESC LIMIT 1)"
        )

    as_superuser_bypassing_the_trigger(audit_db, rewrite_and_fit)

    status, out = verify(audit_db, data_dir, capsys)

    assert (status, out) == (
        1,
        f"first bad checkpoint: after {ENTRIES} entries: the checkpoint after {ENTRIES} "
        "entries is not validly signed\n",
    )


def test_checkpoints_without_the_public_key_cannot_be_verified(
    audit_db: str, data_dir: Path, secrets: SecretFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    checkpoint(audit_db, secrets, data_dir)
    secrets.audit_checkpoint_public_key.unlink()

    status = main(["audit", "verify", "--database", audit_db, "--data-dir", str(data_dir)])

    assert status == 2
    assert "no public key to check their signatures" in capsys.readouterr().err


def test_verify_changes_nothing(
    audit_db: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def snapshot() -> list[dict[str, Any]]:
        with psycopg.connect(audit_db, row_factory=dict_row) as conn:
            return conn.execute(f"SELECT * FROM {SPEC.schema}.access_log ORDER BY seq").fetchall()  # noqa: S608 - constant schema

    before = snapshot()
    verify(audit_db, data_dir, capsys)
    assert snapshot() == before


def test_a_log_purged_by_retention_verifies_from_its_signed_anchor(
    audit_db: str, data_dir: Path, secrets: SecretFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    checkpoint(audit_db, secrets, data_dir)

    async def purge_seven_years_on() -> None:
        async with (
            create_pool(audit_db, SPEC.schema) as pool,
            pool.connection() as conn,
            conn.transaction(),
        ):
            await purge_expired_entries(
                conn,
                secrets.audit_checkpoint_private_key.read_bytes(),
                LEGAL_MINIMUM_DAYS,
                datetime.now(UTC) + timedelta(days=7 * 366),
            )

    asyncio.run(purge_seven_years_on())

    assert verify(audit_db, data_dir, capsys) == (
        0,
        f"intact: 1 entries (entries 1-{ENTRIES - 1} purged by retention)\n"
        "signed checkpoints hold: 1\n",
    )
