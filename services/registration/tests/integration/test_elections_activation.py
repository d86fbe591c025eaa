"""1.10.35.8 A(9): 21 days before an election, voters in suspense under_age who will be 18 by it
become active, on real PostgreSQL with a controllable clock."""

import asyncio
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

import pytest
from psycopg.types.json import Jsonb

from vrs_contracts.api.elections import ElectionForm, ElectionKind
from vrs_plumbing.db import Connection, Pool
from vrs_registration.service_layer.elections import (
    activate_under_age_voters,
    record_election,
    under_age_activator,
)

DENVER = ZoneInfo("America/Denver")
GENERAL = date(2026, 11, 3)
ACTIVATION = date(2026, 10, 13)  # the 21st day before the general election


def at(day: date, hour: int = 0, minute: int = 0) -> datetime:
    """An instant of ``day`` on New Mexico's clock."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=DENVER)


async def election(conn: Connection, election_id: str, day: date) -> None:
    form = ElectionForm(name=election_id, kind=ElectionKind.general, election_date=day)
    await record_election(conn, election_id, form, recorded_by="sos", now=datetime.now(UTC))


async def voter(
    conn: Connection,
    born: date,
    *,
    county: str = "santa_fe",
    status: str = "suspense",
    reason: str | None = "under_age",
) -> UUID:
    """A voter put in ``status`` (reason ``reason``) when registered."""
    voter_id = uuid4()
    await conn.execute(
        "INSERT INTO voters (voter_id, county, status, status_reason, first_name, last_name,"
        " date_of_birth, person_key, residence_address, party, registered_on)"
        " VALUES (%s, %s, %s, %s, 'Joven', 'Test', %s, %s, %s, 'DTS', %s)",
        (voter_id, county, status, reason, born, f"pk-{voter_id}", Jsonb({"street": "x"}), born),
    )
    await conn.execute(
        "INSERT INTO voter_status_history (voter_id, old_status, new_status, status_reason, clause, actor)"
        " VALUES (%s, NULL, %s, %s, '1.10.35.8 A(1)', 'system:registration')",
        (voter_id, status, reason),
    )
    return voter_id


async def status_of(conn: Connection, voter_id: UUID) -> tuple[str, str | None]:
    row = await (
        await conn.execute(
            "SELECT status, status_reason FROM voters WHERE voter_id = %s", (voter_id,)
        )
    ).fetchone()
    assert row is not None
    return row["status"], row["status_reason"]


async def events(conn: Connection) -> list[dict[str, Any]]:
    rows = await (await conn.execute("SELECT payload FROM outbox ORDER BY id")).fetchall()
    return [json.loads(bytes(r["payload"])) for r in rows]


@dataclass(frozen=True)
class Voters:
    on_election_day: UUID  # turns 18 on election day
    day_after: UUID  # turns 18 the day after
    long_of_age: UUID  # 18 well before
    incomplete: UUID  # in suspense for another reason
    active: UUID  # already active


@pytest.fixture
async def voters(pool: Pool) -> Voters:
    async with pool.connection() as conn, conn.transaction():
        await election(conn, "2026-general", GENERAL)
        return Voters(
            on_election_day=await voter(conn, date(2008, 11, 3)),
            day_after=await voter(conn, date(2008, 11, 4), county="taos"),
            long_of_age=await voter(conn, date(2008, 6, 30), county="taos"),
            incomplete=await voter(conn, date(2008, 6, 30), reason="incomplete_application"),
            active=await voter(conn, date(2008, 6, 30), status="active", reason=None),
        )


async def test_a9_nobody_is_activated_on_the_22nd_day_before_the_election(
    pool: Pool, voters: Voters
) -> None:
    async with pool.connection() as conn, conn.transaction():
        assert await activate_under_age_voters(conn, now=at(ACTIVATION - timedelta(days=1))) == 0
        # 23:59 on the 22nd day in Santa Fe is already the 21st day in UTC: still not due.
        late_evening = at(ACTIVATION - timedelta(days=1), 23, 59)
        assert late_evening.astimezone(UTC).date() == ACTIVATION
        assert await activate_under_age_voters(conn, now=late_evening) == 0

    async with pool.connection() as conn:
        assert await status_of(conn, voters.on_election_day) == ("suspense", "under_age")
        assert await events(conn) == []


async def test_a9_on_the_21st_day_those_18_by_election_day_become_active_with_history_and_event(
    pool: Pool, voters: Voters
) -> None:
    now = at(ACTIVATION)
    async with pool.connection() as conn, conn.transaction():
        assert await activate_under_age_voters(conn, now=now) == 2

    async with pool.connection() as conn:
        assert await status_of(conn, voters.on_election_day) == ("active", None)
        assert await status_of(conn, voters.long_of_age) == ("active", None)
        assert await status_of(conn, voters.day_after) == ("suspense", "under_age")
        assert await status_of(conn, voters.incomplete) == ("suspense", "incomplete_application")
        assert await status_of(conn, voters.active) == ("active", None)
        history = await (
            await conn.execute(
                "SELECT old_status, new_status, status_reason, clause, actor, changed_at"
                " FROM voter_status_history WHERE voter_id = %s ORDER BY id",
                (voters.on_election_day,),
            )
        ).fetchall()
        assert history[-1] == {
            "old_status": "suspense",
            "new_status": "active",
            "status_reason": None,
            "clause": "1.10.35.8 A(9)",
            "actor": "system:registration",
            "changed_at": now,
        }
        published = await events(conn)
    assert {e["type"] for e in published} == {"gov.nm.sos.vrs.voter.status_changed.v1"}
    assert {e["subject"] for e in published} == {
        f"voter/{voters.on_election_day}",
        f"voter/{voters.long_of_age}",
    }
    by_voter = {e["data"]["voter_id"]: e["data"] for e in published}
    assert by_voter[str(voters.long_of_age)] == {
        "voter_id": str(voters.long_of_age),
        "county": "taos",
        "old_status": "suspense",
        "new_status": "active",
        "status_reason": None,
        "clause": "1.10.35.8 A(9)",
        "actor": "system:registration",
        "changed_at": by_voter[str(voters.long_of_age)]["changed_at"],
        # an activation owes the voter no notice: the letter fields stay empty
        "name": None,
        "mailing_address": None,
        "email": None,
        "language": None,
    }
    assert datetime.fromisoformat(by_voter[str(voters.long_of_age)]["changed_at"]) == now


async def test_a9_a_second_run_changes_nothing(pool: Pool, voters: Voters) -> None:
    async with pool.connection() as conn, conn.transaction():
        assert await activate_under_age_voters(conn, now=at(ACTIVATION)) == 2
    async with pool.connection() as conn, conn.transaction():
        assert await activate_under_age_voters(conn, now=at(ACTIVATION, 12)) == 0
        assert await activate_under_age_voters(conn, now=at(GENERAL)) == 0
        assert len(await events(conn)) == 2
        rows = await (
            await conn.execute(
                "SELECT count(*) AS n FROM voter_status_history WHERE clause = '1.10.35.8 A(9)'"
                " AND new_status = 'active'"
            )
        ).fetchone()
        assert rows == {"n": 2}


async def test_a9_a_voter_18_the_day_after_waits_for_the_next_election(
    pool: Pool, voters: Voters
) -> None:
    async with pool.connection() as conn, conn.transaction():
        await election(conn, "2027-local", date(2027, 11, 2))
        assert await activate_under_age_voters(conn, now=at(GENERAL + timedelta(days=1))) == 2
        assert await status_of(conn, voters.day_after) == ("suspense", "under_age")
        assert await activate_under_age_voters(conn, now=at(date(2027, 10, 11))) == 0
        assert await activate_under_age_voters(conn, now=at(date(2027, 10, 12))) == 1
        assert await status_of(conn, voters.day_after) == ("active", None)


async def test_a9_two_elections_close_together_each_activate_on_their_own_21st_day(
    pool: Pool,
) -> None:
    special, local = date(2026, 3, 3), date(2026, 3, 17)
    async with pool.connection() as conn, conn.transaction():
        await election(conn, "2026-special", special)
        await election(conn, "2026-local", local)
        by_first = await voter(conn, date(2008, 3, 3))
        by_second = await voter(conn, date(2008, 3, 10))
        assert await activate_under_age_voters(conn, now=at(date(2026, 2, 9))) == 0
        assert await activate_under_age_voters(conn, now=at(date(2026, 2, 10))) == 1
        assert await status_of(conn, by_first) == ("active", None)
        assert await status_of(conn, by_second) == ("suspense", "under_age")
        assert await activate_under_age_voters(conn, now=at(date(2026, 2, 23))) == 0
        assert await activate_under_age_voters(conn, now=at(date(2026, 2, 24))) == 1
        assert await status_of(conn, by_second) == ("active", None)


async def test_a9_a_day_the_job_did_not_run_is_caught_up_the_next_day(
    pool: Pool, voters: Voters
) -> None:
    async with pool.connection() as conn, conn.transaction():
        assert await activate_under_age_voters(conn, now=at(ACTIVATION + timedelta(days=1))) == 2
        assert await status_of(conn, voters.on_election_day) == ("active", None)


@dataclass
class _PoolOnly:
    """What the background job reads of a runtime."""

    pool: Pool


async def test_a9_the_background_job_activates_on_the_day_its_clock_says(
    pool: Pool, voters: Voters
) -> None:
    clock = [at(ACTIVATION - timedelta(days=1), 12)]
    job = asyncio.create_task(under_age_activator(0.05, lambda: clock[0])(_PoolOnly(pool)))  # type: ignore[arg-type]
    try:
        await asyncio.sleep(0.3)
        async with pool.connection() as conn:
            assert await status_of(conn, voters.on_election_day) == ("suspense", "under_age")
        clock[0] = at(ACTIVATION, 0, 1)
        async with asyncio.timeout(10):
            while True:
                async with pool.connection() as conn:
                    if await status_of(conn, voters.on_election_day) == ("active", None):
                        break
                await asyncio.sleep(0.05)
    finally:
        job.cancel()
        await asyncio.gather(job, return_exceptions=True)
    async with pool.connection() as conn:
        assert len(await events(conn)) == 2
