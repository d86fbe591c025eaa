"""Accounts on a real PostgreSQL: who may manage which account, the history of every change,
and a disabled account refused on its very next request."""

from collections.abc import Callable
from typing import Any

import pytest

from services.audit.tests.integration.conftest import Audit, StartAudit, Superuser
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role

ADMIN = "sos-admin-1"


@pytest.fixture
async def audit(start_audit: StartAudit) -> Audit:
    return await start_audit()


def clerk(subject: str, county: str = "taos", reason: str = "hired 2026-12-01") -> dict[str, Any]:
    return {
        "subject": subject,
        "role": "county_clerk",
        "county": county,
        "owner_name": "Rosa Example",
        "reason": reason,
    }


async def test_an_administrator_creates_changes_disables_and_reenables_an_account_with_its_history(
    audit: Audit,
) -> None:
    async with audit.client(ADMIN, Role.sos_admin) as admin:
        created = await admin.post("/v1/accounts", json=clerk("clerk-rosa"))
        assert created.status_code == 201, created.text
        assert created.json()["status"] == "active"
        assert (await admin.post("/v1/accounts", json=clerk("clerk-rosa"))).status_code == 409

        moved = await admin.post(
            "/v1/accounts/clerk-rosa/role",
            json={"role": "county_supervisor", "county": "taos", "reason": "promoted"},
        )
        assert moved.json()["role"] == "county_supervisor"
        disabled = await admin.post("/v1/accounts/clerk-rosa/disable", json={"reason": "left"})
        assert disabled.json()["status"] == "disabled"
        assert disabled.json()["disabled_reason"] == "left"
        enabled = await admin.post("/v1/accounts/clerk-rosa/enable", json={"reason": "came back"})
        assert enabled.json()["status"] == "active"

        shown = (await admin.get("/v1/accounts/clerk-rosa")).json()
        assert [(c["change"], c["changed_by"], c["reason"]) for c in shown["history"]] == [
            ("created", ADMIN, "hired 2026-12-01"),
            ("role_changed", ADMIN, "promoted"),
            ("disabled", ADMIN, "left"),
            ("enabled", ADMIN, "came back"),
        ]
        listed = await admin.get("/v1/accounts", params={"status": "active", "county": "taos"})
        assert [a["subject"] for a in listed.json()] == ["clerk-rosa"]


async def test_every_change_names_its_reason_and_a_county_role_its_county(audit: Audit) -> None:
    async with audit.client(ADMIN, Role.sos_admin) as admin:
        no_reason = await admin.post("/v1/accounts", json={"subject": "x", "role": "auditor"})
        assert no_reason.status_code == 422
        assert [f["field"] for f in no_reason.json()["error"]["fields"]] == ["reason"]
        no_county = await admin.post("/v1/accounts", json={**clerk("y"), "county": None})
        assert no_county.status_code == 422
        assert no_county.json()["error"]["fields"][0]["field"] == "county"
        await admin.post("/v1/accounts", json=clerk("clerk-z"))
        silent = await admin.post("/v1/accounts/clerk-z/disable", json={})
        assert silent.status_code == 422


async def test_a_county_supervisor_manages_only_its_own_countys_clerks(audit: Audit) -> None:
    async with audit.client("sup-taos", Role.county_supervisor, County.taos) as supervisor:
        assert (await supervisor.post("/v1/accounts", json=clerk("c1"))).status_code == 201
        other_county = await supervisor.post("/v1/accounts", json=clerk("c2", county="santa_fe"))
        assert other_county.status_code == 403
        assert "another county" in other_county.json()["error"]["message"]
        peer = await supervisor.post(
            "/v1/accounts", json={**clerk("s2"), "role": "county_supervisor"}
        )
        assert peer.status_code == 403
        admin = await supervisor.post(
            "/v1/accounts", json={**clerk("a2"), "role": "sos_admin", "county": None}
        )
        assert admin.status_code == 403
        assert (
            await supervisor.post("/v1/accounts/c1/disable", json={"reason": "left"})
        ).status_code == 200
    async with audit.client("clerk-taos", Role.county_clerk, County.taos) as clerk_client:
        assert (await clerk_client.post("/v1/accounts", json=clerk("c3"))).status_code == 403


async def test_nobody_changes_their_own_account(audit: Audit) -> None:
    async with audit.client(ADMIN, Role.sos_admin) as admin:
        await admin.post(
            "/v1/accounts",
            json={"subject": "admin-2", "role": "sos_admin", "reason": "second administrator"},
        )
    async with audit.client("admin-2", Role.sos_admin) as second:
        own = await second.post("/v1/accounts/admin-2/disable", json={"reason": "oops"})
        assert own.status_code == 403


async def test_a_disabled_account_is_refused_on_its_next_request_and_a_changed_role_needs_a_new_token(
    audit: Audit,
) -> None:
    async with audit.client(ADMIN, Role.sos_admin) as admin:
        await admin.post(
            "/v1/accounts", json={"subject": "aud-1", "role": "auditor", "reason": "hired"}
        )
        await admin.post(
            "/v1/accounts", json={"subject": "aud-2", "role": "auditor", "reason": "hired"}
        )
        async with audit.client("aud-1", Role.auditor) as auditor:
            assert (await auditor.get("/v1/audit/events")).status_code == 200
            await admin.post("/v1/accounts/aud-1/disable", json={"reason": "left the office"})
            refused = await auditor.get("/v1/audit/events")
            assert refused.status_code == 401
            assert refused.json()["error"]["message"] == "account disabled"
            standing = (await auditor.get("/v1/account-standing")).json()
            assert standing == {
                "account": {"status": "disabled", "role": "auditor", "county": None}
            }
        await admin.post(
            "/v1/accounts/aud-2/role", json={"role": "operator", "reason": "moved to operations"}
        )
        async with audit.client("aud-2", Role.auditor) as old_token:
            stale = await old_token.get("/v1/audit/events")
            assert stale.status_code == 401
            assert "no longer the account's" in stale.json()["error"]["message"]


async def test_a_subject_without_an_account_is_refused_only_when_accounts_are_required(
    start_audit: StartAudit,
) -> None:
    development = await start_audit()
    async with development.client("dev-auditor", Role.auditor) as anyone:
        assert (await anyone.get("/v1/audit/events")).status_code == 200
    production = await start_audit(accounts_required=True)
    async with production.client("dev-auditor", Role.auditor) as anyone:
        refused = await anyone.get("/v1/audit/events")
        assert refused.status_code == 401
        assert refused.json()["error"]["message"] == "no account for this subject"


async def test_the_standing_check_is_not_audited_by_itself_but_every_other_request_is(
    audit: Audit, superuser: Callable[[], Superuser]
) -> None:
    def recorded() -> int:
        with superuser() as conn:
            row = conn.execute("SELECT count(*) AS n FROM outbox").fetchone()
        assert row is not None
        return int(row["n"])

    before = recorded()
    async with audit.client("aud-standing", Role.auditor) as auditor:
        assert (await auditor.get("/v1/account-standing")).status_code == 200
        assert recorded() == before
        assert (await auditor.get("/v1/accounts")).status_code == 200
        assert recorded() == before + 1
