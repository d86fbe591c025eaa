"""Events the notifications service publishes about the notices it owes."""

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from vrs_contracts.base import Event
from vrs_contracts.counties import County


class NoticeDeadlineReached(Event):
    """A notice reached the last business day of its deadline and has not gone out yet: the
    county clerk must send it today (1.10.35.8 C, D, F: "within five business days")."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.notice.deadline_reached.v1"

    notice_id: UUID = Field(description="Id of the notice.")
    county: County = Field(description="County whose clerk answers for the notice.")
    notice_type: str = Field(description="Type of the notice in the notice catalog.")
    clause: str = Field(description="The clause of 1.10.35 NMAC that orders the notice.")
    due_date: date = Field(description="The last day the notice may go out.")
    application_id: UUID | None = Field(default=None, description="The application it is about.")
    voter_id: UUID | None = Field(default=None, description="The voter it is about.")


class NoticeMailReturned(Event):
    """A mailed notice came back undeliverable. An initial mailing returned as undeliverable
    designates the voter NVRA in the voter file (1.10.35.7 U, 1.10.35.9 A(2))."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.notice.mail_returned.v1"

    notice_id: UUID = Field(description="Id of the returned notice.")
    county: County = Field(description="County whose clerk recorded the return.")
    notice_type: str = Field(description="Type of the notice in the notice catalog.")
    application_id: UUID | None = Field(default=None, description="The application it is about.")
    voter_id: UUID | None = Field(default=None, description="The voter it is about.")
    returned_at: datetime = Field(description="When the clerk recorded the return (UTC).")
    recorded_by: str = Field(description="Subject of the user who recorded it.")
    reason: str | None = Field(
        default=None, description="The postal reason, as the clerk wrote it."
    )
