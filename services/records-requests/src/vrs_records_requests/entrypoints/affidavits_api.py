"""The affidavit of authorization (1.10.35.10 A): signed by the requester account (the token's
subject), stored as a new version each time; no request proceeds without one in force."""

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter

from vrs_contracts.api.errors import error_responses
from vrs_contracts.api.records_requests import AffidavitForm, AffidavitView
from vrs_plumbing.errors import ApiError, FieldProblem
from vrs_plumbing.runtime import Runtime
from vrs_records_requests.config import settings_of
from vrs_records_requests.domain.affidavits import affidavit_problems
from vrs_records_requests.entrypoints.scope import Requester, office_today, shown_as
from vrs_records_requests.service_layer.affidavits import (
    affidavit_view,
    current_affidavit,
    store_affidavit,
)


def build_router(runtime: Runtime) -> APIRouter:
    """Routes of affidavits."""
    valid_days = settings_of(runtime).affidavit_valid_days
    router = APIRouter(prefix="/v1", tags=["affidavits"], responses=error_responses(401, 403, 422))

    @router.post("/affidavits", status_code=201, response_model=AffidavitView)
    async def sign_affidavit(form: AffidavitForm, principal: Requester) -> dict[str, Any]:
        """1.10.35.10 A: store a new version of the requester's affidavit of authorization."""
        now = datetime.now(UTC)
        problems = affidavit_problems(form, office_today(now))
        if problems:
            raise ApiError(
                422,
                "the affidavit is not complete",
                [FieldProblem(field, problem) for field, problem in problems],
            )
        async with runtime.pool.connection() as conn, conn.transaction():
            row = await store_affidavit(conn, principal.subject, form, now)
        return shown_as(AffidavitView, affidavit_view(row, office_today(now), valid_days))

    @router.get("/affidavits/current", response_model=AffidavitView, responses=error_responses(404))
    async def get_affidavit(principal: Requester) -> dict[str, Any]:
        """The requester's latest affidavit and whether it is in force."""
        async with runtime.pool.connection() as conn:
            row = await current_affidavit(conn, principal.subject)
        if row is None:
            raise ApiError(404, "no affidavit of authorization on file")
        return shown_as(
            AffidavitView, affidavit_view(row, office_today(datetime.now(UTC)), valid_days)
        )

    return router
