"""Accounts idle past the configured period are disabled by the system, with the reason in
their history (1.10.35.11); the clock is the test's."""

import asyncio
from datetime import UTC, datetime, timedelta

from services.audit.tests.integration.conftest import StartAudit
from vrs_audit.bootstrap import SPEC, check_idle_accounts
from vrs_audit.service_layer.accounts import (
    account_history,
    account_of,
    create_account,
    disable_idle_accounts,
    standing_of,
)
from vrs_contracts.vocabulary import Role
from vrs_plumbing.auth import Principal
from vrs_plumbing.db import create_pool

NOW = datetime(2026, 12, 4, 12, tzinfo=UTC)
ADMIN = Principal(subject="sos-admin", role=Role.sos_admin, county=None)
IDLE_AFTER = timedelta(days=90)


async def test_accounts_unused_past_the_idle_period_are_disabled_and_the_others_kept(
    audit_db: str,
) -> None:
    async with create_pool(audit_db, SPEC.schema) as pool:
        async with pool.connection() as conn, conn.transaction():
            for subject, created_days_ago in (("left", 200), ("new", 10), ("busy", 200)):
                await create_account(
                    conn,
                    ADMIN,
                    subject=subject,
                    role="auditor",
                    county=None,
                    owner_name=None,
                    reason="hired",
                    now=NOW - timedelta(days=created_days_ago),
                )
            await standing_of(conn, "busy", NOW - timedelta(days=89))
            await standing_of(conn, "left", NOW - timedelta(days=91))

        async with pool.connection() as conn, conn.transaction():
            assert await disable_idle_accounts(conn, now=NOW, idle_after=IDLE_AFTER) == 1
        async with pool.connection() as conn, conn.transaction():
            assert await disable_idle_accounts(conn, now=NOW, idle_after=IDLE_AFTER) == 0
            statuses = {s: (await account_of(conn, s))["status"] for s in ("left", "new", "busy")}
            assert statuses == {"left": "disabled", "new": "active", "busy": "active"}
            last = (await account_history(conn, "left"))[-1]
            assert (last["change"], last["changed_by"], last["reason"]) == (
                "disabled",
                "system",
                "unused for 90 days",
            )

        async with pool.connection() as conn, conn.transaction():
            later = NOW + timedelta(days=90)
            assert await disable_idle_accounts(conn, now=later, idle_after=IDLE_AFTER) == 2


async def test_the_service_runs_the_idle_account_check_on_its_own(start_audit: StartAudit) -> None:
    audit = await start_audit(audit_account_idle_days=30)
    async with audit.client("sos-admin", Role.sos_admin) as admin:
        created = await admin.post(
            "/v1/accounts", json={"subject": "idle-1", "role": "operator", "reason": "hired"}
        )
        assert created.status_code == 201
    thirty_one_days_on = datetime.now(UTC) + timedelta(days=31)
    job = asyncio.create_task(check_idle_accounts(audit.runtime, clock=lambda: thirty_one_days_on))
    try:
        for _ in range(600):
            async with audit.runtime.pool.connection() as conn:
                if (await account_of(conn, "idle-1"))["status"] == "disabled":
                    break
            await asyncio.sleep(0.1)
        else:
            raise AssertionError("the idle account was not disabled")
    finally:
        job.cancel()
        await asyncio.gather(job, return_exceptions=True)
