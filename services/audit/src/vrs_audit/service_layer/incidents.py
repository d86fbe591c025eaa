"""Breach response: an incident's exposed voters computed from the access log, stored, and one
``BreachNoticeRequested`` per voter through the outbox (docs/adr/0032)."""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from psycopg.types.json import Jsonb

from vrs_audit.domain.breach import Disclosure, exposed_voters
from vrs_contracts.api.audit import AffectedVoter, IncidentForm, IncidentView
from vrs_contracts.envelope import envelope
from vrs_contracts.events import BreachNoticeRequested
from vrs_plumbing.db import Connection
from vrs_plumbing.outbox import add_to_outbox

SELECTED = """
    SELECT actor, voter_ids, resource FROM access_log
     WHERE time >= %(start)s AND time < %(end)s AND outcome = 'allowed'
       AND (%(actor)s::text IS NULL OR actor = %(actor)s)
       AND (%(service)s::text IS NULL OR service = %(service)s)
       AND (%(action)s::text IS NULL OR action = %(action)s)
     ORDER BY seq
"""


async def declare_incident(
    conn: Connection,
    form: IncidentForm,
    *,
    declared_by: str,
    export_voters: Sequence[UUID] | None,
    correlation_id: UUID,
) -> IncidentView:
    """Find every voter the selected answers of the window exposed (or the export held), store
    the incident with them, and ask notifications to tell each voter. ``export_voters`` are the
    voters of the selector's export, read from records-requests beforehand."""
    selector = form.selector
    rows = await (
        await conn.execute(
            SELECTED,
            {
                "start": form.window_start,
                "end": form.window_end,
                "actor": selector.actor,
                "service": selector.service,
                "action": selector.action,
            },
        )
    ).fetchall()
    export = str(selector.export_id) if selector.export_id else None
    exposed = exposed_voters(
        (Disclosure(row["actor"], row["voter_ids"]) for row in rows),
        only=set(selector.voter_ids) if selector.voter_ids is not None else None,
        export_voters=export_voters,
        export_readers=(row["actor"] for row in rows if export and export in row["resource"]),
    )
    incident = IncidentView(
        **form.model_dump(),
        incident_id=uuid4(),
        declared_by=declared_by,
        declared_at=datetime.now(UTC),
        affected=[
            AffectedVoter(voter_id=voter_id, seen_by=sorted(actors))
            for voter_id, actors in exposed.items()
        ],
    )
    await _store(conn, incident)
    for affected in incident.affected:
        notice = BreachNoticeRequested(
            incident_id=incident.incident_id,
            voter_id=affected.voter_id,
            exposed_data=form.exposed_data,
            exposed_from=form.window_start,
            exposed_until=form.window_end,
            exposed_to=form.exposed_to,
            office_action=form.office_action,
            requested_by=declared_by,
        )
        await add_to_outbox(
            conn,
            envelope(
                notice,
                source="/vrs/audit",
                correlation_id=correlation_id,
                subject=str(affected.voter_id),
            ),
            key=str(affected.voter_id),
        )
    return incident


async def _store(conn: Connection, incident: IncidentView) -> None:
    await conn.execute(
        "INSERT INTO incident (incident_id, description, window_start, window_end, selector,"
        " exposed_data, exposed_to, office_action, declared_by, declared_at) VALUES"
        " (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (
            incident.incident_id,
            incident.description,
            incident.window_start,
            incident.window_end,
            Jsonb(incident.selector.model_dump(mode="json")),
            incident.exposed_data,
            incident.exposed_to,
            incident.office_action,
            incident.declared_by,
            incident.declared_at,
        ),
    )
    async with conn.cursor() as cursor:
        await cursor.executemany(
            "INSERT INTO incident_voter (incident_id, voter_id, seen_by) VALUES (%s, %s, %s)",
            [(incident.incident_id, a.voter_id, a.seen_by) for a in incident.affected],
        )


async def find_incident(conn: Connection, incident_id: UUID) -> IncidentView | None:
    """An incident with its affected voters, or None."""
    row = await (
        await conn.execute("SELECT * FROM incident WHERE incident_id = %s", (incident_id,))
    ).fetchone()
    if row is None:
        return None
    affected = await (
        await conn.execute(
            "SELECT voter_id, seen_by FROM incident_voter WHERE incident_id = %s ORDER BY voter_id",
            (incident_id,),
        )
    ).fetchall()
    fields: dict[str, Any] = dict(row)
    return IncidentView(**fields, affected=[AffectedVoter(**a) for a in affected])
