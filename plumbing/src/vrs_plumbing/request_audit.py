"""The middleware every service runs: authenticate the caller, then audit the attempt.

It never refuses by itself: routes declare what they need (``vrs_plumbing.access``). Whatever
the route answers — allowed, 401, 403, 404, 422, 500 — one ``AccessAttempted`` is recorded.
"""

import logging
from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind
from starlette.middleware.base import RequestResponseEndpoint
from starlette.routing import Match

from vrs_plumbing.audit_trail import record_access_attempt
from vrs_plumbing.auth import Principal, TokenError
from vrs_plumbing.errors import ApiError
from vrs_plumbing.logging import redact_ssn

if TYPE_CHECKING:
    from vrs_plumbing.runtime import Runtime

log = logging.getLogger(__name__)
# docs/adr/0007: probes reveal nothing and would flood the log.
UNAUDITED_PATHS = frozenset({"/healthz"})


def install_request_audit(
    app: FastAPI, runtime: "Runtime", also_unaudited: frozenset[str] = frozenset()
) -> None:
    """Add the authenticate-and-audit middleware to ``app``; ``also_unaudited`` names the
    service's own paths that are part of another service's audited request (docs/adr/0026)."""
    unaudited = UNAUDITED_PATHS | also_unaudited

    @app.middleware("http")
    async def authenticate_and_audit(
        request: Request, call_next: RequestResponseEndpoint
    ) -> Response:
        if request.url.path in unaudited:
            return await call_next(request)
        correlation_id = _correlation_id(request)
        request.state.correlation_id = correlation_id
        request.state.principal = None
        request.state.auth_error = None
        request.state.audit_reason = None
        request.state.disclosed_voter_ids = []  # vrs_plumbing.access.Disclosure
        request.state.claimed_subject = None
        # A token whose account refuses it (disabled, role changed) is answered 401 here, whatever
        # the route: it names who tried (reports of attempts to use disabled accounts) but is
        # never served, not even as an anonymous caller (docs/adr/0026).
        claimed: Principal | None = None
        account_refusal: str | None = None
        authorization = request.headers.get("authorization")
        if authorization:
            scheme, _, token = authorization.partition(" ")
            try:
                if scheme.lower() != "bearer" or not token:
                    raise TokenError("the Authorization header must be 'Bearer <token>'")
                if runtime.jwks is not None:
                    await runtime.jwks.ensure_key_for(token.strip())
                claimed = runtime.verifier.verify(token.strip())
            except TokenError as exc:
                request.state.auth_error = str(exc)
            if claimed is not None:
                account_refusal = await runtime.account_gate.refusal(claimed, token.strip())
                if account_refusal is None:
                    request.state.principal = claimed
        tracer = trace.get_tracer("vrs.http", tracer_provider=runtime.tracer_provider)
        with tracer.start_as_current_span(
            request.method, context=propagate.extract(dict(request.headers)), kind=SpanKind.SERVER
        ) as span:
            try:
                response: Response
                if account_refusal is not None:
                    request.state.audit_reason = account_refusal
                    response = JSONResponse(
                        ApiError(401, account_refusal).body(),
                        status_code=401,
                        headers={"WWW-Authenticate": "Bearer"},
                    )
                else:
                    response = await call_next(request)
            except Exception as exc:  # an unexpected failure still answers, and is still audited
                log.exception("request failed", extra={"error": redact_ssn(type(exc).__name__)})
                request.state.audit_reason = "internal error"
                response = JSONResponse(
                    ApiError(500, "internal error", code="internal_error").body(), status_code=500
                )
            action = f"{request.method} {_route_template(request)}"
            span.update_name(action)
            try:
                await record_access_attempt(
                    runtime.pool,
                    service=runtime.service,
                    principal=request.state.principal or claimed,
                    action=action,
                    resource=request.url.path,
                    status_code=response.status_code,
                    reason=request.state.audit_reason or request.state.auth_error,
                    source_address=request.client.host if request.client else None,
                    correlation_id=correlation_id,
                    voter_ids=(
                        request.state.disclosed_voter_ids if response.status_code < 400 else []
                    ),
                    claimed_subject=request.state.claimed_subject,
                )
            except Exception as exc:  # nothing leaves unrecorded
                log.error(
                    "audit trail unavailable; answer withheld", extra={"error": type(exc).__name__}
                )
                return JSONResponse(
                    ApiError(503, "the audit trail is unavailable; try again").body(),
                    status_code=503,
                )
        response.headers["X-Correlation-ID"] = str(correlation_id)
        return response


def _correlation_id(request: Request) -> UUID:
    """The caller's X-Correlation-ID when it is a UUID, else a new one."""
    given = request.headers.get("x-correlation-id")
    try:
        return UUID(given) if given else uuid4()
    except ValueError:
        return uuid4()


def _route_template(request: Request) -> str:
    """The path template of the route that handled the request (``/v1/voters/{voter_id}``),
    so actions group well; set by the router in the request's scope once it has routed, and
    looked up here for a request refused before routing."""
    route = request.scope.get("route") or next(
        (
            candidate
            for candidate in request.app.router.routes
            if candidate.matches(request.scope)[0] is Match.FULL
        ),
        None,
    )
    return str(getattr(route, "path", "(no route)")) if route is not None else "(no route)"
