"""The notices API of the design: the notices of an application or a voter, their letters, and
the SLA view per county (never late unnoticed). County-scoped: 403 for another county's.
"""

from datetime import UTC, datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response

from vrs_contracts.api.errors import error_responses
from vrs_contracts.api.notifications import (
    NoticeDetail,
    NoticeView,
    SlaCounty,
)
from vrs_contracts.counties import County
from vrs_notifications.adapters.letters import LetterRenderer
from vrs_notifications.domain.calendar import county_clock, local_today
from vrs_notifications.entrypoints.scope import PDF_HEADERS, Clerk, notice_for, notice_view
from vrs_notifications.service_layer.notices import (
    history_of,
    latest_letter,
    letter_facts,
    notices_of,
    sla_view,
)
from vrs_plumbing.access import ensure_county_access
from vrs_plumbing.errors import ApiError, FieldProblem
from vrs_plumbing.runtime import Runtime


def build_router(runtime: Runtime, renderer: LetterRenderer) -> APIRouter:
    """Routes that read notices."""
    router = APIRouter(
        prefix="/v1", tags=["notices"], responses=error_responses(401, 403, 422, 503)
    )

    @router.get("/notices", response_model=list[NoticeView])
    async def list_notices(
        principal: Clerk,
        application_id: Annotated[UUID | None, Query(description="The application.")] = None,
        voter_id: Annotated[UUID | None, Query(description="The voter.")] = None,
        contact_request_id: Annotated[
            UUID | None,
            Query(description="An online applicant's contact request (1.10.35.8 D(1))."),
        ] = None,
    ) -> list[dict[str, Any]]:
        """The notices about one application, one voter or one contact request (give exactly
        one of them)."""
        given = {
            column: value
            for column, value in (
                ("application_id", application_id),
                ("voter_id", voter_id),
                ("contact_request_id", contact_request_id),
            )
            if value is not None
        }
        if len(given) != 1:
            raise ApiError(
                422,
                "give exactly one of application_id, voter_id and contact_request_id",
                [
                    FieldProblem(
                        "application_id", "give it, voter_id or contact_request_id; only one"
                    )
                ],
            )
        ((column, value),) = given.items()
        async with runtime.pool.connection() as conn:
            rows = await notices_of(conn, column, value)
        for county in {row["county"] for row in rows}:
            ensure_county_access(principal, county)
        return [notice_view(row) for row in rows]

    @router.get("/notices/sla", response_model=list[SlaCounty])
    async def sla(
        principal: Clerk,
        county: Annotated[
            County | None, Query(description="One county; a county role's own by default.")
        ] = None,
    ) -> list[dict[str, Any]]:
        """Never late unnoticed: per county, the notices not yet out that are overdue, due
        today, due by the next business day, and how many went out late."""
        chosen = county or principal.county
        if chosen is not None:
            ensure_county_access(principal, chosen)
        counties = [County(chosen)] if chosen else list(County)
        async with runtime.pool.connection() as conn:
            views = await sla_view(conn, counties, datetime.now(UTC))
        return [
            {
                **view,
                **{
                    key: [notice_view(row) for row in view[key]]
                    for key in ("overdue", "due_today", "due_tomorrow")
                },
            }
            for view in views
        ]

    @router.get("/notices/{notice_id}", response_model=NoticeDetail, responses=error_responses(404))
    async def get_notice(notice_id: UUID, principal: Clerk) -> dict[str, Any]:
        """One notice with its history."""
        async with runtime.pool.connection() as conn:
            notice = await notice_for(conn, notice_id, principal)
            history = await history_of(conn, notice_id)
        return {**notice_view(notice), "history": history}

    @router.get(
        "/notices/{notice_id}/letter.pdf",
        response_class=Response,
        responses={
            200: {
                "description": "The notice's letter, its newest version; a letter not yet "
                "rendered is drawn for reading without changing the notice.",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            },
            **error_responses(404),
        },
    )
    async def get_letter(notice_id: UUID, principal: Clerk) -> Response:
        """The notice's letter as PDF (county-scoped; the reading is audited)."""
        async with runtime.pool.connection() as conn:
            notice = await notice_for(conn, notice_id, principal)
            letter = await latest_letter(conn, notice_id)
        if letter is not None:
            pdf = bytes(letter["pdf"])
        else:
            today = local_today(datetime.now(UTC), county_clock(County(notice["county"])))
            pdf = renderer.render(letter_facts(notice, today)).pdf
        return Response(
            pdf,
            media_type="application/pdf",
            headers={
                **PDF_HEADERS,
                "Content-Disposition": f'attachment; filename="notice-{notice_id}.pdf"',
            },
        )

    return router
