"""Court orders and subpoenas, and requests for a person's sensitive data: refused unless an
agency attaches an order an SOS administrator approved; recorded either way (DESIGN.md)."""

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter

from vrs_contracts.api.errors import error_responses
from vrs_contracts.api.records_requests import (
    CourtOrderDecision,
    CourtOrderForm,
    CourtOrderView,
    SensitiveDataRequestForm,
    SensitiveDataRequestView,
)
from vrs_plumbing.errors import ApiError
from vrs_plumbing.runtime import Runtime
from vrs_records_requests.config import settings_of
from vrs_records_requests.entrypoints.requests_api import refused
from vrs_records_requests.entrypoints.scope import Requester, SosAdmin, office_today, shown_as
from vrs_records_requests.service_layer.court_orders import (
    attach_court_order,
    decide_court_order,
    request_sensitive_data,
)


def build_router(runtime: Runtime) -> APIRouter:
    """Routes of court orders and sensitive-data requests."""
    valid_days = settings_of(runtime).affidavit_valid_days
    router = APIRouter(
        prefix="/v1", tags=["court orders"], responses=error_responses(401, 403, 422)
    )

    @router.post("/court-orders", status_code=201, response_model=CourtOrderView)
    async def post_court_order(form: CourtOrderForm, principal: Requester) -> dict[str, Any]:
        """Attach a court order or subpoena; it allows nothing until the SOS approves it."""
        async with runtime.pool.connection() as conn, conn.transaction():
            return await attach_court_order(conn, principal.subject, form, datetime.now(UTC))

    @router.post(
        "/court-orders/{court_order_id}/decision",
        response_model=CourtOrderView,
        responses=error_responses(404, 409),
    )
    async def post_decision(
        court_order_id: UUID, form: CourtOrderDecision, principal: SosAdmin
    ) -> dict[str, Any]:
        """An SOS administrator approves or rejects an attached order, once."""
        async with runtime.pool.connection() as conn, conn.transaction():
            row = await decide_court_order(
                conn, court_order_id, form.decision, principal.subject, datetime.now(UTC)
            )
        if row is None:
            raise ApiError(409, "no such undecided court order")
        return row

    @router.post(
        "/sensitive-data-requests", status_code=201, response_model=SensitiveDataRequestView
    )
    async def post_sensitive(
        form: SensitiveDataRequestForm, principal: Requester
    ) -> dict[str, Any]:
        """A request for a person's sensitive data: refused (403, recorded) unless an agency
        with an affidavit in force attaches its own order approved by an SOS administrator."""
        now = datetime.now(UTC)
        async with runtime.pool.connection() as conn, conn.transaction():
            row = await request_sensitive_data(
                conn,
                principal.subject,
                form,
                now=now,
                today=office_today(now),
                affidavit_valid_days=valid_days,
            )
        if row["outcome"] == "refused":
            raise refused(row["reason"])
        return shown_as(SensitiveDataRequestView, row)

    return router
