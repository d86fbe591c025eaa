"""The account reviews of 1.10.35.11 on a real PostgreSQL: the monthly account audit, the
annual permission audit and the attempts to use disabled accounts, for auditors only."""

from uuid import uuid4

from services.audit.tests.integration.conftest import Audit, StartAudit
from vrs_audit.bootstrap import SPEC
from vrs_audit.service_layer.handlers import record_access_attempt
from vrs_contracts.counties import County
from vrs_contracts.envelope import envelope
from vrs_contracts.events import AccessAttempted
from vrs_contracts.vocabulary import AuditOutcome, Role
from vrs_plumbing.db import create_pool

ADMIN = "sos-admin-reviews"
PASSWORD = "a long enough password"


async def logged(database_url: str, actor: str, status_code: int, reason: str | None) -> None:
    """One access attempt in the chained log, as the service appends it."""
    attempt = AccessAttempted(
        actor=actor,
        role="auditor",
        county=None,
        service="audit",
        action="GET /v1/audit/events",
        resource="/v1/audit/events",
        outcome=AuditOutcome.allowed if status_code < 400 else AuditOutcome.denied,
        status_code=status_code,
        reason=reason,
        source_address="127.0.0.1",
    )
    async with (
        create_pool(database_url, SPEC.schema) as pool,
        pool.connection() as conn,
        conn.transaction(),
    ):
        await record_access_attempt(conn, envelope(attempt, source="audit", correlation_id=uuid4()))


async def test_the_reviews_show_idle_ownerless_disabled_accounts_and_refused_attempts(
    start_audit: StartAudit, audit_db: str
) -> None:
    audit: Audit = await start_audit()
    async with audit.client(ADMIN, Role.sos_admin) as admin:
        for body in (
            {"subject": "aud-a", "role": "auditor", "reason": "hired"},
            {
                "subject": "clerk-b",
                "role": "county_clerk",
                "county": "taos",
                "owner_name": "Ana Example",
                "reason": "hired",
            },
        ):
            assert (await admin.post("/v1/accounts", json=body)).status_code == 201
        await admin.put(
            "/v1/accounts/clerk-b/credentials", json={"password": PASSWORD, "reason": "first"}
        )
        await admin.post("/v1/accounts/clerk-b/disable", json={"reason": "left"})
    await logged(audit_db, "aud-a", 200, None)
    await logged(audit_db, "clerk-b", 401, "account disabled")
    async with audit.bearer(None) as anonymous:
        refused = await anonymous.post(
            "/v1/sessions", json={"subject": "clerk-b", "password": PASSWORD}
        )
        assert refused.status_code == 401

    async with audit.client("auditor-reviews", Role.auditor) as auditor:
        monthly = (await auditor.get("/v1/account-audits/monthly")).json()
        assert monthly["active"] == ["aud-a"]
        assert monthly["disabled"] == ["clerk-b"]
        assert monthly["without_owner"] == ["aud-a"]
        assert [c["change"] for c in monthly["changes_last_30_days"]] == [
            "created",
            "created",
            "credentials_set",
            "disabled",
        ]

        permissions = (await auditor.get("/v1/account-audits/permissions")).json()
        assert [p["subject"] for p in permissions] == ["aud-a"]
        assert permissions[0]["actions_used"] == ["audit GET /v1/audit/events"]
        assert permissions[0]["findings"] == [
            "administrative role without a second factor enrolled",
            "no owner named",
        ]

        attempts = (await auditor.get("/v1/account-audits/disabled-account-attempts")).json()
        assert [(a["subject"], a["kind"]) for a in attempts] == [
            ("clerk-b", "request"),
            ("clerk-b", "sign-in"),
        ]

    async with audit.client("clerk-c", Role.county_clerk, County.taos) as clerk:
        assert (await clerk.get("/v1/account-audits/monthly")).status_code == 403
    async with audit.client(ADMIN, Role.sos_admin) as admin:
        assert (await admin.get("/v1/account-audits/permissions")).status_code == 403
