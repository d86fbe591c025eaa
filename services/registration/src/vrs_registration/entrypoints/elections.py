"""The SOS election calendar and each county's suspense query report (1.10.35.8 A(9))."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from vrs_contracts.api.elections import (
    ELECTION_ID_PATTERN,
    Election,
    ElectionForm,
    SuspenseReport,
)
from vrs_contracts.api.errors import error_responses
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_plumbing.access import Disclosed, current_principal, ensure_county_access, require_role
from vrs_plumbing.auth import Principal
from vrs_plumbing.errors import ApiError
from vrs_plumbing.runtime import Runtime
from vrs_registration.service_layer import elections

sos_admins = require_role(Role.sos_admin)
suspense_readers = require_role(Role.county_clerk, Role.county_supervisor, Role.sos_admin)

ElectionIdParameter = Annotated[
    str,
    Path(
        pattern=ELECTION_ID_PATTERN,
        max_length=64,
        description="The election's id: lower-case words joined by hyphens, e.g. 2026-general.",
    ),
]
ElectionIdQuery = Annotated[
    str,
    Query(
        pattern=ELECTION_ID_PATTERN,
        max_length=64,
        description="The election the report is run for (its id in the calendar).",
    ),
]


def build_router(
    runtime: Runtime, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> APIRouter:
    """Routes of the election calendar and the suspense report."""
    router = APIRouter(prefix="/v1", tags=["elections"], responses=error_responses(401, 422, 503))

    @router.get("/elections", response_model=list[Election])
    async def list_elections(
        _principal: Annotated[Principal, Depends(current_principal)],
    ) -> list[Election]:
        """The Secretary of State's election calendar (1.10.35.7 M), in date order."""
        async with runtime.pool.connection() as conn:
            return await elections.list_elections(conn)

    @router.put(
        "/elections/{election_id}",
        response_model=Election,
        responses=error_responses(400, 403),
    )
    async def put_election(
        election_id: ElectionIdParameter,
        form: ElectionForm,
        principal: Annotated[Principal, Depends(sos_admins)],
    ) -> Election:
        """Enter an election in the calendar, or correct it (the Secretary of State keeps it).

        Its day sets the A(9) suspense reports (35 and 21 days before) and the activation of
        under-age voters who will be 18 by it (21 days before).
        """
        async with runtime.pool.connection() as conn, conn.transaction():
            return await elections.record_election(
                conn, election_id, form, recorded_by=principal.subject, now=clock()
            )

    @router.get(
        "/counties/{county}/suspense-report",
        response_model=SuspenseReport,
        responses=error_responses(403, 404),
    )
    async def get_suspense_report(
        county: County,
        election_id: ElectionIdQuery,
        principal: Annotated[Principal, Depends(suspense_readers)],
        disclosed: Disclosed,
    ) -> SuspenseReport:
        """1.10.35.8 A(9): the county's voters in suspense for an election, run on the 35th and
        the 21st day before it; under-age voters who will be 18 by it carry their activation day.
        No SSN and no party."""
        ensure_county_access(principal, county)
        async with runtime.pool.connection() as conn:
            report = await elections.suspense_report(
                conn, county=county, election_id=election_id, now=clock()
            )
        if report is None:
            raise ApiError(404, "no such election in the calendar")
        disclosed(*(voter.voter_id for voter in report.voters))
        return report

    return router
