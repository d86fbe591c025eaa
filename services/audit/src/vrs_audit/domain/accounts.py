"""Who may manage which account, and when an account has gone idle (1.10.35.11).

Roles are the vocabulary's codes as plain strings: the domain imports only the standard library.
"""

from datetime import datetime, timedelta

COUNTY_ROLES = frozenset({"county_clerk", "county_supervisor"})


def management_refusal(
    *,
    actor_subject: str,
    actor_role: str,
    actor_county: str | None,
    target_subject: str,
    target_role: str,
    target_county: str | None,
) -> str | None:
    """Why ``actor`` may not create, change, disable or re-enable an account that holds (or is
    to hold) ``target_role`` in ``target_county``; ``None`` when it may.

    1.10.35.11 asks that access follow job functions and that accounts be disabled the day
    someone leaves. The Secretary of State's administrators manage every account; a county
    supervisor manages its own county's clerks, the people it hires and who leave it, and no
    supervisor (docs/adr/0025). Nobody manages their own account: nobody raises their own role
    or re-enables themselves.
    """
    if actor_subject == target_subject:
        return "nobody may change their own account"
    if actor_role == "sos_admin":
        return None
    if actor_role == "county_supervisor":
        if target_role != "county_clerk":
            return "a county_supervisor manages county_clerk accounts only"
        if target_county != actor_county:
            return f"a county_supervisor of {actor_county} may not act in another county"
        return None
    return f"role {actor_role} may not manage accounts"


def scope_problem(role: str, county: str | None) -> str | None:
    """A county role must name its county; the statewide roles must not name one."""
    if role in COUNTY_ROLES and county is None:
        return f"role {role} needs a county"
    if role not in COUNTY_ROLES and county is not None:
        return f"role {role} has no county scope"
    return None


def is_idle(
    *, last_activity_at: datetime | None, created_at: datetime, now: datetime, idle_after: timedelta
) -> bool:
    """An active account unused for ``idle_after`` (or never used since it was created that
    long ago) is disabled automatically: 1.10.35.11's accounts of people who have left."""
    return now - (last_activity_at or created_at) >= idle_after


ADMINISTRATIVE_ROLES = frozenset({"sos_admin", "auditor", "operator"})


def needs_second_factor(role: str) -> bool:
    """Administrative roles sign in with a password and a TOTP code (issue 6; 1.10.35.11's
    confidential credentials): they manage accounts, read the whole access log or run the
    system."""
    return role in ADMINISTRATIVE_ROLES


def locked_until(
    failures_since_last_success: list[datetime], *, max_failures: int, lockout: timedelta
) -> datetime | None:
    """When an account locked by repeated failed sign-ins opens again, or ``None`` when it is
    not locked: ``max_failures`` failures in a row lock it for ``lockout`` after the last one
    that reached the limit."""
    if len(failures_since_last_success) < max_failures:
        return None
    return sorted(failures_since_last_success)[-1] + lockout
