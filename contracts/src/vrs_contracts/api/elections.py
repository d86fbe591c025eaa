"""The election calendar and the suspense query report (1.10.35.7 M, 1.10.35.8 A(9)).

Field names here are promises to county tooling and to the services that read the calendar:
extend freely, never rename.
"""

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, StringConstraints

from vrs_contracts.api.registration import FormDate, Text
from vrs_contracts.base import Contract
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import StatusReason

ELECTION_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ElectionId = Annotated[
    str, StringConstraints(pattern=ELECTION_ID_PATTERN, min_length=1, max_length=64)
]
"""The Secretary of State's id of an election: lower-case words joined by hyphens, e.g.
``2026-general``; it names the election in the calendar's URL."""

FIRST_ELECTION_DAY = date(2000, 1, 1)
LAST_ELECTION_DAY = date(2199, 12, 31)


class ElectionKind(StrEnum):
    """The elections of 1.10.35.7 M."""

    general = "general"
    primary = "primary"
    local = "local"
    special_congressional = "special_congressional"


class ElectionForm(Contract):
    """``PUT /v1/elections/{election_id}``: an election as the Secretary of State enters it."""

    name: Text = Field(
        min_length=1,
        max_length=200,
        description="The election's name as published.",
        examples=["2026 General Election"],
    )
    kind: ElectionKind = Field(
        description="general, primary (political party primary), local (Local Elections Act) or "
        "special_congressional (a vacancy in the office of United States representative)."
    )
    election_date: FormDate = Field(
        ge=FIRST_ELECTION_DAY,
        le=LAST_ELECTION_DAY,
        description="Election day, YYYY-MM-DD (2000-01-01 to 2199-12-31).",
        examples=["2026-11-03"],
    )


class Election(ElectionForm):
    """An election of the calendar."""

    election_id: ElectionId = Field(description="The election's id in the calendar.")


class SuspendedVoter(Contract):
    """A voter in suspense as the suspense query report lists it: no SSN, no party."""

    voter_id: UUID = Field(description="Id of the voter record.")
    first_name: str = Field(description="Given name.")
    middle_name: str | None = Field(default=None, description="Middle name or initial.")
    last_name: str = Field(description="Surname.")
    suffix: str | None = Field(default=None, description="Generational suffix.")
    date_of_birth: date = Field(description="Date of birth.")
    status_reason: StatusReason | None = Field(description="Why the voter is in suspense.")
    activates_on: date | None = Field(
        description="For a voter in suspense under_age who will be 18 on or before this election: "
        "the day the voter becomes active (21 days before the first election of the calendar on "
        "or before which the voter is 18). Null for everyone else."
    )


class SuspenseReport(Contract):
    """1.10.35.8 A(9): the county's voters in suspense, as of today, for one election."""

    county: County = Field(description="The county whose voter file was queried.")
    election: Election = Field(description="The election the report is run for.")
    today: date = Field(description="The county's date (Mountain time) the report was run on.")
    days_before_election: int = Field(
        description="Days from today to election day; negative once the election is past."
    )
    report_days: Literal[35, 21] | None = Field(
        description="35 or 21 when today is the 35th or the 21st day before the election, the "
        "days A(9) has the county clerk run this report; null on any other day."
    )
    voters: list[SuspendedVoter] = Field(
        description="Every voter of the county in suspense, by last name, first name."
    )
