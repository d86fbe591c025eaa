"""The secure page's endpoint where a voter gives the full SSN through a one-time link (A(2)).

No bearer token: the voter has no account, and the link's token is the credential. The request
is audited like any other (as ``anonymous``); the token travels in the body, not the URL, so it
never reaches an access log.
"""

from fastapi import APIRouter, Request

from vrs_contracts.api.errors import error_responses
from vrs_contracts.api.registration import ApplicationAnswer, SsnSubmissionForm
from vrs_plumbing.errors import ApiError, FieldProblem
from vrs_plumbing.runtime import Runtime
from vrs_registration.adapters.vault import SsnVault
from vrs_registration.service_layer.full_ssn import accept_full_ssn


def build_router(runtime: Runtime, vault: SsnVault) -> APIRouter:
    """The route of the secure SSN page."""
    router = APIRouter(
        prefix="/v1", tags=["secure SSN page"], responses=error_responses(400, 422, 503)
    )

    @router.post("/ssn-submissions", response_model=ApplicationAnswer)
    async def post_ssn_submission(form: SsnSubmissionForm, request: Request) -> ApplicationAnswer:
        """Give the full SSN for the application the one-time link was sent about."""
        async with runtime.pool.connection() as conn, conn.transaction():
            outcome = await accept_full_ssn(
                conn,
                token=form.token,
                ssn=form.ssn,
                vault=vault,
                correlation_id=request.state.correlation_id,
            )
        if outcome.refusal is not None:
            raise ApiError(
                422, "the SSN cannot be accepted", [FieldProblem("ssn", outcome.refusal)]
            )
        assert outcome.answer is not None
        return outcome.answer

    return router
