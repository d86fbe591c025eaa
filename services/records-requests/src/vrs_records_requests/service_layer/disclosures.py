"""Disclosure accounting: for any voter, who received its data, when and why; which voters an
export disclosed; and the public log of voter-list requests."""

from typing import Any
from uuid import UUID

from vrs_plumbing.db import Connection


async def disclosures_of_voter(conn: Connection, voter_id: UUID) -> list[dict[str, Any]]:
    """Every disclosure of the voter's data, oldest first: each export that held it, and what
    the SOS gave an agency about it under a court order."""
    rows = await (
        await conn.execute(
            "SELECT d.* FROM disclosures d"
            " WHERE d.export_id IN (SELECT export_id FROM export_voters WHERE voter_id = %s)"
            " OR d.sensitive_request_id IN"
            " (SELECT sensitive_request_id FROM sensitive_requests WHERE voter_id = %s)"
            " ORDER BY d.disclosed_at",
            (voter_id, voter_id),
        )
    ).fetchall()
    return list(rows)


async def counties_of_voter(conn: Connection, voter_id: UUID) -> set[str]:
    """The counties the voter was in when disclosed, and is in now (for a clerk's scope)."""
    rows = await (
        await conn.execute(
            "SELECT county FROM export_voters WHERE voter_id = %s"
            " UNION SELECT county FROM public_voters WHERE voter_id = %s",
            (voter_id, voter_id),
        )
    ).fetchall()
    return {row["county"] for row in rows}


async def voters_of_export(conn: Connection, export_id: UUID) -> list[UUID]:
    """The voters an export disclosed, in file order."""
    rows = await (
        await conn.execute(
            "SELECT voter_id FROM export_voters WHERE export_id = %s ORDER BY position",
            (export_id,),
        )
    ).fetchall()
    return [row["voter_id"] for row in rows]


async def public_log(conn: Connection) -> list[dict[str, Any]]:
    """The public log of voter-list requests (quoted ones): requester, dates, charges."""
    rows = await (
        await conn.execute(
            "SELECT r.request_id, a.name AS requester_name,"
            " a.organisation AS requester_organisation, r.product, r.requested_at,"
            " r.fulfilled_at, r.total_cents AS charges_cents"
            " FROM requests r JOIN affidavits a USING (affidavit_id)"
            " WHERE r.outcome = 'quoted' ORDER BY r.requested_at"
        )
    ).fetchall()
    return list(rows)
