"""The incidents API (breach response): auditors declare an exposure and read who it touched."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request

from vrs_audit.adapters.exports_client import (
    ExportNotFoundError,
    ExportsClient,
    ExportsUnavailableError,
)
from vrs_audit.service_layer.incidents import declare_incident, find_incident
from vrs_contracts.api.audit import IncidentForm, IncidentView
from vrs_contracts.api.errors import error_responses
from vrs_contracts.vocabulary import Role
from vrs_plumbing.access import require_role
from vrs_plumbing.auth import Principal
from vrs_plumbing.errors import ApiError, FieldProblem
from vrs_plumbing.runtime import Runtime

auditors = require_role(Role.auditor)
SELECTOR_PARTS = ("actor", "service", "action", "voter_ids", "export_id")


def build_incidents_router(runtime: Runtime, exports: ExportsClient) -> APIRouter:
    """The routes of incidents."""
    router = APIRouter(
        prefix="/v1/incidents", tags=["incidents"], responses=error_responses(401, 403, 422, 503)
    )

    @router.post("", status_code=201, response_model=IncidentView)
    async def post_incident(
        form: IncidentForm, request: Request, principal: Annotated[Principal, Depends(auditors)]
    ) -> IncidentView:
        """Declare an exposure: every voter the selected answers of the window disclosed (or
        the selected export held) is stored with the incident and gets a breach notice."""
        _check(form)
        export_voters = None
        if form.selector.export_id is not None:
            export_voters = await _export_voters(exports, form, request)
        async with runtime.pool.connection() as conn, conn.transaction():
            return await declare_incident(
                conn,
                form,
                declared_by=principal.subject,
                export_voters=export_voters,
                correlation_id=request.state.correlation_id,
            )

    @router.get("/{incident_id}", response_model=IncidentView, responses=error_responses(404))
    async def get_incident(
        incident_id: UUID, _principal: Annotated[Principal, Depends(auditors)]
    ) -> IncidentView:
        """An incident with every voter it exposed and who saw each."""
        async with runtime.pool.connection() as conn:
            incident = await find_incident(conn, incident_id)
        if incident is None:
            raise ApiError(404, "no such incident")
        return incident

    return router


def _check(form: IncidentForm) -> None:
    problems = []
    if form.window_end <= form.window_start:
        problems.append(FieldProblem("window_end", "must be after window_start"))
    if all(getattr(form.selector, part) is None for part in SELECTOR_PARTS):
        problems.append(
            FieldProblem("selector", f"give at least one of {', '.join(SELECTOR_PARTS)}")
        )
    if problems:
        raise ApiError(422, "the request is not valid", problems)


async def _export_voters(
    exports: ExportsClient, form: IncidentForm, request: Request
) -> list[UUID]:
    """The voters of the selector's export, asked of records-requests with the auditor's token."""
    assert form.selector.export_id is not None
    _, _, bearer = request.headers.get("authorization", "").partition(" ")
    try:
        return await exports.voters_of(
            form.selector.export_id,
            bearer=bearer.strip(),
            correlation_id=str(request.state.correlation_id),
        )
    except ExportNotFoundError:
        raise ApiError(
            422,
            "the request is not valid",
            [FieldProblem("selector.export_id", "records-requests knows no such export")],
        ) from None
    except ExportsUnavailableError:
        raise ApiError(
            503, "records-requests did not tell which voters the export held; try again"
        ) from None
