"""Court orders and subpoenas, and requests for a person's sensitive data: refused unless an
agency attaches an order an SOS administrator approved; recorded either way (DESIGN.md); what
the SOS then gave is recorded as a disclosure under that order."""

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter

from vrs_contracts.api.errors import error_responses
from vrs_contracts.api.records_requests import (
    CourtOrderDecision,
    CourtOrderForm,
    CourtOrderView,
    DisclosureView,
    SensitiveDataFulfilment,
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
    record_sensitive_disclosure,
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

    @router.post(
        "/sensitive-data-requests/{sensitive_request_id}/fulfilment",
        status_code=201,
        response_model=DisclosureView,
        responses=error_responses(409),
    )
    async def post_fulfilment(
        sensitive_request_id: UUID, form: SensitiveDataFulfilment, _principal: SosAdmin
    ) -> dict[str, Any]:
        """The SOS records what it gave the agency under the approved order: the disclosure
        record that answers "who has received my data" for that voter."""
        async with runtime.pool.connection() as conn, conn.transaction():
            row = await record_sensitive_disclosure(
                conn, sensitive_request_id, form, datetime.now(UTC)
            )
        if row is None:
            raise ApiError(409, "no such approved request not yet fulfilled")
        return shown_as(DisclosureView, row)

    return router
