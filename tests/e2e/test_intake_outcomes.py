"""Paper forms through the running system, one per outcome: the answer, the stored status, the event."""

import json
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.conftest import Client, wait_until
from tests.e2e.kafka import read_all
from vrs_contracts.topics import APPLICATIONS
from vrs_embedded.stack import Stack

pytestmark = pytest.mark.e2e


def decided_event(stack: Stack, application_id: str) -> dict[str, Any]:
    def find() -> dict[str, Any] | None:
        for _topic, value, _headers in read_all(stack.bootstrap_servers, [APPLICATIONS.name]):
            event = json.loads(value)
            if (
                event["data"].get("application_id") == application_id
                and "submitted" not in event["type"]
            ):
                return dict(event)
        return None

    found: dict[str, Any] = wait_until(find)
    return found


@pytest.mark.parametrize(
    ("changes", "decision", "reasons", "event_type"),
    [
        ({"citizen": False}, "rejected", ["non_citizen"], "application.rejected"),
        ({"citizen": None}, "rejected", ["citizenship_unanswered"], "application.rejected"),
        ({"ssn": "666123456"}, "rejected", ["invalid_ssn"], "application.rejected"),
        ({"ssn": None}, "rejected", ["ssn_incomplete"], "application.rejected"),
        (
            {"first_name": None, "signature_present": False},
            "rejected",
            ["missing_name", "missing_signature"],
            "application.rejected",
        ),
    ],
)
def test_a_paper_form_breaking_a_rule_is_rejected_with_its_reasons_and_announced(
    stack: Stack,
    clerk: Client,
    paper_form: Callable[..., dict[str, Any]],
    changes: dict[str, Any],
    decision: str,
    reasons: list[str],
    event_type: str,
) -> None:
    answer = clerk.post_application(paper_form(**changes))
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert (body["decision"], body["rejection_reasons"]) == (decision, reasons)
    assert (
        clerk.http.get(f"/v1/applications/{body['application_id']}").json()["state"] == "rejected"
    )
    event = decided_event(stack, body["application_id"])
    assert event_type in event["type"]
    assert event["data"]["rejection_reasons"] == reasons
    assert "ssn" not in json.dumps(event["data"]).replace("ssn_incomplete", "").replace(
        "invalid_ssn", ""
    )


def test_an_under_age_applicant_becomes_a_voter_in_suspense(
    stack: Stack, clerk: Client, paper_form: Callable[..., dict[str, Any]]
) -> None:
    today = datetime.now(ZoneInfo("America/Denver")).date()
    born = date(today.year - 17, 1, 1).isoformat()
    answer = clerk.post_application(paper_form(date_of_birth=born, age_18_or_over=False)).json()
    assert (answer["decision"], answer["status_reason"]) == ("suspense", "under_age")
    application = wait_until(
        lambda: (
            (a := clerk.http.get(f"/v1/applications/{answer['application_id']}").json())["voter_id"]
            and a
        )
    )
    voter = clerk.http.get(f"/v1/voters/{application['voter_id']}").json()
    assert (voter["status"], voter["status_reason"]) == ("suspense", "under_age")
    event = decided_event(stack, answer["application_id"])
    assert (event["data"]["decision"], event["data"]["status_reason"]) == ("suspense", "under_age")


def test_an_adult_who_left_the_age_box_blank_is_accepted(
    clerk: Client, paper_form: Callable[..., dict[str, Any]]
) -> None:
    answer = clerk.post_application(
        paper_form(date_of_birth="1960-01-01", age_18_or_over=None)
    ).json()
    assert (answer["decision"], answer["status_reason"]) == ("accepted", None)


def test_a_residence_on_the_countys_commercial_mailbox_list_is_rejected(
    stack: Stack, clerk: Client, paper_form: Callable[..., dict[str, Any]]
) -> None:
    number = 100 + uuid.uuid4().int % 800
    listed = clerk.http.post(
        "/v1/counties/santa_fe/commercial-mailboxes",
        json={
            "name": "Pack and Post",
            "street": f"{number} Cerrillos Road",
            "city": "Santa Fe",
            "zip": "87505",
        },
    )
    assert listed.status_code == 201, listed.text
    assert (
        clerk.http.post(
            "/v1/counties/santa_fe/commercial-mailboxes",
            json={
                "name": "Same place",
                "street": f"{number} CERRILLOS RD",
                "city": "Santa Fe",
                "zip": "87505",
            },
        ).status_code
        == 409
    )
    residence = {
        "street": f"{number} Cerrillos Rd PMB 7",
        "city": "Santa Fe",
        "state": "NM",
        "zip": "87505",
        "non_standard_description": None,
    }
    answer = clerk.post_application(paper_form(residence_address=residence)).json()
    assert (answer["decision"], answer["rejection_reasons"]) == ("rejected", ["commercial_mailbox"])
    assert clerk.http.get("/v1/counties/taos/commercial-mailboxes").status_code == 403


def test_an_unqualified_party_on_paper_is_entered_as_decline_to_select(
    clerk: Client, paper_form: Callable[..., dict[str, Any]]
) -> None:
    answer = clerk.post_application(paper_form(party="Whig")).json()
    application = wait_until(
        lambda: (
            (a := clerk.http.get(f"/v1/applications/{answer['application_id']}").json())["voter_id"]
            and a
        )
    )
    assert clerk.http.get(f"/v1/voters/{application['voter_id']}").json()["party"] == "DTS"
    parties = {p["code"] for p in clerk.http.get("/v1/qualified-parties").json()}
    assert {"DEM", "REP", "LIB"} <= parties
