"""The online portal's routes: the MVD identity check and the contact request (1.10.35.8 D(1))."""

from datetime import timedelta
from typing import Annotated, Any, cast

from fastapi import APIRouter, Depends, Request

from vrs_contracts.api.errors import error_responses
from vrs_contracts.api.registration import (
    ContactRequest,
    ContactRequestForm,
    IdentityCheckAnswer,
    IdentityCheckForm,
)
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_plumbing.access import ensure_county_access, require_role
from vrs_plumbing.auth import Principal
from vrs_plumbing.errors import ApiError
from vrs_plumbing.runtime import Runtime
from vrs_registration.adapters.matching_client import MatchingClient, MatchingUnavailableError
from vrs_registration.adapters.vault import SsnVault
from vrs_registration.config import RegistrationSettings
from vrs_registration.service_layer.contact_requests import file_contact_request
from vrs_registration.service_layer.identity import FailureThrottle, check_identity

portals = require_role(Role.ovr_portal, Role.sos_admin)
clerks = require_role(Role.county_clerk, Role.county_supervisor, Role.sos_admin)


def build_router(runtime: Runtime, vault: SsnVault, client: MatchingClient) -> APIRouter:
    """Routes of the online identity check."""
    settings = cast(RegistrationSettings, runtime.settings)
    router = APIRouter(prefix="/v1", tags=["online"], responses=error_responses(401, 403, 422, 503))

    @router.post(
        "/identity-checks",
        response_model=IdentityCheckAnswer,
        status_code=201,
        responses=error_responses(400, 429),
    )
    async def post_identity_check(
        form: IdentityCheckForm, request: Request, principal: Annotated[Principal, Depends(portals)]
    ) -> IdentityCheckAnswer:
        """Check licence/ID number, full SSN and full DOB against the MVD before an online application."""
        bearer = request.headers["authorization"].partition(" ")[2].strip()
        try:
            return await check_identity(
                runtime.pool,
                client,
                vault,
                form,
                principal=principal,
                bearer=bearer,
                correlation_id=request.state.correlation_id,
                valid_for=timedelta(minutes=settings.identity_check_minutes),
                paper_form_url=settings.paper_form_url,
                throttle=FailureThrottle(
                    settings.identity_check_failures_allowed,
                    timedelta(minutes=settings.identity_check_failure_window_minutes),
                ),
            )
        except MatchingUnavailableError:
            raise ApiError(
                503, "the MVD identity check is unavailable right now; try again shortly"
            ) from None

    @router.post(
        "/contact-requests",
        response_model=ContactRequest,
        status_code=201,
        responses=error_responses(400),
    )
    async def post_contact_request(
        form: ContactRequestForm,
        request: Request,
        principal: Annotated[Principal, Depends(portals)],
    ) -> dict[str, Any]:
        """Ask the county clerk to contact an applicant whose MVD check did not match; the
        applicant is answered within five business days (notifications)."""
        async with runtime.pool.connection() as conn, conn.transaction():
            return await file_contact_request(
                conn, form, principal=principal, correlation_id=request.state.correlation_id
            )

    @router.get("/counties/{county}/contact-requests", response_model=list[ContactRequest])
    async def list_contact_requests(
        county: County, principal: Annotated[Principal, Depends(clerks)]
    ) -> list[dict[str, Any]]:
        """The contact requests routed to a county's clerk, newest first."""
        ensure_county_access(principal, county)
        async with runtime.pool.connection() as conn:
            rows = await (
                await conn.execute(
                    "SELECT contact_request_id, identity_check_id, county, first_name, last_name, email, phone,"
                    " language, mailing_address, received_at FROM contact_requests WHERE county = %s ORDER BY received_at DESC",
                    (county,),
                )
            ).fetchall()
        return [{**r, "received_at": r["received_at"].isoformat()} for r in rows]

    return router
