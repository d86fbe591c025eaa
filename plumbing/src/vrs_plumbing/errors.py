"""Errors as every API answers them: what was wrong and which field, never the value sent.

Body: ``{"error": {"code": ..., "message": ..., "fields": [{"field": ..., "problem": ...}]}}``.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "gone",
    422: "invalid_request",
    429: "too_many_requests",
    503: "unavailable",
}


@dataclass
class FieldProblem:
    """One field that was wrong, and how."""

    field: str
    problem: str


@dataclass
class ApiError(Exception):
    """An error answer; ``message`` and ``fields`` must not hold personal data."""

    status_code: int
    message: str
    fields: list[FieldProblem] = field(default_factory=list)
    code: str | None = None
    retry_after_seconds: int | None = None

    def body(self) -> dict[str, Any]:
        """The JSON body of the answer."""
        return {
            "error": {
                "code": self.code or STATUS_CODES.get(self.status_code, "error"),
                "message": self.message,
                "fields": [{"field": f.field, "problem": f.problem} for f in self.fields],
            }
        }


def _respond(
    request: Request, error: ApiError, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    request.state.audit_reason = (
        error.message
        if not error.fields
        else f"{error.message}: {', '.join(f.field for f in error.fields)}"
    )
    return JSONResponse(error.body(), status_code=error.status_code, headers=headers)


HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route takes at the request's path (RFC 9110 15.5.6).

    Starlette names only the methods of the first route that matched the path; a path served by
    two routes (GET and POST) would advertise one of them.
    """
    routes = request.app.router.routes
    return [
        method
        for method in HTTP_METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    ]


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error in the one shape, and note its reason for the audit event."""

    async def on_api_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        headers = {"WWW-Authenticate": "Bearer"} if exc.status_code == 401 else {}
        if exc.retry_after_seconds is not None:
            headers["Retry-After"] = str(exc.retry_after_seconds)
        return _respond(request, exc, headers)

    async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        problems = [
            FieldProblem(
                field=".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body",
                problem=str(err.get("msg", "invalid")),
            )
            for err in exc.errors()
        ]
        return _respond(request, ApiError(422, "the request is not valid", problems))

    async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
        return _respond(request, ApiError(exc.status_code, str(exc.detail)), headers)

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
