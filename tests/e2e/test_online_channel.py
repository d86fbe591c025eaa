"""The online channel end to end: MVD identity check, then an application bound to it (D(1), D(5))."""

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.conftest import Client, wait_until
from vrs_cli.example import synthetic_ssn
from vrs_contracts.vocabulary import Role
from vrs_embedded.stack import Stack

pytestmark = pytest.mark.e2e


@pytest.fixture
def portal(stack: Stack) -> Client:
    """An online registration portal at the registration API."""
    return Client(
        stack.url("registration"),
        stack.token(Role.ovr_portal, subject=f"portal-{uuid.uuid4().hex[:6]}"),
    )


def online_form(
    person: dict[str, str], paper_form: Callable[..., dict[str, Any]], **changes: Any
) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "channel": "online", "first_name": person["first_name"], "last_name": person["last_name"],
        "date_of_birth": person["date_of_birth"], "ssn": person["ssn"], "mvd_id": person["mvd_id"], "gender": "F",
        "residence_address": {"street": person["street"], "city": person["city"], "state": "NM",
                              "zip": person["zip"], "non_standard_description": None},
    }  # fmt: skip
    return paper_form(**{**fields, **changes})


def test_an_online_applicant_with_a_positive_mvd_match_becomes_a_voter(
    portal: Client, licensed_person: dict[str, str], paper_form: Callable[..., dict[str, Any]]
) -> None:
    check = portal.http.post(
        "/v1/identity-checks",
        json={k: licensed_person[k] for k in ("mvd_id", "ssn", "date_of_birth")},
    )
    assert check.status_code == 201, check.text
    assert check.json()["matched"] is True
    form = online_form(
        licensed_person, paper_form, identity_check_id=check.json()["identity_check_id"]
    )
    answer = portal.post_application(form)
    assert answer.status_code == 201, answer.text
    assert answer.json()["decision"] == "accepted"
    wait_until(
        lambda: (
            portal.http.get(f"/v1/applications/{answer.json()['application_id']}").json()["state"]
            == "registered"
        )
    )
    reused = portal.post_application(form)
    assert reused.status_code == 422
    assert reused.json()["error"]["fields"][0]["field"] == "identity_check_id"


@pytest.mark.parametrize("changed", ["ssn", "date_of_birth"])
def test_an_online_applicant_may_not_change_the_ssn_or_dob_that_matched(
    portal: Client,
    licensed_person: dict[str, str],
    paper_form: Callable[..., dict[str, Any]],
    submitted_ssns: set[str],
    changed: str,
) -> None:
    check = portal.http.post(
        "/v1/identity-checks",
        json={k: licensed_person[k] for k in ("mvd_id", "ssn", "date_of_birth")},
    )
    other = synthetic_ssn() if changed == "ssn" else "1988-07-15"
    submitted_ssns.add(other)
    form = online_form(
        licensed_person,
        paper_form,
        identity_check_id=check.json()["identity_check_id"],
        **{changed: other},
    )
    answer = portal.post_application(form)
    assert answer.status_code == 422
    assert [f["field"] for f in answer.json()["error"]["fields"]] == [changed]
    assert licensed_person["ssn"] not in answer.text


def test_no_mvd_match_offers_the_paper_form_and_a_contact_request_routed_to_the_county(
    stack: Stack, portal: Client, clerk: Client, licensed_person: dict[str, str]
) -> None:
    wrong_dob = {
        **{k: licensed_person[k] for k in ("mvd_id", "ssn")},
        "date_of_birth": "1988-07-15",
    }
    check = portal.http.post("/v1/identity-checks", json=wrong_dob).json()
    assert check["matched"] is False
    assert check["reason"] == "mvd_identity_mismatch"
    assert check["paper_form_url"]
    assert check["contact_request_url"] == "/v1/contact-requests"
    request = portal.http.post(
        "/v1/contact-requests",
        json={"identity_check_id": check["identity_check_id"], "county": "santa_fe", "first_name": "Olivia",
              "last_name": licensed_person["last_name"], "email": "olivia@example.org"},
    )  # fmt: skip
    assert request.status_code == 201, request.text
    listed = clerk.http.get("/v1/counties/santa_fe/contact-requests").json()
    assert request.json()["contact_request_id"] in {r["contact_request_id"] for r in listed}


def test_after_five_failed_checks_of_one_licence_number_more_are_refused_for_an_hour(
    stack: Stack, portal: Client, licensed_person: dict[str, str]
) -> None:
    """Guessing an SSN for a known licence number gets five tries; an applicant who mistyped
    another number is not held up by it."""
    guessed = "NM-G" + uuid.uuid4().hex[:7].upper()
    for _ in range(5):
        guess = {"mvd_id": guessed, "ssn": synthetic_ssn(), "date_of_birth": "1980-01-01"}
        assert portal.http.post("/v1/identity-checks", json=guess).json()["matched"] is False

    refused = portal.http.post(
        "/v1/identity-checks",
        json={"mvd_id": guessed.lower().replace("-", " "), "ssn": synthetic_ssn(),
              "date_of_birth": "1980-01-01"},
    )  # fmt: skip
    assert refused.status_code == 429
    assert 3500 <= int(refused.headers["Retry-After"]) <= 3601
    assert refused.json()["error"]["fields"] == [
        {"field": "mvd_id", "problem": "too many checks of this number did not match"}
    ]
    assert guessed not in refused.text

    other = {**{k: licensed_person[k] for k in ("mvd_id", "ssn", "date_of_birth")}}
    assert portal.http.post("/v1/identity-checks", json=other).json()["matched"] is True


def test_an_online_application_without_a_matched_check_is_refused(
    portal: Client, licensed_person: dict[str, str], paper_form: Callable[..., dict[str, Any]]
) -> None:
    answer = portal.post_application(online_form(licensed_person, paper_form))
    assert answer.status_code == 422
    assert answer.json()["error"]["fields"][0]["field"] == "identity_check_id"


def test_an_online_applicant_in_prison_for_a_felony_may_not_continue(
    portal: Client, licensed_person: dict[str, str], paper_form: Callable[..., dict[str, Any]]
) -> None:
    answer = portal.post_application(
        online_form(licensed_person, paper_form, felony_incarcerated=True)
    ).json()
    assert (answer["decision"], answer["rejection_reasons"]) == (
        "rejected",
        ["felony_incarceration"],
    )


def test_matching_down_is_answered_as_unavailable_not_as_a_mismatch(
    stack: Stack, portal: Client, licensed_person: dict[str, str]
) -> None:
    stack.kill_service("matching")
    try:
        answer = portal.http.post(
            "/v1/identity-checks",
            json={k: licensed_person[k] for k in ("mvd_id", "ssn", "date_of_birth")},
        )
        assert answer.status_code == 503
        assert "unavailable" in answer.json()["error"]["message"]
    finally:
        stack.start_service("matching")
