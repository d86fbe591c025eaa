"""The breach drill (issue 6): one account reads voters' records in a window it should not have
had; the incident declared for that account and window finds exactly the voters read, and one
``BreachNoticeRequested`` per voter is published, and notifications schedules each voter's
notice."""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

import pytest

from tests.e2e.conftest import Client, registered, wait_until
from tests.e2e.kafka import read_all
from vrs_contracts.counties import County
from vrs_contracts.envelope import decode
from vrs_contracts.events import BreachNoticeRequested
from vrs_contracts.topics import BREACH_NOTICES
from vrs_contracts.vocabulary import Role
from vrs_embedded.stack import Stack

pytestmark = pytest.mark.e2e


def breach_notices(stack: Stack, incident_id: str) -> list[BreachNoticeRequested]:
    """The breach notices of one incident now on the topic."""
    notices = []
    for _topic, value, _headers in read_all(stack.bootstrap_servers, [BREACH_NOTICES.name]):
        notice = decode(value).data
        if isinstance(notice, BreachNoticeRequested) and str(notice.incident_id) == incident_id:
            notices.append(notice)
    return notices


def test_the_breach_drill_finds_exactly_the_voters_one_account_read_and_asks_a_notice_for_each(
    stack: Stack, clerk: Client, auditor: Client, paper_form: Callable[..., dict[str, Any]]
) -> None:
    applications = [clerk.post_application(paper_form()).json() for _ in range(4)]
    voters = [registered(clerk, a["application_id"])["voter_id"] for a in applications]
    subject = f"leaky-{uuid.uuid4().hex[:8]}"
    leaky = Client(
        stack.url("registration"), stack.token(Role.county_clerk, County.santa_fe, subject)
    )
    careful = Client(stack.url("registration"), stack.token(Role.county_clerk, County.santa_fe))

    assert leaky.http.get(f"/v1/voters/{voters[3]}").status_code == 200  # before the window
    window_start = datetime.now(UTC)
    for voter_id in voters[:3]:
        assert leaky.http.get(f"/v1/voters/{voter_id}").status_code == 200
    assert careful.http.get(f"/v1/voters/{voters[3]}").status_code == 200
    window_end = datetime.now(UTC)
    assert leaky.http.get(f"/v1/voters/{voters[3]}").status_code == 200  # after it
    wait_until(
        lambda: len(auditor.http.get("/v1/audit/events", params={"actor": subject}).json()) == 5
    )
    read_of_first = auditor.http.get("/v1/audit/events", params={"voter_id": voters[0]}).json()
    assert [e["action"] for e in read_of_first if e["actor"] == subject] == [
        "GET /v1/voters/{voter_id}"
    ]

    declared = auditor.http.post(
        "/v1/incidents",
        json={
            "description": "Drill: a clerk's account read voter records it had no need to read.",
            "window_start": window_start.isoformat(),
            "window_end": window_end.isoformat(),
            "selector": {"actor": subject},
            "exposed_data": ["name", "date of birth", "residence address"],
            "exposed_to": "one county user account without a need to know",
            "office_action": "The account was disabled and its holder's access reviewed.",
        },
    )

    assert declared.status_code == 201, declared.text
    incident = declared.json()
    assert incident["affected"] == [
        {"voter_id": voter_id, "seen_by": [subject]} for voter_id in sorted(voters[:3])
    ]
    assert auditor.http.get(f"/v1/incidents/{incident['incident_id']}").json() == incident
    notices = wait_until(
        lambda: (
            (found := breach_notices(stack, incident["incident_id"])) and len(found) >= 3 and found
        ),
        timeout=90,
        interval=2,
    )
    assert sorted(str(n.voter_id) for n in notices) == sorted(voters[:3])
    assert {(n.exposed_from, n.exposed_until) for n in notices} == {(window_start, window_end)}
    letters = Client(stack.url("notifications"), stack.token(Role.county_clerk, County.santa_fe))

    def breach_letters(voter_id: str) -> list[dict[str, Any]]:
        listed = letters.http.get("/v1/notices", params={"voter_id": voter_id}).json()
        return [n for n in listed if n["type"] == "breach_notice"]

    for voter_id in voters[:3]:  # notifications schedules each voter's breach notice
        wait_until(partial(breach_letters, voter_id), timeout=90)
    assert breach_letters(voters[3]) == []
