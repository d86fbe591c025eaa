"""The access log is append-only: the writer role may only insert and read it, and a trigger
refuses UPDATE, DELETE and TRUNCATE to everybody, the table's owner included (docs/adr/0015)."""

from collections.abc import Awaitable, Callable
from typing import Any

import psycopg
import pytest
from psycopg import errors

from vrs_audit.bootstrap import SPEC
from vrs_plumbing.migrations import downgrade, upgrade

REWRITES = (
    "UPDATE access_log SET actor = 'someone else' WHERE seq = 1",
    "DELETE FROM access_log WHERE seq = 1",
    "TRUNCATE access_log",
    "UPDATE access_log_checkpoint SET head_hash = 'x'",
    "DELETE FROM access_log_checkpoint",
    "TRUNCATE access_log_checkpoint",
)


Connect = Callable[[], psycopg.Connection[dict[str, Any]]]


@pytest.fixture
async def two_entries(
    superuser: Connect, append_attempts: Callable[[int], Awaitable[None]]
) -> Connect:
    """Superuser connections to a log of two entries and one checkpoint."""
    await append_attempts(2)
    with superuser() as conn:
        conn.execute("INSERT INTO access_log_checkpoint VALUES (2, 'head', now(), 'signature')")
    return superuser


def test_the_service_appends_as_the_writer_role(two_entries: Connect) -> None:
    with two_entries() as conn:
        conn.execute("SET ROLE vrs_audit_writer")
        row = conn.execute("SELECT count(*) AS n FROM access_log").fetchone()
    assert row == {"n": 2}


@pytest.mark.parametrize("statement", REWRITES)
def test_the_writer_role_may_not_rewrite_the_log(two_entries: Connect, statement: str) -> None:
    with two_entries() as conn:
        conn.execute("SET ROLE vrs_audit_writer")
        with pytest.raises(errors.InsufficientPrivilege, match="permission denied"):
            conn.execute(statement)


@pytest.mark.parametrize("statement", REWRITES)
def test_not_even_the_owner_may_rewrite_the_log(two_entries: Connect, statement: str) -> None:
    with two_entries() as conn:
        with pytest.raises(errors.InsufficientPrivilege, match="append-only"):
            conn.execute(statement)
        assert conn.execute("SELECT count(*) AS n FROM access_log").fetchone() == {"n": 2}


def test_the_maintenance_path_may_delete_in_its_own_transaction(two_entries: Connect) -> None:
    with two_entries() as conn, conn.transaction():
        conn.execute("SET LOCAL vrs_audit.maintenance = 'on'")
        conn.execute("DELETE FROM access_log WHERE seq = 2")
    with two_entries() as conn, pytest.raises(psycopg.Error, match="append-only"):
        conn.execute("DELETE FROM access_log WHERE seq = 1")


def test_the_migration_goes_down_and_up_again_with_the_role_kept(audit_db: str) -> None:
    downgrade(audit_db, SPEC.schema, SPEC.migrations, "0001")
    upgrade(audit_db, SPEC.schema, SPEC.migrations)
    with psycopg.connect(audit_db, autocommit=True) as conn:
        conn.execute(f"SET search_path = {SPEC.schema}")
        conn.execute("SET ROLE vrs_audit_writer")
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("DELETE FROM access_log")
