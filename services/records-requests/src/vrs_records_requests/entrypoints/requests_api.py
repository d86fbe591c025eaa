"""The requester's API: quotes and requests (1.10.35.10 B, 1.10.35.7 FF);
and the staff's: deposits and payments."""

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter

from vrs_contracts.api.errors import error_responses
from vrs_contracts.api.records_requests import (
    DepositSetting,
    PaymentForm,
    PaymentView,
    QuoteRequest,
    QuoteView,
    RecordsRequestForm,
    RecordsRequestView,
)
from vrs_contracts.counties import County
from vrs_plumbing.access import ensure_county_access
from vrs_plumbing.errors import ApiError, FieldProblem
from vrs_plumbing.runtime import Runtime
from vrs_records_requests.config import settings_of
from vrs_records_requests.domain.fees import FeeSchedule, quote, schedule_in_effect
from vrs_records_requests.domain.products import unavailable_reason
from vrs_records_requests.entrypoints.scope import (
    Requester,
    RequesterOrStaff,
    Staff,
    ensure_request_access,
    office_today,
    shown_as,
)
from vrs_records_requests.service_layer.requests import (
    create_request,
    load_request,
    record_payment,
    request_view,
    requests_of,
    set_deposit_percent,
)


def refused(reason: str) -> ApiError:
    """A refusal of the law: 403 with the reason (the attempt is already stored)."""
    return ApiError(403, f"refused: {reason}", code="refused")


def build_router(runtime: Runtime, schedules: list[FeeSchedule]) -> APIRouter:
    """Routes of quotes, requests, deposits and payments."""
    valid_days = settings_of(runtime).affidavit_valid_days
    router = APIRouter(prefix="/v1", tags=["requests"], responses=error_responses(401, 403, 422))

    @router.post("/quotes", response_model=QuoteView)
    async def get_quote(form: QuoteRequest, _principal: RequesterOrStaff) -> dict[str, Any]:
        """1.10.35.10 B: what a product on a medium costs today, from the uniform schedule."""
        priced = quote(
            schedule_in_effect(schedules, office_today(datetime.now(UTC))),
            form.product,
            form.records,
            form.medium,
        )
        return {
            "schedule_version": priced.schedule_version,
            "lines": [asdict(line) for line in priced.lines],
            "total_cents": priced.total_cents,
        }

    @router.post("/requests", status_code=201, response_model=RecordsRequestView)
    async def make_request(form: RecordsRequestForm, principal: Requester) -> dict[str, Any]:
        """A request: quoted (with the county's deposit), or refused with the reason (403) —
        no affidavit in force, or a select group its purpose does not allow. Kept either way."""
        problem = unavailable_reason(form.product)
        if problem is not None:
            raise ApiError(422, "this product cannot be made", [FieldProblem("product", problem)])
        if bool(form.voter_ids) != (form.product == "special_voter_list"):
            raise ApiError(
                422,
                "voter_ids select a special voter list, and only a special voter list",
                [FieldProblem("voter_ids", "give them for a special_voter_list, only then")],
            )
        now = datetime.now(UTC)
        async with runtime.pool.connection() as conn, conn.transaction():
            row = await create_request(
                conn,
                principal.subject,
                form,
                schedules,
                now=now,
                today=office_today(now),
                affidavit_valid_days=valid_days,
            )
        if row["outcome"] == "refused":
            raise refused(row["refusal_reason"])
        return shown_as(RecordsRequestView, request_view(row))

    @router.get("/requests", response_model=list[RecordsRequestView])
    async def list_requests(principal: Requester) -> list[dict[str, Any]]:
        """The requester's own requests, quoted and refused, newest first."""
        async with runtime.pool.connection() as conn:
            rows = await requests_of(conn, principal.subject)
        return [shown_as(RecordsRequestView, request_view(row)) for row in rows]

    @router.get(
        "/requests/{request_id}",
        response_model=RecordsRequestView,
        responses=error_responses(404),
    )
    async def get_request(request_id: UUID, principal: RequesterOrStaff) -> dict[str, Any]:
        """One request: its requester's, its county staff's, the SOS's."""
        async with runtime.pool.connection() as conn:
            row = await load_request(conn, request_id)
        if row is None:
            raise ApiError(404, "no such request")
        ensure_request_access(principal, row)
        return shown_as(RecordsRequestView, request_view(row))

    @router.put("/counties/{county}/deposit", response_model=DepositSetting)
    async def put_deposit(
        county: County, setting: DepositSetting, principal: Staff
    ) -> DepositSetting:
        """1.10.35.10 B: the deposit a county requires, as a share of each quote."""
        ensure_county_access(principal, county)
        async with runtime.pool.connection() as conn, conn.transaction():
            await set_deposit_percent(conn, county, setting.deposit_percent, principal.subject)
        return setting

    @router.post(
        "/requests/{request_id}/payments",
        status_code=201,
        response_model=PaymentView,
        responses=error_responses(404, 409),
    )
    async def post_payment(request_id: UUID, form: PaymentForm, principal: Staff) -> dict[str, Any]:
        """A deposit or payment received, recorded by the county's staff or the SOS."""
        async with runtime.pool.connection() as conn, conn.transaction():
            request = await load_request(conn, request_id)
            if request is None:
                raise ApiError(404, "no such request")
            ensure_request_access(principal, request)
            if request["outcome"] != "quoted":
                raise ApiError(409, "a refused request takes no payment")
            return await record_payment(
                conn, request_id, form, principal.subject, datetime.now(UTC)
            )

    return router
