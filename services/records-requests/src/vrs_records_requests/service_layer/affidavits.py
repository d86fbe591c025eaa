"""Requesters' affidavits of authorization (1.10.35.10 A): stored, versioned, never changed."""

from datetime import date, datetime
from typing import Any
from uuid import uuid4

from vrs_contracts.api.records_requests import AffidavitForm
from vrs_plumbing.db import Connection
from vrs_records_requests.domain.affidavits import affidavit_in_force, valid_until


async def store_affidavit(
    conn: Connection, requester: str, form: AffidavitForm, now: datetime
) -> dict[str, Any]:
    """Keep ``form`` as the requester's next version; earlier versions stay as they were."""
    await conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"affidavit:{requester}",))
    row = await (
        await conn.execute(
            """
            INSERT INTO affidavits (
                affidavit_id, requester, version, name, organisation, address, purpose,
                requester_kind, attests_lawful_use, signature, signed_on, recorded_at
            )
            SELECT %(id)s, %(requester)s,
                   COALESCE((SELECT max(version) FROM affidavits WHERE requester = %(requester)s), 0) + 1,
                   %(name)s, %(organisation)s, %(address)s, %(purpose)s, %(requester_kind)s,
                   %(attests_lawful_use)s, %(signature)s, %(signed_on)s, %(now)s
            RETURNING *
            """,
            {"id": uuid4(), "requester": requester, "now": now, **form.model_dump()},
        )
    ).fetchone()
    assert row is not None
    return row


async def current_affidavit(conn: Connection, requester: str) -> dict[str, Any] | None:
    """The requester's latest affidavit, if any."""
    return await (
        await conn.execute(
            "SELECT * FROM affidavits WHERE requester = %s ORDER BY version DESC LIMIT 1",
            (requester,),
        )
    ).fetchone()


async def affidavit_of(conn: Connection, affidavit_id: Any) -> dict[str, Any] | None:
    """One stored affidavit version."""
    return await (
        await conn.execute("SELECT * FROM affidavits WHERE affidavit_id = %s", (affidavit_id,))
    ).fetchone()


def affidavit_view(row: dict[str, Any], today: date, valid_days: int) -> dict[str, Any]:
    """A stored affidavit as the API shows it, with its validity."""
    return {
        **row,
        "valid_until": valid_until(row["signed_on"], valid_days),
        "in_force": affidavit_in_force(row["signed_on"], today, valid_days),
    }
