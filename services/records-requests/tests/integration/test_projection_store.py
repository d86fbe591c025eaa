"""The projection on a real PostgreSQL, fed through the consumer's handlers: a voter enters with
its public fields only, follows its updates and status changes, and a voter whose address
becomes confidential leaves it."""

from datetime import UTC, datetime
from typing import Any

from vrs_contracts.counties import County
from vrs_contracts.events import VoterRecordUpdated, VoterStatusChanged
from vrs_contracts.people import Address
from vrs_contracts.vocabulary import StatusReason, VoterStatus
from vrs_plumbing.db import Connection
from vrs_records_requests.domain.projection import PUBLIC_FIELDS
from vrs_records_requests.service_layer.projection import (
    on_voter_record_updated,
    on_voter_registered,
    on_voter_status_changed,
)


async def public_rows(conn: Connection) -> list[dict[str, Any]]:
    return list(await (await conn.execute("SELECT * FROM public_voters")).fetchall())


async def test_the_table_has_the_public_columns_only(records: Any) -> None:
    async with records.runtime.pool.connection() as conn:
        columns = await (
            await conn.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_schema = 'records_requests' AND table_name = 'public_voters'"
            )
        ).fetchall()
    assert {c["column_name"] for c in columns} == {*PUBLIC_FIELDS, "updated_at"}


async def test_a_voter_follows_its_events_and_leaves_when_its_address_becomes_confidential(
    records: Any,
) -> None:
    registered = records.voter("Example", party="DEM")
    hidden = records.voter("Official", confidential=True)
    now = datetime(2026, 11, 20, tzinfo=UTC)
    moved = VoterRecordUpdated(
        voter_id=registered.voter_id,
        county=County.taos,
        transferred_from=County.santa_fe,
        application_id=registered.application_id or registered.voter_id,
        registrant=registered.registrant.model_copy(
            update={"residence_address": Address(street="9 Ridge", city="Taos", zip="87571")}
        ),
        updated_at=now,
        party="REP",
        confidential_address=False,
    )
    inactive = VoterStatusChanged(
        voter_id=registered.voter_id,
        county=County.taos,
        old_status=VoterStatus.active,
        new_status=VoterStatus.inactive,
        status_reason=StatusReason.confirmation_mailing,
        clause="1.10.35.9 A(3)",
        actor="system:matching",
        changed_at=now,
    )
    designated = moved.model_copy(update={"confidential_address": True})
    async with records.runtime.pool.connection() as conn, conn.transaction():
        await on_voter_registered(conn, records.wrapped(registered))
        await on_voter_registered(conn, records.wrapped(hidden))
        first = await public_rows(conn)
        await on_voter_record_updated(conn, records.wrapped(moved))
        await on_voter_status_changed(conn, records.wrapped(inactive))
        second = await public_rows(conn)
        await on_voter_record_updated(conn, records.wrapped(designated))
        third = await public_rows(conn)

    assert [r["voter_id"] for r in first] == [registered.voter_id]
    row = first[0]
    assert (row["birth_year"], row["party"], row["county"]) == (1980, "DEM", "santa_fe")
    assert [(r["county"], r["status"], r["party"], r["residence_city"]) for r in second] == [
        ("taos", "inactive", "REP", "Taos")
    ]
    assert third == []
