"""The one shape every API answers an error in, for the OpenAPI documents of the services.

``{"error": {"code": ..., "message": ..., "fields": [{"field": ..., "problem": ...}]}}``: what
was wrong and which field, never the value sent (vrs_plumbing.errors writes it).
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class FieldProblemBody(BaseModel):
    """One field that was wrong, and how."""

    model_config = ConfigDict(frozen=True)

    field: str = Field(description="The field, header or parameter, e.g. 'residence_address.zip'.")
    problem: str = Field(description="What was wrong with it; never the value sent.")


class ErrorDetail(BaseModel):
    """What went wrong."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(
        description="Machine-readable kind: bad_request, unauthorized, forbidden, not_found, "
        "method_not_allowed, conflict, invalid_request, unavailable, internal_error."
    )
    message: str = Field(description="Human-readable explanation, without personal data.")
    fields: list[FieldProblemBody] = Field(
        default_factory=list, description="Every field that was wrong (empty when none is named)."
    )


class ErrorBody(BaseModel):
    """The body of every error answer."""

    model_config = ConfigDict(frozen=True)

    error: ErrorDetail


ERROR_DESCRIPTIONS: dict[int, str] = {
    400: "The body could not be parsed (not JSON).",
    401: "No valid bearer token.",
    403: "The token's role, or its county, may not do this.",
    404: "No such resource.",
    409: "Conflicts with what is already recorded.",
    410: "Gone: it existed, and has expired or been deleted.",
    422: "The request is not valid: every field that was wrong, and how.",
    429: "Refused for now after too many attempts; Retry-After says when to try again.",
    503: "A service this answer needs, or the audit trail, is unavailable; nothing was disclosed.",
}


def error_responses(*status_codes: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a FastAPI route or router: these statuses answer an :class:`ErrorBody`."""
    responses: dict[int | str, dict[str, Any]] = {}
    for status in status_codes:
        entry: dict[str, Any] = {"model": ErrorBody, "description": ERROR_DESCRIPTIONS[status]}
        if status == 401:
            entry["headers"] = {
                "WWW-Authenticate": {
                    "description": "The scheme to authenticate with: Bearer.",
                    "schema": {"type": "string"},
                }
            }
        if status == 429:
            entry["headers"] = {
                "Retry-After": {
                    "description": "Seconds to wait before trying again.",
                    "schema": {"type": "integer"},
                }
            }
        responses[status] = entry
    return responses
