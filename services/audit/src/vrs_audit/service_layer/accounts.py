"""Accounts: create, change role, disable, re-enable, list; each change kept with who and why.

Every change is a row of ``account_change`` written in the same transaction as the change, so
the account's history is complete; the HTTP request that made it is in the access log too.
"""

from datetime import datetime, timedelta
from typing import Any

from vrs_audit.adapters import credentials
from vrs_audit.domain.accounts import (
    is_idle,
    management_refusal,
    needs_second_factor,
    scope_problem,
)
from vrs_contracts.api.accounts import AccountStanding
from vrs_plumbing.auth import Principal
from vrs_plumbing.db import Connection
from vrs_plumbing.errors import ApiError, FieldProblem

Row = dict[str, Any]
SYSTEM = "system"
"""Who changed an account that the system changed on its own authority (the idle-account job)."""
FIRST_ADMINISTRATOR = "vrs accounts first-admin"
"""Who created the first administrator: the operator at the database, not an account."""


async def create_account(
    conn: Connection,
    actor: Principal,
    *,
    subject: str,
    role: str,
    county: str | None,
    owner_name: str | None,
    reason: str,
    now: datetime,
) -> Row:
    """A new active account; 409 when the subject already has one."""
    _check_scope(role, county)
    _check_may_manage(actor, subject, role, county)
    cursor = await conn.execute(
        """
        INSERT INTO account (subject, role, county, status, owner_name, created_at, created_by)
        VALUES (%s, %s, %s, 'active', %s, %s, %s)
        ON CONFLICT (subject) DO NOTHING
        RETURNING *
        """,
        (subject, role, county, owner_name, now, actor.subject),
    )
    account = await cursor.fetchone()
    if account is None:
        raise ApiError(409, "an account with this subject exists", [_field("subject", "taken")])
    await _record_change(conn, account, "created", changed_by=actor.subject, reason=reason, now=now)
    return account


async def change_role(
    conn: Connection,
    actor: Principal,
    subject: str,
    *,
    role: str,
    county: str | None,
    reason: str,
    now: datetime,
) -> Row:
    """The account's new role and county scope; the actor must manage both the old and the new."""
    _check_scope(role, county)
    account = await _account_for_update(conn, subject)
    _check_may_manage(actor, subject, account["role"], account["county"])
    _check_may_manage(actor, subject, role, county)
    cursor = await conn.execute(
        "UPDATE account SET role = %s, county = %s WHERE subject = %s RETURNING *",
        (role, county, subject),
    )
    changed = await cursor.fetchone()
    assert changed is not None  # locked above
    await _record_change(
        conn, changed, "role_changed", changed_by=actor.subject, reason=reason, now=now
    )
    return changed


async def set_status(
    conn: Connection, actor: Principal, subject: str, *, active: bool, reason: str, now: datetime
) -> Row:
    """Disable or re-enable an account; doing it twice changes nothing and records nothing."""
    account = await _account_for_update(conn, subject)
    _check_may_manage(actor, subject, account["role"], account["county"])
    status = "active" if active else "disabled"
    if account["status"] == status:
        return account
    changed = await _write_status(conn, subject, status=status, reason=reason, now=now)
    await _record_change(
        conn,
        changed,
        "enabled" if active else "disabled",
        changed_by=actor.subject,
        reason=reason,
        now=now,
    )
    return changed


async def set_credentials(
    conn: Connection, actor: Principal, subject: str, *, password: str, reason: str, now: datetime
) -> str | None:
    """Store a new password (Argon2id hash only) and, for an administrative role, a new TOTP
    secret whose enrolment URI is returned this once; the old password and secret stop working."""
    account = await _account_for_update(conn, subject)
    _check_may_manage(actor, subject, account["role"], account["county"])
    uri = await _store_credentials(conn, account, password)
    await _record_change(
        conn, account, "credentials_set", changed_by=actor.subject, reason=reason, now=now
    )
    return uri


async def create_first_administrator(
    conn: Connection, *, subject: str, owner_name: str, password: str, now: datetime
) -> str:
    """The first ``sos_admin`` account, with its password and TOTP secret (whose enrolment URI
    is returned): the one account nobody can create through the API once accounts are required.
    Refused (409) as soon as any active ``sos_admin`` account exists."""
    await conn.execute("LOCK TABLE account IN EXCLUSIVE MODE")
    cursor = await conn.execute(
        "SELECT 1 FROM account WHERE role = 'sos_admin' AND status = 'active' LIMIT 1"
    )
    if await cursor.fetchone() is not None:
        raise ApiError(409, "an active sos_admin account exists; it creates the others")
    cursor = await conn.execute(
        """
        INSERT INTO account (subject, role, county, status, owner_name, created_at, created_by)
        VALUES (%s, 'sos_admin', NULL, 'active', %s, %s, %s) RETURNING *
        """,
        (subject, owner_name, now, FIRST_ADMINISTRATOR),
    )
    account = await cursor.fetchone()
    assert account is not None  # just inserted
    uri = await _store_credentials(conn, account, password)
    assert uri is not None  # sos_admin needs a second factor
    await _record_change(
        conn,
        account,
        "created",
        changed_by=FIRST_ADMINISTRATOR,
        reason="the first administrator",
        now=now,
    )
    return uri


