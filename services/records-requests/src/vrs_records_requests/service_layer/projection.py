"""Keeping the public voter projection: registration's voter events, applied once each."""

from typing import Any

from vrs_contracts.envelope import CloudEvent
from vrs_contracts.events import VoterRecordUpdated, VoterRegistered, VoterStatusChanged
from vrs_plumbing.db import Connection
from vrs_records_requests.domain.projection import (
    PUBLIC_FIELDS,
    PublicVoter,
    registered_row,
    status_changed_row,
    updated_row,
)

_COLUMNS = ", ".join(PUBLIC_FIELDS)
_VALUES = ", ".join(f"%({field})s" for field in PUBLIC_FIELDS)
_UPDATES = ", ".join(f"{field} = EXCLUDED.{field}" for field in PUBLIC_FIELDS[1:])
UPSERT = (
    f"INSERT INTO public_voters ({_COLUMNS}) VALUES ({_VALUES})"  # noqa: S608 -- column names are the fixed PUBLIC_FIELDS
    f" ON CONFLICT (voter_id) DO UPDATE SET {_UPDATES}, updated_at = now()"
)


async def load_public_voter(conn: Connection, voter_id: Any) -> PublicVoter | None:
    """The projection's row of a voter, if it holds one."""
    row = await (
        await conn.execute(
            f"SELECT {_COLUMNS} FROM public_voters WHERE voter_id = %s FOR UPDATE",  # noqa: S608 -- fixed columns
            (voter_id,),
        )
    ).fetchone()
    return PublicVoter(**row) if row is not None else None


async def _store(conn: Connection, voter_id: Any, row: PublicVoter | None) -> None:
    """Keep ``row``; a voter without a public row (confidential address) leaves no trace."""
    if row is None:
        await conn.execute("DELETE FROM public_voters WHERE voter_id = %s", (voter_id,))
    else:
        await conn.execute(UPSERT, row.as_row())


async def on_voter_registered(conn: Connection, event: CloudEvent[VoterRegistered]) -> None:
    """A new voter enters the projection with its public fields, unless it is confidential."""
    await _store(conn, event.data.voter_id, registered_row(event.data))


async def on_voter_record_updated(conn: Connection, event: CloudEvent[VoterRecordUpdated]) -> None:
    """An update or transfer moves the public fields; a newly confidential voter leaves."""
    before = await load_public_voter(conn, event.data.voter_id)
    await _store(conn, event.data.voter_id, updated_row(event.data, before))


async def on_voter_status_changed(conn: Connection, event: CloudEvent[VoterStatusChanged]) -> None:
    """A status change moves the row's status and county."""
    before = await load_public_voter(conn, event.data.voter_id)
    await _store(conn, event.data.voter_id, status_changed_row(event.data, before))
