"""The feed events carry their bulk files' columns, and a full SSN only sealed."""

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from vrs_contracts.events import (
    ChangeOfAddressReported,
    DeathReported,
    FelonyIncarcerationReported,
    OtherStateRegistrationReported,
)
from vrs_contracts.topics import FEEDS, topic_of

SSN_IN_CLEAR = "512340987"  # made up: what a careless producer might send

DEATH: dict[str, Any] = {
    "report_id": "doh-1",
    "first_name": "Alma",
    "last_name": "Example",
    "date_of_birth": date(1930, 1, 2),
    "date_of_death": date(2025, 1, 2),
    "source": "doh",
}


@pytest.mark.parametrize(
    "event",
    [
        DeathReported,
        FelonyIncarcerationReported,
        OtherStateRegistrationReported,
        ChangeOfAddressReported,
    ],
)
def test_every_feed_event_travels_on_the_feeds_topic(event: type) -> None:
    assert topic_of(event) is FEEDS


def test_a_death_with_an_ssn_in_clear_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        DeathReported.model_validate({**DEATH, "ssn": SSN_IN_CLEAR})

    assert refused.value.errors()[0]["loc"] == ("ssn",)


def test_an_other_state_notice_names_a_state_by_its_two_letter_code() -> None:
    notice = {
        "report_id": "az-1",
        "first_name": "Alma",
        "last_name": "Example",
        "date_of_birth": date(1980, 1, 2),
        "state": "Arizona",
        "registered_on": date(2025, 1, 2),
    }

    with pytest.raises(ValidationError) as refused:
        OtherStateRegistrationReported.model_validate(notice)

    assert [error["loc"] for error in refused.value.errors()] == [("state",)]
