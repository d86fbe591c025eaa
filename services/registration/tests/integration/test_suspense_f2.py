"""1.10.35.8 F(2): 45 days in suspense ``incomplete_application`` makes an electronic record removable."""

import json
from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

from psycopg.types.json import Jsonb

from vrs_plumbing.db import Connection, Pool
from vrs_registration.service_layer.suspense import expire_incomplete_suspense

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


async def voter_in_suspense(
    conn: Connection, *, channel: str, days_ago: float, reason: str = "incomplete_application"
) -> UUID:
    """A voter put in suspense ``days_ago`` days before NOW through an application of ``channel``."""
    application_id, voter_id = uuid4(), uuid4()
    await conn.execute(
        "INSERT INTO applications (application_id, submitted_by, idempotency_key, request_hash, channel, county,"
        " decision, status_reason, state, person_key, party, details, correlation_id, received_at)"
        " VALUES (%s, 'portal', %s, 'h', %s, 'taos', 'suspense', %s, 'registered', %s, 'DTS', %s, %s, %s)",
        (application_id, str(uuid4()), channel, reason, f"pk-{voter_id}", Jsonb({}), uuid4(), NOW),
    )
    await conn.execute(
        "INSERT INTO voters (voter_id, county, status, status_reason, first_name, last_name, date_of_birth,"
        " person_key, residence_address, party, registered_on, source_application_id)"
        " VALUES (%s, 'taos', 'suspense', %s, 'Ana', 'Test', %s, %s, %s, 'DTS', %s, %s)",
        (
            voter_id,
            reason,
            date(1980, 1, 1),
            f"pk-{voter_id}",
            Jsonb({"street": "x"}),
            NOW.date(),
            application_id,
        ),
    )
    await conn.execute(
        "INSERT INTO voter_status_history (voter_id, old_status, new_status, status_reason, clause, actor, changed_at)"
        " VALUES (%s, NULL, 'suspense', %s, '1.10.35.8 F(1)', 'system:registration', %s)",
        (voter_id, reason, NOW - timedelta(days=days_ago)),
    )
    return voter_id


async def status_of(conn: Connection, voter_id: UUID) -> tuple[str, str]:
    row = await (
        await conn.execute(
            "SELECT status, status_reason FROM voters WHERE voter_id = %s", (voter_id,)
        )
    ).fetchone()
    assert row is not None
    return row["status"], row["status_reason"]


async def test_f2_after_45_days_an_incomplete_electronic_record_becomes_removable_with_history_and_event(
    pool: Pool,
) -> None:
    async with pool.connection() as conn, conn.transaction():
        overdue = await voter_in_suspense(conn, channel="online", days_ago=45)
        mvd = await voter_in_suspense(conn, channel="mvd", days_ago=60)
        recent = await voter_in_suspense(conn, channel="online", days_ago=44.9)
        paper = await voter_in_suspense(conn, channel="paper", days_ago=90)
        minor = await voter_in_suspense(conn, channel="online", days_ago=90, reason="under_age")
        assert await expire_incomplete_suspense(conn, now=NOW) == 2

    async with pool.connection() as conn:
        assert await status_of(conn, overdue) == ("removable", "incomplete_application")
        assert await status_of(conn, mvd) == ("removable", "incomplete_application")
        for untouched, reason in (
            (recent, "incomplete_application"),
            (paper, "incomplete_application"),
            (minor, "under_age"),
        ):
            assert await status_of(conn, untouched) == ("suspense", reason)
        history = await (
            await conn.execute(
                "SELECT old_status, new_status, clause, actor FROM voter_status_history WHERE voter_id = %s ORDER BY id",
                (overdue,),
            )
        ).fetchall()
        assert [tuple(h.values()) for h in history][-1] == (
            "suspense",
            "removable",
            "1.10.35.8 F(2)",
            "system:registration",
        )
        events = [
            json.loads(bytes(r["payload"]))
            for r in await (await conn.execute("SELECT payload FROM outbox")).fetchall()
        ]
        assert sorted(e["data"]["voter_id"] for e in events) == sorted([str(overdue), str(mvd)])
        assert {e["type"] for e in events} == {"gov.nm.sos.vrs.voter.status_changed.v1"}


async def test_f2_a_second_sweep_changes_nothing_more(pool: Pool) -> None:
    async with pool.connection() as conn, conn.transaction():
        await voter_in_suspense(conn, channel="online", days_ago=50)
        assert await expire_incomplete_suspense(conn, now=NOW) == 1
        assert await expire_incomplete_suspense(conn, now=NOW + timedelta(days=30)) == 0
