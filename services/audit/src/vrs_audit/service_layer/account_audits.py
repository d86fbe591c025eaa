"""The periodic reviews of 1.10.35.11: the monthly account audit, the annual permission audit,
and the attempts to use disabled accounts. Read-only; auditors run them."""

from datetime import datetime, timedelta
from typing import Any

from vrs_audit.domain.accounts import needs_second_factor
from vrs_plumbing.accounts import ACCOUNT_DISABLED
from vrs_plumbing.db import Connection

Row = dict[str, Any]


async def monthly_account_audit(conn: Connection, *, now: datetime) -> Row:
    """Every account with its last activity; which are disabled and which still active, which
    have been idle 30 days or more, which name no owner, and what changed in the last 30 days."""
    month_ago = now - timedelta(days=30)
    cursor = await conn.execute(
        """
        SELECT subject, role, county, status, owner_name, created_at, created_by,
               last_activity_at, disabled_at, disabled_reason
        FROM account ORDER BY subject
        """
    )
    accounts = await cursor.fetchall()
    changes = await (
        await conn.execute(
            """
            SELECT subject, change, role, county, status, changed_by, reason, changed_at
            FROM account_change WHERE changed_at >= %s ORDER BY seq
            """,
            (month_ago,),
        )
    ).fetchall()
    active = [a for a in accounts if a["status"] == "active"]
    return {
        "as_of": now,
        "accounts": accounts,
        "active": [a["subject"] for a in active],
        "disabled": [a["subject"] for a in accounts if a["status"] == "disabled"],
        "active_idle_30_days": [
            a["subject"] for a in active if (a["last_activity_at"] or a["created_at"]) <= month_ago
        ],
        "without_owner": [a["subject"] for a in accounts if not a["owner_name"]],
        "changes_last_30_days": changes,
    }


async def annual_permission_audit(conn: Connection, *, now: datetime) -> list[Row]:
    """Each active account's role against what its holder did with it in the last year: the
    actions it was allowed and used, the refusals it met, and findings an auditor must look at
    (a role never used, an administrative role without a second factor). Least privilege means
    the role should be the smallest that covers the actions used."""
    year_ago = now - timedelta(days=365)
    cursor = await conn.execute(
        """
        SELECT a.subject, a.role, a.county, a.owner_name, a.created_at, a.last_activity_at,
               a.totp_secret IS NOT NULL AS second_factor_enrolled,
               (SELECT max(c.changed_at) FROM account_change c
                 WHERE c.subject = a.subject AND c.change IN ('created', 'role_changed'))
                 AS role_granted_at,
               coalesce((SELECT array_agg(DISTINCT l.service || ' ' || l.action ORDER BY
                                          l.service || ' ' || l.action)
                           FROM access_log l
                          WHERE l.actor = a.subject AND l.outcome = 'allowed'
                            AND l.time >= %(since)s), '{}') AS actions_used,
               (SELECT count(*) FROM access_log l
                 WHERE l.actor = a.subject AND l.outcome = 'denied' AND l.time >= %(since)s)
                 AS refusals
        FROM account a WHERE a.status = 'active' ORDER BY a.subject
        """,
        {"since": year_ago},
    )
    reviews = await cursor.fetchall()
    for review in reviews:
        findings = []
        if not review["actions_used"]:
            findings.append("role not used in the last year")
        if needs_second_factor(review["role"]) and not review["second_factor_enrolled"]:
            findings.append("administrative role without a second factor enrolled")
        if not review["owner_name"]:
            findings.append("no owner named")
        review["findings"] = findings
    return reviews


async def disabled_account_attempts(
    conn: Connection, *, since: datetime, until: datetime
) -> list[Row]:
    """Every attempt to use a disabled account in the window, oldest first: requests refused
    with the account's token (from the access log) and sign-ins refused."""
    cursor = await conn.execute(
        """
        SELECT time, actor AS subject, service, action, source_address, 'request' AS kind
        FROM access_log
        WHERE reason = %(reason)s AND time >= %(since)s AND time < %(until)s
        UNION ALL
        SELECT attempted_at, subject, 'audit', 'POST /v1/sessions', source_address, 'sign-in'
        FROM sign_in_attempt
        WHERE reason = %(reason)s AND attempted_at >= %(since)s AND attempted_at < %(until)s
        ORDER BY 1
        """,
        {"reason": ACCOUNT_DISABLED, "since": since, "until": until},
    )
    return await cursor.fetchall()
