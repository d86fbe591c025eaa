"""Who may do what here, and the office's date: the roles of each route as dependencies."""

from datetime import date, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import Depends
from pydantic import BaseModel

from vrs_contracts.vocabulary import Role
from vrs_plumbing.access import current_principal, ensure_county_access, require_role
from vrs_plumbing.auth import Principal
from vrs_plumbing.errors import ApiError

NEW_MEXICO = ZoneInfo("America/Denver")

Requester = Annotated[Principal, Depends(require_role(Role.records_requester))]
SosAdmin = Annotated[Principal, Depends(require_role(Role.sos_admin))]
Staff = Annotated[
    Principal, Depends(require_role(Role.county_clerk, Role.county_supervisor, Role.sos_admin))
]
Auditor = Annotated[Principal, Depends(require_role(Role.auditor))]
Anyone = Annotated[Principal, Depends(current_principal)]
Accountant = Annotated[
    Principal,
    Depends(require_role(Role.sos_admin, Role.auditor, Role.county_clerk, Role.county_supervisor)),
]
RequesterOrStaff = Annotated[
    Principal,
    Depends(
        require_role(
            Role.records_requester, Role.county_clerk, Role.county_supervisor, Role.sos_admin
        )
    ),
]


def office_today(now: datetime) -> date:
    """The date in New Mexico at ``now``: affidavits and fee schedules go by the office's day."""
    return now.astimezone(NEW_MEXICO).date()


def ensure_request_access(principal: Principal, request: dict[str, Any]) -> None:
    """A requester reaches its own requests; county staff their county's; sos_admin all. A
    statewide request is the SOS's (403 for a county role)."""
    if principal.role is Role.records_requester:
        if request["requester"] != principal.subject:
            raise ApiError(403, "a requester reaches only its own requests")
        return
    if principal.county is not None and request["county"] is None:
        raise ApiError(403, "a statewide request is the Secretary of State's")
    ensure_county_access(principal, request["county"] or "")


def shown_as(model: type[BaseModel], row: dict[str, Any]) -> dict[str, Any]:
    """The fields of a stored row that ``model`` shows, and no other: a table may hold more
    (a requester's subject, a voter id) than its answer gives."""
    return {key: row[key] for key in model.model_fields}
