"""Who may reach a notice: the county roles their own county's, sos_admin every county's."""

from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends

from vrs_contracts.api.notifications import NoticeView
from vrs_contracts.vocabulary import Role
from vrs_notifications.service_layer.notices import load_notice
from vrs_plumbing.access import ensure_county_access, require_role
from vrs_plumbing.auth import Principal
from vrs_plumbing.db import Connection
from vrs_plumbing.errors import ApiError

clerks = require_role(Role.county_clerk, Role.county_supervisor, Role.sos_admin)
Clerk = Annotated[Principal, Depends(clerks)]
PDF_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}


def notice_view(row: dict[str, Any]) -> dict[str, Any]:
    """The fields of a notice row the API shows (its ``notice_type`` as ``type``)."""
    shown = {**row, "type": row["notice_type"]}
    return {key: shown[key] for key in NoticeView.model_fields}


async def notice_for(
    conn: Connection, notice_id: UUID, principal: Principal, *, lock: bool = False
) -> dict[str, Any]:
    """The notice, when it exists and the caller may reach its county (404, 403 otherwise)."""
    notice = await load_notice(conn, notice_id, lock=lock)
    if notice is None:
        raise ApiError(404, "no such notice")
    ensure_county_access(principal, notice["county"])
    return notice
