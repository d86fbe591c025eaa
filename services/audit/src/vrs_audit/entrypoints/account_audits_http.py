"""The account reviews of 1.10.35.11, for auditors: monthly accounts, annual permissions, and
attempts to use disabled accounts."""

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from vrs_audit.entrypoints.accounts_http import AccountChangeView, AccountView
from vrs_audit.entrypoints.http import auditors
from vrs_audit.service_layer import account_audits
from vrs_plumbing.auth import Principal
from vrs_plumbing.errors import ApiError, FieldProblem
from vrs_plumbing.runtime import Runtime


class MonthlyAccountAudit(BaseModel):
    """The monthly account audit."""

    as_of: datetime
    accounts: list[AccountView]
    active: list[str]
    disabled: list[str]
    active_idle_30_days: list[str]
    without_owner: list[str]
    changes_last_30_days: list[AccountChangeView]


class PermissionReview(BaseModel):
    """One active account in the annual permission audit."""

    subject: str
    role: str
    county: str | None
    owner_name: str | None
    role_granted_at: datetime | None
    last_activity_at: datetime | None
    second_factor_enrolled: bool
    actions_used: list[str]
    refusals: int
    findings: list[str]


class DisabledAccountAttempt(BaseModel):
    """One attempt to use a disabled account."""

    time: datetime
    subject: str
    service: str
    action: str
    source_address: str | None
    kind: str


def build_account_audits_router(runtime: Runtime) -> APIRouter:
    """The routes of the account reviews."""
    router = APIRouter(prefix="/v1/account-audits", tags=["account audits"])

    @router.get("/monthly", response_model=MonthlyAccountAudit)
    async def monthly(_principal: Annotated[Principal, Depends(auditors)]) -> dict[str, Any]:
        """Accounts, last activity, disabled vs still active, idle ones, ones without owner."""
        async with runtime.pool.connection() as conn:
            return await account_audits.monthly_account_audit(conn, now=datetime.now(UTC))

    @router.get("/permissions", response_model=list[PermissionReview])
    async def permissions(
        _principal: Annotated[Principal, Depends(auditors)],
    ) -> list[dict[str, Any]]:
        """Each active account's role against its use over the last year, with findings."""
        async with runtime.pool.connection() as conn:
            return await account_audits.annual_permission_audit(conn, now=datetime.now(UTC))

    @router.get("/disabled-account-attempts", response_model=list[DisabledAccountAttempt])
    async def disabled_attempts(
        _principal: Annotated[Principal, Depends(auditors)],
        since: Annotated[
            datetime | None, Query(description="From; 30 days ago if omitted.")
        ] = None,
        until: Annotated[datetime | None, Query(description="Until; now if omitted.")] = None,
    ) -> list[dict[str, Any]]:
        """Every request or sign-in refused because its account was disabled, in the window."""
        until = until or datetime.now(UTC)
        since = since or until - timedelta(days=30)
        if since >= until:
            raise ApiError(422, "the window is empty", [FieldProblem("since", "not before until")])
        async with runtime.pool.connection() as conn:
            return await account_audits.disabled_account_attempts(conn, since=since, until=until)

    return router
