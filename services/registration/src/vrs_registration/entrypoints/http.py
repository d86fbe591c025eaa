"""The registration API: translate HTTP into intake commands and queries, nothing more."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Header, Request, Response

from vrs_contracts.api.errors import error_responses
from vrs_contracts.api.matching import MvdRecordAnswer, MvdRecordQuery
from vrs_contracts.api.registration import (
    ApplicationAnswer,
    ApplicationForm,
    PrecinctAssignment,
    VoterView,
)
from vrs_contracts.vocabulary import Channel, Role
from vrs_plumbing.access import Disclosed, ensure_county_access, require_role
from vrs_plumbing.auth import Principal
from vrs_plumbing.errors import ApiError, FieldProblem
from vrs_plumbing.runtime import Runtime
from vrs_registration.adapters.matching_client import MatchingClient, MatchingUnavailableError
from vrs_registration.adapters.vault import SsnVault
from vrs_registration.domain.rules import awaits_ssn_verification
from vrs_registration.service_layer.intake import submit_application
from vrs_registration.service_layer.precincts import assign_precinct
from vrs_registration.service_layer.records import answer_of, find_application, find_voter

CHANNELS_BY_ROLE: dict[Role, frozenset[Channel]] = {
    Role.county_clerk: frozenset({Channel.paper, Channel.agency}),
    Role.county_supervisor: frozenset({Channel.paper, Channel.agency}),
    Role.ovr_portal: frozenset({Channel.online}),
    Role.sos_admin: frozenset({Channel.paper, Channel.agency, Channel.online}),
}
submitters = require_role(*CHANNELS_BY_ROLE)
readers = require_role(Role.county_clerk, Role.county_supervisor, Role.sos_admin, Role.ovr_portal)
voter_readers = require_role(Role.county_clerk, Role.county_supervisor, Role.sos_admin)
precinct_keepers = voter_readers


def build_router(runtime: Runtime, vault: SsnVault, client: MatchingClient) -> APIRouter:
    """The routes of the registration API."""
    router = APIRouter(
        prefix="/v1", tags=["registration"], responses=error_responses(401, 403, 422, 503)
    )

    @router.post(
        "/applications",
        status_code=201,
        response_model=ApplicationAnswer,
        responses={
            200: {
                "model": ApplicationAnswer,
                "description": "A retry with the same Idempotency-Key and form: the first answer.",
                "headers": {
                    "Idempotent-Replayed": {
                        "description": "true: this answer was given before.",
                        "schema": {"type": "string"},
                    }
                },
            },
            **error_responses(400, 409),
        },
    )
    async def post_application(
        form: ApplicationForm,
        request: Request,
        response: Response,
        principal: Annotated[Principal, Depends(submitters)],
        idempotency_key: Annotated[
            str | None,
            Header(
                max_length=200,
                description="Required: a retry with the same key and form gets the first "
                "answer again (200); the same key with another form is a 409.",
            ),
        ] = None,
    ) -> ApplicationAnswer:
        """Receive a certificate of registration and answer at once with the decision."""
        if not idempotency_key:
            raise ApiError(
                422,
                "the request is not valid",
                [FieldProblem("Idempotency-Key", "header required")],
            )
        if form.channel not in CHANNELS_BY_ROLE[principal.role]:
            raise ApiError(403, f"role {principal.role} may not submit {form.channel} applications")
        ensure_county_access(principal, form.county)
        verification = await _verify_partial_identity(client, form, request)
        async with runtime.pool.connection() as conn, conn.transaction():
            answer, created = await submit_application(
                conn,
                form,
                principal=principal,
                idempotency_key=idempotency_key,
                correlation_id=request.state.correlation_id,
                vault=vault,
                index_key=runtime.settings.blind_index_key_bytes,
                mvd_verification=verification,
            )
        if not created:
            response.status_code = 200
            response.headers["Idempotent-Replayed"] = "true"
        return answer

    @router.get(
        "/applications/{application_id}",
        response_model=ApplicationAnswer,
        responses=error_responses(404),
    )
    async def get_application(
        application_id: UUID,
        principal: Annotated[Principal, Depends(readers)],
        disclosed: Disclosed,
    ) -> ApplicationAnswer:
        """An application's decision and state."""
        async with runtime.pool.connection() as conn:
            row = await find_application(conn, application_id)
        if row is None:
            raise ApiError(404, "no such application")
        if principal.role is Role.ovr_portal and row["submitted_by"] != principal.subject:
            raise ApiError(403, "a portal reads only the applications it submitted")
        ensure_county_access(principal, row["county"])
        answer = answer_of(row)
        disclosed(answer.voter_id)
        return answer

    @router.get("/voters/{voter_id}", response_model=VoterView, responses=error_responses(404))
    async def get_voter(
        voter_id: UUID,
        principal: Annotated[Principal, Depends(voter_readers)],
        disclosed: Disclosed,
    ) -> VoterView:
        """A voter record with its status history (county-scoped)."""
        async with runtime.pool.connection() as conn:
            voter = await find_voter(conn, voter_id)
        if voter is None:
            raise ApiError(404, "no such voter")
        ensure_county_access(principal, voter.county)
        disclosed(voter.voter_id)
        return voter

    @router.put(
        "/voters/{voter_id}/precinct",
        response_model=VoterView,
        responses=error_responses(400, 404),
    )
    async def put_precinct(
        voter_id: UUID,
        assignment: PrecinctAssignment,
        request: Request,
        principal: Annotated[Principal, Depends(precinct_keepers)],
    ) -> VoterView:
        """Assign a voter of the county to a precinct from the county's street file (1.10.35.9
        B, C): the county's clerk or supervisor, or the SOS. Announced as
        ``voter.record_updated``."""
        async with runtime.pool.connection() as conn, conn.transaction():
            return await assign_precinct(
                conn,
                voter_id,
                assignment.precinct,
                principal=principal,
                correlation_id=request.state.correlation_id,
            )

    return router


async def _verify_partial_identity(
    client: MatchingClient, form: ApplicationForm, request: Request
) -> MvdRecordAnswer | None:
    """1.10.35.8 A(2): a form giving only a licence number or the last four is first verified
    against the MVD, with the clerk waiting (the clerk's token is forwarded). A form missing its
    name or DOB is not asked about: C(1) rejects it anyway."""
    if not awaits_ssn_verification(form) or not (
        form.first_name and form.last_name and form.date_of_birth
    ):
        return None
    query = MvdRecordQuery(
        mvd_id=form.mvd_id,
        ssn_last4=form.ssn_last4,
        first_name=form.first_name,
        last_name=form.last_name,
        date_of_birth=form.date_of_birth,
    )
    bearer = request.headers["authorization"].partition(" ")[2].strip()
    try:
        return await client.verify_record(
            query, bearer=bearer, correlation_id=str(request.state.correlation_id)
        )
    except MatchingUnavailableError:
        raise ApiError(
            503, "the MVD verification is unavailable right now; try again shortly"
        ) from None
