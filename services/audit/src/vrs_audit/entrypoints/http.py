"""The audit API (DESIGN.md, stable interfaces): auditors search the access log."""

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field

from vrs_contracts.vocabulary import AuditOutcome, Role
from vrs_plumbing.access import require_role
from vrs_plumbing.auth import Principal
from vrs_plumbing.runtime import Runtime

auditors = require_role(Role.auditor)


class AuditEventView(BaseModel):
    """One access attempt as the audit API answers it."""

    event_id: UUID
    time: datetime
    actor: str
    role: str | None
    county: str | None
    service: str
    action: str
    resource: str
    outcome: AuditOutcome
    status_code: int
    reason: str | None
    correlation_id: UUID
    voter_ids: list[UUID] = Field(
        description="The voters whose personal data the answer disclosed."
    )
    seq: int


class AuditQuery(BaseModel):
    """Filters of the audit search; each given one must hold."""

    model_config = ConfigDict(extra="forbid")

    since: datetime | None = None
    until: datetime | None = None
    actor: str | None = None
    outcome: AuditOutcome | None = None
    resource: str | None = None
    service: str | None = None
    correlation_id: UUID | None = None
    voter_id: UUID | None = None
    limit: int = Field(default=100, ge=1, le=1000)


FILTERS = {
    "since": "time >= %(since)s",
    "until": "time < %(until)s",
    "actor": "actor = %(actor)s",
    "outcome": "outcome = %(outcome)s",
    "resource": "resource = %(resource)s",
    "service": "service = %(service)s",
    "correlation_id": "correlation_id = %(correlation_id)s",
    "voter_id": "voter_ids @> ARRAY[%(voter_id)s]::uuid[]",
}


def build_router(runtime: Runtime) -> APIRouter:
    """The routes of the audit API."""
    router = APIRouter(prefix="/v1/audit", tags=["audit"])

    @router.get("/events", response_model=list[AuditEventView])
    async def search_events(
        _principal: Annotated[Principal, Depends(auditors)],
        query: Annotated[AuditQuery, Query()],
    ) -> list[dict[str, Any]]:
        """Access attempts matching every given filter, oldest first."""
        params = query.model_dump()
        params["outcome"] = query.outcome and str(query.outcome)
        where = " AND ".join(clause for name, clause in FILTERS.items() if params[name] is not None)
        async with runtime.pool.connection() as conn:
            cursor = await conn.execute(
                f"SELECT * FROM access_log WHERE {where or 'TRUE'} ORDER BY seq LIMIT %(limit)s",  # noqa: S608 - clauses are constants
                params,
            )
            return await cursor.fetchall()

    return router
