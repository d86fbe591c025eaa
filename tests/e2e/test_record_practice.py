"""1.10.35.8 A(4) confidential addresses and A(5) proofreading, through the running system."""

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.conftest import Client, wait_until
from tests.e2e.kafka import read_all
from vrs_contracts.counties import County
from vrs_contracts.topics import APPLICATIONS, VOTERS
from vrs_contracts.vocabulary import Role
from vrs_embedded.stack import Stack

pytestmark = pytest.mark.e2e


def events_of(stack: Stack, topic: str, application_id: str) -> list[dict[str, Any]]:
    return [
        event
        for _topic, value, _headers in read_all(stack.bootstrap_servers, [topic])
        if (event := json.loads(value))["data"].get("application_id") == application_id
    ]


def test_a4_a_public_officials_confidential_address_is_never_entered_only_its_zip(
    stack: Stack, clerk: Client, paper_form: Callable[..., dict[str, Any]]
) -> None:
    secret_street = f"{uuid.uuid4().int % 900 + 100} Hidden Canyon Rd"
    home = {
        "street": secret_street,
        "city": "Santa Fe",
        "state": "NM",
        "zip": "87506",
        "non_standard_description": None,
    }
    answer = clerk.post_application(
        paper_form(residence_address=home, confidential_address=True)
    ).json()
    application = wait_until(
        lambda: (
            (a := clerk.http.get(f"/v1/applications/{answer['application_id']}").json())["voter_id"]
            and a
        )
    )
    voter = clerk.http.get(f"/v1/voters/{application['voter_id']}").json()
    assert voter["confidential_address"] is True
    registered = events_of(stack, VOTERS.name, answer["application_id"])
    assert registered[0]["data"]["registrant"]["residence_address"] == {
        "street": "confidential", "city": "confidential", "state": "NM", "zip": "87506", "non_standard_description": None,
    }  # fmt: skip
    topics = read_all(stack.bootstrap_servers, [APPLICATIONS.name, VOTERS.name])
    assert all(secret_street.encode() not in value for _topic, value, _headers in topics)


def test_a4_only_the_clerk_marks_a_confidential_address(
    stack: Stack, paper_form: Callable[..., dict[str, Any]]
) -> None:
    portal = Client(stack.url("registration"), stack.token(Role.ovr_portal, subject="portal-a4"))
    answer = portal.post_application(paper_form(channel="online", confidential_address=True))
    assert answer.status_code == 422
    assert answer.json()["error"]["fields"][0]["field"] == "confidential_address"


def test_a5_a_county_that_proofreads_holds_each_paper_entry_for_a_second_staff_member(
    stack: Stack, paper_form: Callable[..., dict[str, Any]]
) -> None:
    county = County.los_alamos
    supervisor = Client(
        stack.url("registration"), stack.token(Role.county_supervisor, county, subject="la-super")
    )
    entering = Client(
        stack.url("registration"), stack.token(Role.county_clerk, county, subject="la-clerk-1")
    )
    second = Client(
        stack.url("registration"), stack.token(Role.county_clerk, county, subject="la-clerk-2")
    )
    assert (
        supervisor.http.put(
            f"/v1/counties/{county}/settings", json={"proofreading_required": True}
        ).status_code
        == 200
    )
    try:
        answer = entering.post_application(paper_form(county=county)).json()
        assert answer["state"] == "awaiting_proofreading"
        assert [
            e["type"].split(".")[-2]
            for e in events_of(stack, APPLICATIONS.name, answer["application_id"])
        ] == ["submitted"]
        own = entering.http.post(f"/v1/applications/{answer['application_id']}/proofreading")
        assert own.status_code == 403
        released = second.http.post(f"/v1/applications/{answer['application_id']}/proofreading")
        assert (released.status_code, released.json()["state"]) == (200, "awaiting_match")
        assert (
            second.http.post(
                f"/v1/applications/{answer['application_id']}/proofreading"
            ).status_code
            == 409
        )
        wait_until(
            lambda: (
                entering.http.get(f"/v1/applications/{answer['application_id']}").json()["state"]
                == "registered"
            )
        )
    finally:
        supervisor.http.put(
            f"/v1/counties/{county}/settings", json={"proofreading_required": False}
        )
