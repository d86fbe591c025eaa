"""1.10.35.8 A(5): a county may have paper entries proofread by a staff member who did not enter
them; until then the entry waits and nothing is announced, so no letter goes out and no voter is
made from an unchecked entry."""

from datetime import UTC, datetime
from uuid import UUID

from vrs_contracts.api.registration import ApplicationAnswer
from vrs_plumbing.access import ensure_county_access
from vrs_plumbing.auth import Principal
from vrs_plumbing.db import Connection
from vrs_plumbing.errors import ApiError
from vrs_registration.service_layer.intake import announce_outcome
from vrs_registration.service_layer.records import answer_of


async def confirm_entry(
    conn: Connection, application_id: UUID, *, principal: Principal, correlation_id: UUID
) -> ApplicationAnswer:
    """Release a proofread entry to where intake decided it should go."""
    application = await (
        await conn.execute(
            "SELECT * FROM applications WHERE application_id = %s FOR UPDATE", (application_id,)
        )
    ).fetchone()
    if application is None:
        raise ApiError(404, "no such application")
    ensure_county_access(principal, application["county"])
    if application["state"] != "awaiting_proofreading":
        raise ApiError(409, "this application is not waiting for proofreading")
    if application["submitted_by"] == principal.subject:
        raise ApiError(
            403, "the staff member who entered a form may not proofread it (1.10.35.8 A(5))"
        )
    released = await (
        await conn.execute(
            "UPDATE applications SET state = pending_state, pending_state = NULL, proofread_by = %s,"
            " proofread_at = %s WHERE application_id = %s RETURNING *",
            (principal.subject, datetime.now(UTC), application_id),
        )
    ).fetchone()
    assert released is not None
    await announce_outcome(conn, released, correlation_id=correlation_id, causation_id=None)
    return answer_of(released)