async def disable_idle_accounts(conn: Connection, *, now: datetime, idle_after: timedelta) -> int:
    """Disable, on the system's own authority, every active account unused for ``idle_after``
    (1.10.35.11: the accounts of people who have left); returns how many."""
    cursor = await conn.execute(
        "SELECT subject, created_at, last_activity_at FROM account WHERE status = 'active' "
        "FOR UPDATE"
    )
    idle = [
        account["subject"]
        for account in await cursor.fetchall()
        if is_idle(
            last_activity_at=account["last_activity_at"],
            created_at=account["created_at"],
            now=now,
            idle_after=idle_after,
        )
    ]
    reason = f"unused for {idle_after.days} days"
    for subject in idle:
        changed = await _write_status(conn, subject, status="disabled", reason=reason, now=now)
        await _record_change(conn, changed, "disabled", changed_by=SYSTEM, reason=reason, now=now)
    return len(idle)


async def list_accounts(
    conn: Connection, *, status: str | None, role: str | None, county: str | None
) -> list[Row]:
    """Accounts matching every given filter, by subject."""
    cursor = await conn.execute(
        """
        SELECT * FROM account
        WHERE (%(status)s::text IS NULL OR status = %(status)s)
          AND (%(role)s::text IS NULL OR role = %(role)s)
          AND (%(county)s::text IS NULL OR county = %(county)s)
        ORDER BY subject
        """,
        {"status": status, "role": role, "county": county},
    )
    return await cursor.fetchall()


async def account_history(conn: Connection, subject: str) -> list[Row]:
    """Every change of an account, oldest first; 404 when there is no such account."""
    await _account(conn, subject)
    cursor = await conn.execute(
        "SELECT * FROM account_change WHERE subject = %s ORDER BY seq", (subject,)
    )
    return await cursor.fetchall()


async def account_of(conn: Connection, subject: str) -> Row:
    """One account; 404 when there is none."""
    return await _account(conn, subject)


async def standing_of(conn: Connection, subject: str, now: datetime) -> AccountStanding | None:
    """The account's standing for the request it is asked for, which counts as activity
    (written at most once a minute per account, not on every request)."""
    await conn.execute(
        """
        UPDATE account SET last_activity_at = %(now)s
        WHERE subject = %(subject)s AND status = 'active'
          AND (last_activity_at IS NULL OR last_activity_at < %(now)s - interval '1 minute')
        """,
        {"subject": subject, "now": now},
    )
    cursor = await conn.execute(
        "SELECT status, role, county FROM account WHERE subject = %s", (subject,)
    )
    row = await cursor.fetchone()
    return AccountStanding.model_validate(row) if row is not None else None


def _field(name: str, problem: str) -> FieldProblem:
    return FieldProblem(field=name, problem=problem)


def _check_scope(role: str, county: str | None) -> None:
    problem = scope_problem(role, county)
    if problem is not None:
        raise ApiError(422, "the request is not valid", [_field("county", problem)])


def _check_may_manage(actor: Principal, subject: str, role: str, county: str | None) -> None:
    refusal = management_refusal(
        actor_subject=actor.subject,
        actor_role=str(actor.role),
        actor_county=str(actor.county) if actor.county is not None else None,
        target_subject=subject,
        target_role=role,
        target_county=county,
    )
    if refusal is not None:
        raise ApiError(403, refusal)


async def _account(conn: Connection, subject: str, *, lock: bool = False) -> Row:
    cursor = await conn.execute(
        f"SELECT * FROM account WHERE subject = %s{' FOR UPDATE' if lock else ''}",  # noqa: S608 - constant text
        (subject,),
    )
    account = await cursor.fetchone()
    if account is None:
        raise ApiError(404, "no account with this subject")
    return account


async def _account_for_update(conn: Connection, subject: str) -> Row:
    return await _account(conn, subject, lock=True)


async def _write_status(
    conn: Connection, subject: str, *, status: str, reason: str, now: datetime
) -> Row:
    cursor = await conn.execute(
        """
        UPDATE account SET status = %(status)s,
            disabled_at = CASE WHEN %(status)s = 'disabled' THEN %(now)s END,
            disabled_reason = CASE WHEN %(status)s = 'disabled' THEN %(reason)s END,
            last_activity_at = CASE WHEN %(status)s = 'active' THEN %(now)s
                                    ELSE last_activity_at END
        WHERE subject = %(subject)s RETURNING *
        """,
        {"status": status, "now": now, "reason": reason, "subject": subject},
    )
    changed = await cursor.fetchone()
    if changed is None:
        raise ApiError(404, "no account with this subject")
    return changed


async def _store_credentials(conn: Connection, account: Row, password: str) -> str | None:
    secret = credentials.new_totp_secret() if needs_second_factor(account["role"]) else None
    await conn.execute(
        "UPDATE account SET password_hash = %s, totp_secret = %s WHERE subject = %s",
        (credentials.hash_password(password), secret, account["subject"]),
    )
    return credentials.totp_uri(secret, account["subject"]) if secret is not None else None


async def _record_change(
    conn: Connection, account: Row, change: str, *, changed_by: str, reason: str, now: datetime
) -> None:
    await conn.execute(
        """
        INSERT INTO account_change
            (subject, change, role, county, status, changed_by, reason, changed_at)
        VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
        """,
        (
            account["subject"],
            change,
            account["role"],
            account["county"],
            account["status"],
            changed_by,
            reason,
            now,
        ),
    )
