"""The audit API's incidents (issue 6, breach response): an auditor declares what was exposed,
when and by which selector of the access log; the answer lists every voter exposed and to whom.
Each affected voter also gets a ``BreachNoticeRequested`` on ``vrs.audit.breach-notices.v1``.
"""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import AwareDatetime, Field, StringConstraints

from vrs_contracts.api.registration import Text
from vrs_contracts.base import Contract

PlainWords = Annotated[Text, StringConstraints(min_length=1, max_length=2000)]


class IncidentSelector(Contract):
    """Which answers of the window the incident is about; every given part must hold, and at
    least one part is given."""

    actor: str | None = Field(default=None, description="The user (token subject) who got them.")
    service: str | None = Field(default=None, description="The service that answered.")
    action: str | None = Field(
        default=None,
        description="The endpoint: method and route template, e.g. 'GET /v1/voters/{voter_id}'.",
    )
    voter_ids: list[UUID] | None = Field(
        default=None, description="Only these voters' records count.", max_length=100_000
    )
    export_id: UUID | None = Field(
        default=None,
        description="An export of records-requests: its voters are exposed, seen by the users "
        "the log shows reading it in the window (and by whoever the export otherwise reached).",
    )


class IncidentForm(Contract):
    """``POST /v1/incidents``: an exposure the auditor declares."""

    description: PlainWords = Field(description="What happened, for the record.")
    window_start: AwareDatetime = Field(description="Start of the exposure window.")
    window_end: AwareDatetime = Field(description="End of the exposure window (excluded).")
    selector: IncidentSelector = Field(description="Which answers of the window were exposures.")
    exposed_data: list[PlainWords] = Field(
        min_length=1,
        description="What of each record was exposed, in plain words (e.g. 'name', 'residence "
        "address'); never the data itself.",
    )
    exposed_to: PlainWords = Field(
        description="To whom, in plain words, for the voters' notices (e.g. 'one county user "
        "account without a need to know')."
    )
    office_action: PlainWords = Field(description="What the office did about it, in plain words.")


class AffectedVoter(Contract):
    """A voter an incident exposed."""

    voter_id: UUID
    seen_by: list[str] = Field(
        description="The users (token subjects) the log shows receiving the voter's data."
    )


class IncidentView(IncidentForm):
    """An incident as declared, with every voter it exposed."""

    incident_id: UUID
    declared_by: str = Field(description="The auditor who declared it.")
    declared_at: datetime
    affected: list[AffectedVoter] = Field(description="Every voter exposed, by voter id.")
