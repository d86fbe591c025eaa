"""1.10.35.8 A(2): a paper form with only the last four SSN digits, through the running system."""

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from tests.e2e.conftest import Client, wait_until
from tests.e2e.kafka import read_all
from vrs_contracts.topics import APPLICATIONS
from vrs_embedded.stack import Stack

pytestmark = pytest.mark.e2e


def partial_form(
    person: dict[str, str], paper_form: Callable[..., dict[str, Any]], **changes: Any
) -> dict[str, Any]:
    identity = {
        "first_name": person["first_name"],
        "last_name": person["last_name"],
        "date_of_birth": person["date_of_birth"],
        "ssn": None,
        "ssn_last4": person["ssn"][-4:],
    }
    return paper_form(**{**identity, **changes})


def test_a2_a_form_the_mvd_verifies_goes_on_to_the_duplicate_search_and_registration(
    clerk: Client, licensed_person: dict[str, str], paper_form: Callable[..., dict[str, Any]]
) -> None:
    answer = clerk.post_application(partial_form(licensed_person, paper_form)).json()
    assert (answer["decision"], answer["state"]) == ("accepted", "awaiting_match")
    wait_until(
        lambda: (
            clerk.http.get(f"/v1/applications/{answer['application_id']}").json()["state"]
            == "registered"
        )
    )


def test_a2_an_unverified_form_waits_for_the_full_ssn_given_once_through_the_secure_link(
    stack: Stack,
    clerk: Client,
    licensed_person: dict[str, str],
    paper_form: Callable[..., dict[str, Any]],
    submitted_ssns: set[str],
) -> None:
    answer = clerk.post_application(
        partial_form(licensed_person, paper_form, last_name="Nobody-At-Mvd")
    ).json()
    assert (answer["decision"], answer["status_reason"], answer["state"]) == (
        "suspense", "incomplete_application", "awaiting_full_ssn",
    )  # fmt: skip

    def link_request() -> dict[str, Any] | None:
        for _topic, value, _headers in read_all(stack.bootstrap_servers, [APPLICATIONS.name]):
            event = json.loads(value)
            if (
                event["type"].endswith("full_ssn_requested.v1")
                and event["data"]["application_id"] == answer["application_id"]
            ):
                return dict(event["data"])
        return None

    requested = wait_until(link_request)
    token = parse_qs(urlparse(requested["secure_link"]).query)["token"][0]
    secure_page = f"{stack.url('registration')}/v1/ssn-submissions"

    wrong = "111" + "22" + "3333"
    submitted_ssns.add(wrong)
    refused = httpx.post(secure_page, json={"token": token, "ssn": wrong})
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"][0]["field"] == "ssn"
    assert wrong not in refused.text

    given = httpx.post(secure_page, json={"token": token, "ssn": licensed_person["ssn"]})
    assert given.status_code == 200, given.text
    assert given.json()["state"] == "awaiting_match"
    assert licensed_person["ssn"] not in given.text
    wait_until(
        lambda: (
            clerk.http.get(f"/v1/applications/{answer['application_id']}").json()["state"]
            == "registered"
        )
    )

    again = httpx.post(secure_page, json={"token": token, "ssn": licensed_person["ssn"]})
    assert again.status_code == 422
    assert again.json()["error"]["fields"][0]["field"] == "token"
