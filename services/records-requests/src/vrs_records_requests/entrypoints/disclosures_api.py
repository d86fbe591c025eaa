"""Disclosure accounting: "who has received my data, when and why" for any voter, and the
public log of voter-list requests (requester, dates requested and fulfilled, charges)."""

from typing import Any
from uuid import UUID

from fastapi import APIRouter

from vrs_contracts.api.errors import error_responses
from vrs_contracts.api.records_requests import DisclosureView, PublicLogEntry
from vrs_plumbing.access import ensure_county_access
from vrs_plumbing.runtime import Runtime
from vrs_records_requests.entrypoints.scope import Accountant, Anyone, shown_as
from vrs_records_requests.service_layer.disclosures import (
    counties_of_voter,
    disclosures_of_voter,
    public_log,
)


def build_router(runtime: Runtime) -> APIRouter:
    """Routes of the disclosure accounting."""
    router = APIRouter(prefix="/v1", tags=["disclosures"], responses=error_responses(401, 403))

    @router.get("/voters/{voter_id}/disclosures", response_model=list[DisclosureView])
    async def voter_disclosures(voter_id: UUID, principal: Accountant) -> list[dict[str, Any]]:
        """Every disclosure of the voter's data: the SOS's and the auditors' view, and the
        county clerk's of a voter of its county."""
        async with runtime.pool.connection() as conn:
            counties = await counties_of_voter(conn, voter_id)
            rows = await disclosures_of_voter(conn, voter_id)
        if principal.county is not None:
            for county in counties or {""}:
                ensure_county_access(principal, county)
        return [shown_as(DisclosureView, row) for row in rows]

    @router.get("/public-log", response_model=list[PublicLogEntry])
    async def get_public_log(
        _principal: Anyone,
    ) -> list[dict[str, Any]]:
        """The public log of voter-list requests, oldest first."""
        async with runtime.pool.connection() as conn:
            return await public_log(conn)

    return router
