"""Retention on a real PostgreSQL: entries past the retention (never under the law's six years,
1.10.35.9 A(9)) are purged from the start of the chain through the trigger's maintenance path,
under a signed anchor from which the rest of the chain still verifies; a forged purge does not
(docs/adr/0033)."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest
from pydantic import ValidationError

from services.audit.tests.integration.conftest import Audit, Superuser, read_of
from vrs_audit.adapters.checkpoint_signing import signature_check
from vrs_audit.config import AuditSettings
from vrs_audit.domain.retention import LEGAL_MINIMUM_DAYS
from vrs_audit.service_layer.checkpoints import take_checkpoint
from vrs_audit.service_layer.retention import purge_expired_entries
from vrs_audit.service_layer.verification import Verdict, verify_log
from vrs_plumbing.auth import new_signing_key

PRIVATE, PUBLIC = new_signing_key()
NOW = datetime(2026, 12, 1, tzinfo=UTC)
LONG_AGO = NOW - timedelta(days=LEGAL_MINIMUM_DAYS + 30)
RECENTLY = NOW - timedelta(days=30)


async def purge(audit: Audit, now: datetime = NOW) -> dict[str, object]:
    async with audit.runtime.pool.connection() as conn, conn.transaction():
        return await purge_expired_entries(conn, PRIVATE, LEGAL_MINIMUM_DAYS, now)


async def verify(audit: Audit) -> Verdict:
    async with audit.runtime.pool.connection() as conn:
        return await verify_log(conn, signature_check(PUBLIC), None)


async def test_only_the_run_of_entries_past_the_retention_at_the_start_is_purged(
    audit: Audit,
) -> None:
    for days in range(3):
        await audit.record(read_of([]), LONG_AGO + timedelta(days=days))
    await audit.record(read_of([]), RECENTLY)
    await audit.record(read_of([]), LONG_AGO)  # old, but after a young one: kept with the chain
    await audit.record(read_of([]), RECENTLY)
    async with audit.runtime.pool.connection() as conn, conn.transaction():
        await take_checkpoint(conn, PRIVATE, None)

    assert await purge(audit) == {"purged": 3, "purged_through": 3}
    assert await purge(audit) == {"purged": 0}

    verdict = await verify(audit)
    assert verdict.intact, verdict
    assert (verdict.entries, verdict.purged_through) == (3, 3)
    await audit.record(read_of([]))  # the chain goes on from entry 6
    verdict = await verify(audit)
    assert (verdict.intact, verdict.entries) == (True, 4)


async def test_the_newest_entry_is_never_purged_and_a_young_log_not_at_all(audit: Audit) -> None:
    await audit.record(read_of([]), RECENTLY)
    assert await purge(audit) == {"purged": 0}
    for _ in range(2):
        await audit.record(read_of([]), LONG_AGO)

    assert await purge(audit, NOW + timedelta(days=60)) == {"purged": 0}  # entry 1 still young
    assert await purge(audit, NOW + timedelta(days=LEGAL_MINIMUM_DAYS)) == {
        "purged": 2,
        "purged_through": 2,
    }
    assert (await verify(audit)).intact


async def test_entries_removed_by_a_forged_purge_are_named(
    audit: Audit, superuser: Callable[[], Superuser]
) -> None:
    for _ in range(4):
        await audit.record(read_of([]), RECENTLY)
    with superuser() as conn:
        entry: dict[str, Any] = conn.execute("SELECT * FROM access_log WHERE seq = 2").fetchone()
        conn.execute("SET vrs_audit.maintenance = 'on'")
        conn.execute(
            "INSERT INTO access_log_purge VALUES (2, %s, %s, %s, 'Zm9yZ2Vk')",
            (entry["hash"], LONG_AGO, NOW),
        )
        conn.execute("DELETE FROM access_log WHERE seq <= 2")

    verdict = await verify(audit)

    assert verdict.chain_break is not None
    assert (
        verdict.chain_break.detail == "entries 1-2 are missing: their purge is not validly signed"
    )


async def test_a_purge_row_cannot_be_rewritten(
    audit: Audit, superuser: Callable[[], Superuser]
) -> None:
    for days in range(2):
        await audit.record(read_of([]), LONG_AGO + timedelta(days=days))
    await audit.record(read_of([]), RECENTLY)
    await purge(audit)

    with superuser() as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE access_log_purge SET purged_through = 1")


def test_the_retention_cannot_be_set_under_six_years() -> None:
    with pytest.raises(ValidationError, match="audit_retention_days"):
        AuditSettings(audit_retention_days=365)
