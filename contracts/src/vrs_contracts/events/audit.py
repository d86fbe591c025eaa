"""The access-attempt event every service emits for every HTTP request and personal-data read."""

from typing import ClassVar

from pydantic import Field

from vrs_contracts.base import Event
from vrs_contracts.vocabulary import AuditOutcome


class AccessAttempted(Event):
    """Someone tried to do something (1.10.35.8 D(10): all attempts, successful or not)."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.audit.access_attempted.v1"

    actor: str = Field(description="Token subject, or 'anonymous' when no valid token was given.")
    role: str | None = Field(default=None, description="Role claimed by the token, if any.")
    county: str | None = Field(default=None, description="County scope of the token, if any.")
    service: str = Field(description="Service that received the request.")
    action: str = Field(
        description="What was attempted: method and route template, e.g. 'POST /v1/applications'."
    )
    resource: str = Field(description="The concrete resource: the request path.")
    outcome: AuditOutcome = Field(description="allowed, denied or error.")
    status_code: int = Field(description="HTTP status of the answer.")
    reason: str | None = Field(
        default=None, description="Why it was denied or failed, without personal data."
    )
    source_address: str | None = Field(
        default=None, description="Client address as seen by the service."
    )
