"""Signing in on a real PostgreSQL: Argon2id passwords, TOTP for administrative roles, the
lock-out after repeated failures, the rate limit per address, and tokens every service can check
through the JWKS (docs/adr/0027)."""

import json
from collections.abc import Callable
from urllib.parse import parse_qs, urlparse

import pyotp
import pytest

from services.audit.tests.integration.conftest import Audit, StartAudit, Superuser
from vrs_contracts.vocabulary import Role
from vrs_plumbing.auth import TokenVerifier

ADMIN = "sos-admin-sessions"
PASSWORD = "correct horse battery staple"


@pytest.fixture
async def audit(start_audit: StartAudit) -> Audit:
    return await start_audit()


async def enrol(audit: Audit, subject: str, role: str, county: str | None = None) -> str | None:
    """Create an account with a password; the TOTP secret when its role needs one."""
    async with audit.client(ADMIN, Role.sos_admin) as admin:
        created = await admin.post(
            "/v1/accounts",
            json={"subject": subject, "role": role, "county": county, "reason": "hired"},
        )
        assert created.status_code == 201, created.text
        enrolled = await admin.put(
            f"/v1/accounts/{subject}/credentials",
            json={"password": PASSWORD, "reason": "first password"},
        )
        assert enrolled.status_code == 200, enrolled.text
    uri = enrolled.json()["totp_uri"]
    return parse_qs(urlparse(uri).query)["secret"][0] if uri else None


async def test_a_clerk_signs_in_for_a_short_lived_token_the_jwks_verifies(audit: Audit) -> None:
    assert await enrol(audit, "clerk-sessions", "county_clerk", "taos") is None
    async with audit.bearer(None) as anonymous:
        session = await anonymous.post(
            "/v1/sessions", json={"subject": "clerk-sessions", "password": PASSWORD}
        )
        assert session.status_code == 201, session.text
        jwks = (await anonymous.get("/.well-known/jwks.json")).json()
    token = session.json()["token"]

    elsewhere = TokenVerifier(None, issuer="vrs-dev", audience="vrs")
    elsewhere.add_jwks(jwks)
    principal = elsewhere.verify(token)
    assert (principal.subject, principal.role, principal.county) == (
        "clerk-sessions",
        Role.county_clerk,
        "taos",
    )
    async with audit.bearer(token) as signed_in:
        standing = (await signed_in.get("/v1/account-standing")).json()
    assert standing["account"]["status"] == "active"


async def test_an_administrative_role_needs_its_totp_code(audit: Audit) -> None:
    secret = await enrol(audit, "auditor-sessions", "auditor")
    assert secret is not None
    async with audit.bearer(None) as anonymous:
        without = await anonymous.post(
            "/v1/sessions", json={"subject": "auditor-sessions", "password": PASSWORD}
        )
        assert without.status_code == 401
        assert without.json()["error"]["message"] == "wrong subject, password or code"
        with_code = await anonymous.post(
            "/v1/sessions",
            json={
                "subject": "auditor-sessions",
                "password": PASSWORD,
                "totp_code": pyotp.TOTP(secret).now(),
            },
        )
        assert with_code.status_code == 201, with_code.text
    async with audit.bearer(with_code.json()["token"]) as auditor:
        assert (await auditor.get("/v1/audit/events")).status_code == 200


async def test_repeated_failures_lock_the_account_and_a_disabled_one_cannot_sign_in(
    audit: Audit,
) -> None:
    await enrol(audit, "clerk-locked", "county_clerk", "taos")
    async with audit.bearer(None) as anonymous:
        for _ in range(5):
            wrong = await anonymous.post(
                "/v1/sessions", json={"subject": "clerk-locked", "password": "guess"}
            )
            assert wrong.status_code == 401
        locked = await anonymous.post(
            "/v1/sessions", json={"subject": "clerk-locked", "password": PASSWORD}
        )
        assert locked.status_code == 429
        assert "locked" in locked.json()["error"]["message"]
        assert int(locked.headers["Retry-After"]) > 0

        await enrol(audit, "clerk-gone", "county_clerk", "taos")
        async with audit.client(ADMIN, Role.sos_admin) as admin:
            await admin.post("/v1/accounts/clerk-gone/disable", json={"reason": "left"})
        gone = await anonymous.post(
            "/v1/sessions", json={"subject": "clerk-gone", "password": PASSWORD}
        )
        assert gone.status_code == 401
        assert gone.json()["error"]["message"] == "account disabled"
        unknown = await anonymous.post(
            "/v1/sessions", json={"subject": "nobody", "password": PASSWORD}
        )
        assert unknown.json()["error"]["message"] == "wrong subject, password or code"


async def test_one_address_may_try_only_so_often_a_minute(start_audit: StartAudit) -> None:
    audit = await start_audit(audit_sign_in_attempts_per_minute=3)
    async with audit.bearer(None) as anonymous:
        answers = [
            (
                await anonymous.post(
                    "/v1/sessions", json={"subject": f"guess-{n}", "password": "guess"}
                )
            ).status_code
            for n in range(4)
        ]
    assert answers == [401, 401, 401, 429]


async def test_a_changed_password_is_stored_only_as_an_argon2id_hash(
    audit: Audit, superuser: Callable[[], Superuser]
) -> None:
    await enrol(audit, "clerk-hash", "county_clerk", "taos")
    with superuser() as conn:
        row = conn.execute(
            "SELECT password_hash FROM account WHERE subject = 'clerk-hash'"
        ).fetchone()
    assert row["password_hash"].startswith("$argon2id$")
    assert PASSWORD not in row["password_hash"]


async def test_each_sign_in_attempt_is_audited_under_the_subject_it_claimed(
    audit: Audit, superuser: Callable[[], Superuser]
) -> None:
    await enrol(audit, "clerk-audited", "county_clerk", "taos")
    async with audit.bearer(None) as anonymous:
        for _ in range(6):
            await anonymous.post(
                "/v1/sessions", json={"subject": "clerk-audited", "password": "guess"}
            )
    with superuser() as conn:
        rows = conn.execute("SELECT payload FROM outbox ORDER BY id").fetchall()
    attempts = [
        event["data"]
        for event in (json.loads(bytes(row["payload"])) for row in rows)
        if event["data"]["action"] == "POST /v1/sessions"
    ]
    assert [(a["actor"], a["status_code"], a["reason"]) for a in attempts] == [
        ("clerk-audited", 401, "wrong subject, password or code")
    ] * 5 + [
        (
            "clerk-audited",
            429,
            "this account is locked after repeated failed sign-ins; try again later",
        )
    ]
