"""The accounts API: administrators manage accounts; every service asks for an account's
standing on each request (docs/adr/0025, docs/adr/0026)."""

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from vrs_audit.service_layer import accounts
from vrs_contracts.api.accounts import AccountStandingAnswer
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_plumbing.access import require_role
from vrs_plumbing.accounts import STANDING_PATH
from vrs_plumbing.auth import Principal, TokenError
from vrs_plumbing.errors import ApiError
from vrs_plumbing.runtime import Runtime

managers = require_role(Role.sos_admin, Role.county_supervisor)
readers = require_role(Role.sos_admin, Role.county_supervisor, Role.auditor)
Reason = Annotated[
    str, Field(min_length=3, max_length=500, description="Why: kept in the account's history.")
]


class NewAccount(BaseModel):
    """An account to create."""

    model_config = ConfigDict(extra="forbid")

    subject: str = Field(min_length=1, max_length=200, description="The token subject (sub).")
    role: Role
    county: County | None = Field(default=None, description="County roles only.")
    owner_name: str | None = Field(
        default=None, max_length=200, description="The employee the account belongs to."
    )
    reason: Reason


class RoleChange(BaseModel):
    """An account's new role and county scope."""

    model_config = ConfigDict(extra="forbid")

    role: Role
    county: County | None = None
    reason: Reason


class StatusChange(BaseModel):
    """Why an account is disabled or re-enabled."""

    model_config = ConfigDict(extra="forbid")

    reason: Reason


class AccountView(BaseModel):
    """An account as the API shows it."""

    subject: str
    role: Role
    county: County | None
    status: str
    owner_name: str | None
    created_at: datetime
    created_by: str
    last_activity_at: datetime | None
    disabled_at: datetime | None
    disabled_reason: str | None


class AccountChangeView(BaseModel):
    """One change of an account: what it became, who did it and why."""

    change: str
    role: Role
    county: County | None
    status: str
    changed_by: str
    reason: str
    changed_at: datetime


class AccountWithHistory(AccountView):
    """An account and every change of it, oldest first."""

    history: list[AccountChangeView]


def _county(principal: Principal) -> str | None:
    return str(principal.county) if principal.county is not None else None


def build_accounts_router(runtime: Runtime) -> APIRouter:
    """The routes of the accounts API."""
    router = APIRouter(tags=["accounts"])

    async def set_status(
        principal: Principal, subject: str, body: StatusChange, *, active: bool
    ) -> dict[str, Any]:
        async with runtime.pool.connection() as conn, conn.transaction():
            return await accounts.set_status(
                conn, principal, subject, active=active, reason=body.reason, now=datetime.now(UTC)
            )

    @router.get(STANDING_PATH, response_model=AccountStandingAnswer)
    async def account_standing(request: Request) -> AccountStandingAnswer:
        """The standing of the bearer token's own subject; not audited by itself, it is part of
        the request another service is serving and audits (docs/adr/0026)."""
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        try:
            if scheme.lower() != "bearer" or not token:
                raise TokenError("a bearer token is required")
            principal = runtime.verifier.verify(token.strip())
        except TokenError as exc:
            raise ApiError(401, str(exc)) from None
        async with runtime.pool.connection() as conn:
            return AccountStandingAnswer(
                account=await accounts.standing_of(conn, principal.subject, datetime.now(UTC))
            )

    @router.post("/v1/accounts", response_model=AccountView, status_code=201)
    async def create_account(
        principal: Annotated[Principal, Depends(managers)], body: NewAccount
    ) -> dict[str, Any]:
        """Create an active account (sos_admin; a county_supervisor for its county's clerks)."""
        async with runtime.pool.connection() as conn, conn.transaction():
            return await accounts.create_account(
                conn,
                principal,
                subject=body.subject,
                role=str(body.role),
                county=body.county and str(body.county),
                owner_name=body.owner_name,
                reason=body.reason,
                now=datetime.now(UTC),
            )

    @router.get("/v1/accounts", response_model=list[AccountView])
    async def list_accounts(
        principal: Annotated[Principal, Depends(readers)],
        status: str | None = None,
        role: Role | None = None,
        county: County | None = None,
    ) -> list[dict[str, Any]]:
        """Accounts matching every given filter; a county_supervisor sees its own county's."""
        if principal.role == Role.county_supervisor:
            county = principal.county
        async with runtime.pool.connection() as conn:
            return await accounts.list_accounts(
                conn, status=status, role=role and str(role), county=county and str(county)
            )

    @router.get("/v1/accounts/{subject}", response_model=AccountWithHistory)
    async def show_account(
        principal: Annotated[Principal, Depends(readers)], subject: str
    ) -> dict[str, Any]:
        """One account and its history."""
        async with runtime.pool.connection() as conn:
            account = await accounts.account_of(conn, subject)
            if principal.role == Role.county_supervisor and account["county"] != _county(principal):
                raise ApiError(404, "no account with this subject")
            return {**account, "history": await accounts.account_history(conn, subject)}

    @router.post("/v1/accounts/{subject}/role", response_model=AccountView)
    async def change_role(
        principal: Annotated[Principal, Depends(managers)], subject: str, body: RoleChange
    ) -> dict[str, Any]:
        """Give the account another role (and county scope); its tokens stop working."""
        async with runtime.pool.connection() as conn, conn.transaction():
            return await accounts.change_role(
                conn,
                principal,
                subject,
                role=str(body.role),
                county=body.county and str(body.county),
                reason=body.reason,
                now=datetime.now(UTC),
            )

    @router.post("/v1/accounts/{subject}/disable", response_model=AccountView)
    async def disable_account(
        principal: Annotated[Principal, Depends(managers)], subject: str, body: StatusChange
    ) -> dict[str, Any]:
        """Disable the account: its holder's very next request to any service is refused."""
        return await set_status(principal, subject, body, active=False)

    @router.post("/v1/accounts/{subject}/enable", response_model=AccountView)
    async def enable_account(
        principal: Annotated[Principal, Depends(managers)], subject: str, body: StatusChange
    ) -> dict[str, Any]:
        """Re-enable a disabled account."""
        return await set_status(principal, subject, body, active=True)

    return router
