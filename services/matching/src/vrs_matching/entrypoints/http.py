"""The matching API: translate HTTP into queries of matching's records, nothing more."""

from typing import Annotated

from fastapi import APIRouter, Depends

from vrs_contracts.api.matching import (
    MvdIdentityAnswer,
    MvdIdentityQuery,
    MvdRecordAnswer,
    MvdRecordQuery,
)
from vrs_contracts.vocabulary import Role
from vrs_matching.service_layer.mvd_identity import check_mvd_identity
from vrs_matching.service_layer.mvd_verification import verify_mvd_record
from vrs_plumbing.access import require_role
from vrs_plumbing.auth import Principal
from vrs_plumbing.runtime import Runtime

# Registration forwards its caller's token: a portal's for an online application (1.10.35.8
# D(1)), a clerk's when verifying a paper form's licence number (1.10.35.8 A(2)).
identity_checkers = require_role(
    Role.ovr_portal, Role.county_clerk, Role.county_supervisor, Role.sos_admin
)


record_verifiers = require_role(Role.county_clerk, Role.county_supervisor, Role.sos_admin)


def build_router(runtime: Runtime) -> APIRouter:
    """The routes of the matching API."""
    router = APIRouter(prefix="/v1", tags=["matching"])

    @router.post("/mvd/identity-matches", response_model=MvdIdentityAnswer)
    async def post_identity_match(
        query: MvdIdentityQuery, _principal: Annotated[Principal, Depends(identity_checkers)]
    ) -> MvdIdentityAnswer:
        """Whether the MVD holds this licence/ID number with this full SSN and full DOB."""
        async with runtime.pool.connection() as conn:
            return await check_mvd_identity(conn, query)

    @router.post("/mvd/record-verifications", response_model=MvdRecordAnswer)
    async def post_record_verification(
        query: MvdRecordQuery, _principal: Annotated[Principal, Depends(record_verifiers)]
    ) -> MvdRecordAnswer:
        """Whether one MVD record verifies a paper form's licence number or last four (A(2))."""
        async with runtime.pool.connection() as conn:
            return await verify_mvd_record(conn, query)

    return router
