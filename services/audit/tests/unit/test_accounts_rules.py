"""Who may manage which account, and when an account is idle (1.10.35.11)."""

from datetime import UTC, datetime, timedelta

import pytest

from vrs_audit.domain.accounts import is_idle, management_refusal, scope_problem


@pytest.mark.parametrize(
    ("actor_role", "actor_county", "target_role", "target_county", "allowed"),
    [
        ("sos_admin", None, "county_clerk", "taos", True),
        ("sos_admin", None, "sos_admin", None, True),
        ("sos_admin", None, "auditor", None, True),
        ("county_supervisor", "taos", "county_clerk", "taos", True),
        ("county_supervisor", "taos", "county_clerk", "santa_fe", False),
        ("county_supervisor", "taos", "county_supervisor", "taos", False),
        ("county_supervisor", "taos", "sos_admin", None, False),
        ("county_clerk", "taos", "county_clerk", "taos", False),
        ("auditor", None, "county_clerk", "taos", False),
        ("operator", None, "operator", None, False),
    ],
)
def test_who_manages_which_account(
    actor_role: str,
    actor_county: str | None,
    target_role: str,
    target_county: str | None,
    *,
    allowed: bool,
) -> None:
    refusal = management_refusal(
        actor_subject="actor",
        actor_role=actor_role,
        actor_county=actor_county,
        target_subject="target",
        target_role=target_role,
        target_county=target_county,
    )
    assert (refusal is None) is allowed


def test_nobody_manages_their_own_account() -> None:
    refusal = management_refusal(
        actor_subject="same",
        actor_role="sos_admin",
        actor_county=None,
        target_subject="same",
        target_role="sos_admin",
        target_county=None,
    )
    assert refusal == "nobody may change their own account"


@pytest.mark.parametrize(
    ("role", "county", "problem"),
    [
        ("county_clerk", "taos", None),
        ("county_clerk", None, "role county_clerk needs a county"),
        ("auditor", None, None),
        ("auditor", "taos", "role auditor has no county scope"),
    ],
)
def test_county_roles_and_only_they_name_a_county(
    role: str, county: str | None, problem: str | None
) -> None:
    assert scope_problem(role, county) == problem


NOW = datetime(2026, 12, 4, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("last_activity_at", "created_at", "idle"),
    [
        (NOW - timedelta(days=89), NOW - timedelta(days=400), False),
        (NOW - timedelta(days=90), NOW - timedelta(days=400), True),
        (None, NOW - timedelta(days=10), False),
        (None, NOW - timedelta(days=91), True),
    ],
)
def test_an_account_unused_for_the_idle_period_is_idle(
    last_activity_at: datetime | None, created_at: datetime, *, idle: bool
) -> None:
    assert (
        is_idle(
            last_activity_at=last_activity_at,
            created_at=created_at,
            now=NOW,
            idle_after=timedelta(days=90),
        )
        is idle
    )
