"""The access-attempt event every service emits for every HTTP request and personal-data read,
and the breach notice the audit service asks for when an incident exposed a voter's data."""

from datetime import datetime
from typing import ClassVar, Literal
from uuid import UUID

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
    voter_ids: list[UUID] = Field(
        default_factory=list,
        description="The voters whose personal data the answer disclosed (empty when it "
        "disclosed none, or when the attempt was refused).",
    )


class BulkAccessAlerted(Event):
    """One user viewed or changed more records than the threshold allows in a window: the
    office's security staff should look (1.10.35.11: access restricted to job functions).
    Raised once per user and kind per window; the access log holds the detail."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.audit.bulk_access_alerted.v1"

    alert_id: UUID = Field(description="Id of the alert in the audit service.")
    actor: str = Field(description="Token subject of the user.")
    role: str | None = Field(default=None, description="The user's role in the window.")
    county: str | None = Field(default=None, description="The user's county scope, if any.")
    kind: Literal["viewed", "changed"] = Field(
        description="viewed: distinct voters whose personal data the answers to the user "
        "disclosed; changed: distinct resources the user's allowed writes (POST, PUT, PATCH, "
        "DELETE) touched."
    )
    records: int = Field(ge=1, description="How many records, counted as ``kind`` says.")
    threshold: int = Field(ge=0, description="The configured most allowed in one window.")
    window_start: datetime = Field(description="Start of the window counted (UTC).")
    window_end: datetime = Field(description="End of the window counted (UTC).")


class BreachNoticeRequested(Event):
    """An incident exposed this voter's data: tell the voter what was exposed, when, to whom and
    what the office did (1.10.35.11: the office tells the people a mistake affected, as if the
    state's breach notification law applied to itself). One event per affected voter."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.audit.breach_notice_requested.v1"

    incident_id: UUID = Field(description="Id of the incident in the audit service.")
    voter_id: UUID = Field(description="The voter whose data was exposed.")
    exposed_data: list[str] = Field(
        description="What of the voter's record was exposed, in plain words (e.g. 'name', 'residence address'); never the data itself."
    )
    exposed_from: datetime = Field(description="Start of the exposure window (UTC).")
    exposed_until: datetime = Field(description="End of the exposure window (UTC).")
    exposed_to: str = Field(
        description="To whom, in plain words (e.g. 'one county user account without a need to know')."
    )
    office_action: str = Field(description="What the office did about it, in plain words.")
    requested_by: str = Field(description="Subject of the auditor who declared the incident.")
