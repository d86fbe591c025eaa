"""One paper application travels the whole system: intake, matching, voter file, audit."""

import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import Client, wait_until
from tests.e2e.conftest import audited as audited_entries
from tests.e2e.kafka import read_all
from vrs_contracts.counties import County
from vrs_contracts.topics import APPLICATIONS, MATCH_RESULTS, VOTERS
from vrs_contracts.vocabulary import Role
from vrs_embedded.stack import Stack

pytestmark = pytest.mark.e2e


def events_about(stack: Stack, topic: str, application_id: str) -> list[dict[str, Any]]:
    found = []
    for _topic, value, _headers in read_all(stack.bootstrap_servers, [topic]):
        event = json.loads(value)
        if event["data"].get("application_id") == application_id:
            found.append(event)
    return found


def test_a_paper_application_becomes_an_active_voter_and_every_step_is_recorded(
    stack: Stack, clerk: Client, auditor: Client, paper_form: Callable[..., dict[str, Any]]
) -> None:
    answer = clerk.post_application(paper_form())
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert (body["decision"], body["state"], body["rejection_reasons"]) == (
        "accepted",
        "awaiting_match",
        [],
    )
    application_id = body["application_id"]
    correlation_id = answer.headers["X-Correlation-ID"]

    registered = wait_until(
        lambda: (
            (r := clerk.http.get(f"/v1/applications/{application_id}").json())["state"]
            == "registered"
            and r
        )
    )
    voter = clerk.http.get(f"/v1/voters/{registered['voter_id']}").json()
    assert (voter["status"], voter["county"], voter["party"]) == ("active", "santa_fe", "DTS")
    assert [(h["old_status"], h["new_status"], h["clause"]) for h in voter["history"]] == [
        (None, "active", "1.10.35.8 A(1)")
    ]

    applications = events_about(stack, APPLICATIONS.name, application_id)
    assert [e["type"].split(".")[-2] for e in applications] == ["submitted", "accepted"]
    results = events_about(stack, MATCH_RESULTS.name, application_id)
    assert [e["type"].split(".")[-2] for e in results] == ["completed", "application_settled"]
    assert (results[0]["data"]["strength"], results[0]["data"]["candidates"]) == ("none", [])
    assert (results[1]["data"]["outcome"], results[1]["data"]["basis"]) == (
        "new_registrant", "no_match",
    )  # fmt: skip
    voters = events_about(stack, VOTERS.name, application_id)
    assert [e["data"]["voter_id"] for e in voters] == [registered["voter_id"]]
    assert {e["correlation_id"] for e in applications + results + voters} == {correlation_id}

    audited = audited_entries(auditor, correlation_id=correlation_id)
    assert [(e["action"], e["outcome"], e["status_code"], e["service"]) for e in audited] == [
        ("POST /v1/applications", "allowed", 201, "registration")
    ]


def test_every_request_of_a_clerk_lands_in_the_audit_log_exactly_once(
    stack: Stack, auditor: Client, paper_form: Callable[..., dict[str, Any]]
) -> None:
    subject = f"clerk-{uuid.uuid4().hex[:8]}"
    clerk = Client(
        stack.url("registration"), stack.token(Role.county_clerk, County.santa_fe, subject=subject)
    )
    statuses = [
        clerk.post_application(paper_form()).status_code,
        clerk.http.get(f"/v1/applications/{uuid.uuid4()}").status_code,
        clerk.http.get(f"/v1/voters/{uuid.uuid4()}").status_code,
        clerk.post_application({"channel": "paper"}).status_code,
        clerk.http.get("/v1/no-such-route").status_code,
    ]
    assert statuses == [201, 404, 404, 422, 404]
    audited = wait_until(
        lambda: (
            len(rows := auditor.http.get("/v1/audit/events", params={"actor": subject}).json()) >= 5
            and rows
        )
    )
    assert sorted(e["status_code"] for e in audited) == sorted(statuses)
    assert {e["outcome"] for e in audited} == {"allowed", "error"}


@pytest.mark.parametrize(
    ("authorization", "status", "reason"),
    [
        (None, 401, "a bearer token is required"),
        ("Bearer not-a-token", 401, "invalid token: DecodeError"),
        ("Basic dXNlcjpwYXNz", 401, "the Authorization header must be 'Bearer <token>'"),
    ],
)
def test_a_request_without_a_valid_token_is_refused_and_still_audited(
    stack: Stack,
    auditor: Client,
    paper_form: Callable[..., dict[str, Any]],
    authorization: str | None,
    status: int,
    reason: str,
) -> None:
    correlation_id = str(uuid.uuid4())
    headers = {"Idempotency-Key": str(uuid.uuid4()), "X-Correlation-ID": correlation_id}
    if authorization:
        headers["Authorization"] = authorization
    answer = httpx.post(
        f"{stack.url('registration')}/v1/applications", json=paper_form(), headers=headers
    )
    assert answer.status_code == status
    assert answer.json()["error"]["code"] == "unauthorized"
    audited = audited_entries(auditor, correlation_id=correlation_id)
    assert [(e["actor"], e["outcome"], e["status_code"], e["reason"]) for e in audited] == [
        ("anonymous", "denied", status, reason)
    ]


def test_a_clerk_of_another_county_is_refused_and_audited(
    stack: Stack, auditor: Client, paper_form: Callable[..., dict[str, Any]]
) -> None:
    outsider = Client(
        stack.url("registration"), stack.token(Role.county_clerk, County.taos, subject="taos-clerk")
    )
    correlation_id = str(uuid.uuid4())
    answer = outsider.post_application(paper_form(), **{"X-Correlation-ID": correlation_id})
    assert answer.status_code == 403
    audited = audited_entries(auditor, correlation_id=correlation_id)
    assert [(e["actor"], e["county"], e["outcome"]) for e in audited] == [
        ("taos-clerk", "taos", "denied")
    ]


def test_resubmitting_with_the_same_idempotency_key_yields_one_application(
    clerk: Client, paper_form: Callable[..., dict[str, Any]]
) -> None:
    form, key = paper_form(), str(uuid.uuid4())
    first = clerk.post_application(form, key)
    again = clerk.post_application(form, key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["application_id"] == first.json()["application_id"]
    reused = clerk.post_application({**form, "first_name": "Other"}, key)
    assert reused.status_code == 409


def test_bad_input_names_the_field_and_echoes_no_personal_data(
    clerk: Client, paper_form: Callable[..., dict[str, Any]]
) -> None:
    answer = clerk.post_application(paper_form(ssn="12345678X", date_of_birth="1990-13-45"))
    assert answer.status_code == 422
    fields = {f["field"] for f in answer.json()["error"]["fields"]}
    assert fields == {"ssn", "date_of_birth"}
    assert "12345678X" not in answer.text
    assert "1990-13-45" not in answer.text


def test_an_incomplete_paper_form_is_rejected_with_every_reason_and_announced(
    stack: Stack, clerk: Client, paper_form: Callable[..., dict[str, Any]]
) -> None:
    answer = clerk.post_application(paper_form(residence_address=None, signature_present=False))
    body = answer.json()
    assert (answer.status_code, body["decision"], body["rejection_reasons"]) == (
        201, "rejected", ["missing_address", "missing_signature"],
    )  # fmt: skip
    rejected = wait_until(
        lambda: events_about(stack, APPLICATIONS.name, body["application_id"])[1:]
    )
    assert rejected[0]["data"]["rejection_reasons"] == ["missing_address", "missing_signature"]
