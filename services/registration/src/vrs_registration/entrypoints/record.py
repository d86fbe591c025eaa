"""County practices, the proofreading of paper entries (1.10.35.8 A(5)) and the referral of
suspicious applications to the election prosecutor (C(7))."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request

from vrs_contracts.api.errors import error_responses
from vrs_contracts.api.registration import (
    ApplicationAnswer,
    CountySettings,
    FraudReferral,
    FraudReferralForm,
)
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_plumbing.access import ensure_county_access, require_role
from vrs_plumbing.auth import Principal
from vrs_plumbing.runtime import Runtime
from vrs_registration.service_layer.fraud_referrals import refer_for_fraud
from vrs_registration.service_layer.proofreading import confirm_entry

setting_readers = require_role(Role.county_clerk, Role.county_supervisor, Role.sos_admin)
setting_keepers = require_role(Role.county_supervisor, Role.sos_admin)
proofreaders = require_role(Role.county_clerk, Role.county_supervisor)
referrers = require_role(Role.county_clerk, Role.county_supervisor)


def build_router(runtime: Runtime) -> APIRouter:
    """Routes of county settings, proofreading and fraud referrals."""
    router = APIRouter(
        prefix="/v1", tags=["county practice"], responses=error_responses(400, 401, 403, 422)
    )

    @router.get("/counties/{county}/settings", response_model=CountySettings)
    async def get_settings(
        county: County, principal: Annotated[Principal, Depends(setting_readers)]
    ) -> CountySettings:
        """The county's practices (no row yet: the defaults)."""
        ensure_county_access(principal, county)
        async with runtime.pool.connection() as conn:
            row = await (
                await conn.execute(
                    "SELECT proofreading_required FROM county_settings WHERE county = %s", (county,)
                )
            ).fetchone()
        return CountySettings(proofreading_required=bool(row and row["proofreading_required"]))

    @router.put("/counties/{county}/settings", response_model=CountySettings)
    async def put_settings(
        county: County,
        settings: CountySettings,
        principal: Annotated[Principal, Depends(setting_keepers)],
    ) -> CountySettings:
        """Choose the county's practices (the county supervisor, or the SOS)."""
        ensure_county_access(principal, county)
        async with runtime.pool.connection() as conn, conn.transaction():
            await conn.execute(
                "INSERT INTO county_settings (county, proofreading_required, updated_by) VALUES (%s, %s, %s)"
                " ON CONFLICT (county) DO UPDATE SET proofreading_required = EXCLUDED.proofreading_required,"
                " updated_by = EXCLUDED.updated_by, updated_at = now()",
                (county, settings.proofreading_required, principal.subject),
            )
        return settings

    @router.post(
        "/applications/{application_id}/proofreading",
        response_model=ApplicationAnswer,
        responses=error_responses(404, 409),
    )
    async def post_proofreading(
        application_id: UUID,
        request: Request,
        principal: Annotated[Principal, Depends(proofreaders)],
    ) -> ApplicationAnswer:
        """Confirm a paper entry as proofread by a staff member who did not enter it."""
        async with runtime.pool.connection() as conn, conn.transaction():
            return await confirm_entry(
                conn,
                application_id,
                principal=principal,
                correlation_id=request.state.correlation_id,
            )

    @router.post(
        "/applications/{application_id}/fraud-referrals",
        response_model=FraudReferral,
        status_code=201,
        responses=error_responses(404),
    )
    async def post_fraud_referral(
        application_id: UUID,
        form: FraudReferralForm,
        request: Request,
        principal: Annotated[Principal, Depends(referrers)],
    ) -> FraudReferral:
        """Refer an application of the county, believed fraudulent, to the county's election
        prosecutor with the clerk's statement of the reasons (1.10.35.8 C(7))."""
        async with runtime.pool.connection() as conn, conn.transaction():
            return await refer_for_fraud(
                conn,
                application_id,
                form,
                principal=principal,
                correlation_id=request.state.correlation_id,
            )

    return router
