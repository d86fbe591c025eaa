"""The notifications API's answers and requests (DESIGN.md, "Interfaces that stay stable").

``GET /v1/notices?application_id=…`` or ``?voter_id=…`` lists notices with ``notice_id``,
``type``, ``clause``, ``language``, ``due_date``, ``state``, ``sent_at``; the rest is added.
"""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from pydantic import Field

from vrs_contracts.api.registration import Text
from vrs_contracts.base import Contract
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Language

NoticeStateCode = Literal["scheduled", "rendered", "sent", "delivered", "returned", "failed"]


class NoticeView(Contract):
    """A notice the rule requires, where it stands against its due date."""

    notice_id: UUID = Field(description="Id of the notice.")
    type: str = Field(description="Type in the notice catalog, e.g. rejection_non_citizen.")
    clause: str = Field(description="The clause that orders it, e.g. '1.10.35.8 C(2)'.")
    language: Language = Field(description="Language it is written in.")
    due_date: date = Field(description="The last day it may go out (YYYY-MM-DD).")
    state: NoticeStateCode = Field(description="Where it stands.")
    sent_at: datetime | None = Field(description="When it went out, once it has.")
    county: County = Field(description="County whose clerk answers for it.")
    application_id: UUID | None = Field(description="The application it is about, if any.")
    voter_id: UUID | None = Field(description="The voter it is about, if any.")
    contact_request_id: UUID | None = Field(
        default=None,
        description="The online applicant's contact request it answers (1.10.35.8 D(1)), if any.",
    )


class NoticeHistoryEntry(Contract):
    """One step of a notice's history."""

    from_state: NoticeStateCode | None = Field(description="State before; null when created.")
    to_state: NoticeStateCode = Field(description="State after.")
    actor: str = Field(description="Who moved it: a user's subject or system:notifications.")
    note: str | None = Field(description="What happened, e.g. 'mail by print_batch'.")
    at: datetime = Field(description="When.")


class NoticeDetail(NoticeView):
    """A notice with its history."""

    history: list[NoticeHistoryEntry] = Field(description="Every step, oldest first.")


class SlaCounty(Contract):
    """One county's notices not yet out, against their due dates (never late unnoticed)."""

    county: County = Field(description="The county.")
    today: date = Field(description="Today in the county's time zone.")
    overdue: list[NoticeView] = Field(description="Past their due date and not out.")
    due_today: list[NoticeView] = Field(description="Due today and not out.")
    due_tomorrow: list[NoticeView] = Field(description="Due by the next business day and not out.")
    sent_late: int = Field(description="Notices of the county that went out after their due date.")


class ReprintRequest(Contract):
    """A clerk re-prints a notice's letter (a new version of it)."""

    note: Text | None = Field(default=None, max_length=500, description="Why, for the history.")


class MailingRequest(Contract):
    """A clerk mailed a notice's letter by hand."""

    note: Text | None = Field(default=None, max_length=500, description="A note for the history.")


class ReturnRequest(Contract):
    """A mailed notice came back undeliverable."""

    reason: Text | None = Field(
        default=None, max_length=200, description="The postal reason, e.g. 'attempted, not known'."
    )


class PrintBatchView(Contract):
    """A county's print batch of one day: its letters as a PDF bundle and a CSV manifest."""

    batch_id: UUID = Field(description="Id of the batch.")
    county: County = Field(description="The county.")
    batch_date: date = Field(description="The day of the batch, in the county's calendar.")
    letters: int = Field(description="How many letters it holds.")
