"""Killing a service process while the stack runs, and starting it again, loses nothing accepted."""

from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.conftest import Client, wait_until
from vrs_embedded.stack import Stack

pytestmark = pytest.mark.e2e

BATCH = 8


def all_registered(clerk: Client, application_ids: list[str]) -> bool:
    states = [clerk.http.get(f"/v1/applications/{a}").json()["state"] for a in application_ids]
    return all(state == "registered" for state in states)


def test_registration_killed_right_after_accepting_loses_no_application(
    stack: Stack, clerk: Client, paper_form: Callable[..., dict[str, Any]]
) -> None:
    accepted = [clerk.post_application(paper_form()) for _ in range(BATCH)]
    assert {a.status_code for a in accepted} == {201}
    stack.kill_service("registration")  # SIGKILL: no shutdown, outbox rows may be unpublished
    stack.start_service("registration")
    application_ids = [a.json()["application_id"] for a in accepted]
    wait_until(lambda: all_registered(clerk, application_ids), timeout=90)


def test_matching_killed_while_applications_arrive_loses_none_of_them(
    stack: Stack, clerk: Client, paper_form: Callable[..., dict[str, Any]]
) -> None:
    stack.kill_service("matching")
    accepted = [clerk.post_application(paper_form()) for _ in range(BATCH)]
    assert {a.status_code for a in accepted} == {201}
    stack.start_service("matching")
    application_ids = [a.json()["application_id"] for a in accepted]
    wait_until(lambda: all_registered(clerk, application_ids), timeout=90)


def test_audit_killed_keeps_every_attempt_for_when_it_returns(
    stack: Stack, clerk: Client, auditor: Client, paper_form: Callable[..., dict[str, Any]]
) -> None:
    stack.kill_service("audit")
    answers = [clerk.post_application(paper_form()) for _ in range(3)]
    stack.start_service("audit")
    for answer in answers:
        correlation_id = answer.headers["X-Correlation-ID"]
        wait_until(
            lambda c=correlation_id: auditor.http.get(
                "/v1/audit/events", params={"correlation_id": c}
            ).json(),
            timeout=90,
        )
