"""A clerk resolves weak matches end to end: nothing is done to a voter on a weak match alone
(1.10.35.7 SS); the clerk's decision settles it (1.10.35.7 X, 1.10.35.8 A(1)); every step is
audited."""

import csv
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Client, audited, registered, wait_until
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_embedded.stack import Stack
from vrs_registration.domain.voter_file import VOTER_COLUMNS

pytestmark = pytest.mark.e2e


def task_of(reviewer: Client, application_id: str) -> dict[str, Any]:
    """The review task raised for an application, once it is in Santa Fe's queue."""
    task: dict[str, Any] = wait_until(
        lambda: next(
            (
                t
                for t in reviewer.http.get("/v1/reviews", params={"county": "santa_fe"}).json()
                if t["subject_id"] == application_id
            ),
            None,
        )
    )
    return task


def import_voter_known_by_last_four(
    stack: Stack, folder: Path, form: dict[str, Any], county: str = "santa_fe"
) -> None:
    """Load the person of ``form`` from a county voter file that knows only the last four SSN
    digits (``vrs import voters``), as a voter of ``county``."""
    address = form["residence_address"]
    path = folder / f"{county}-voters.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=VOTER_COLUMNS)
        writer.writeheader()
        writer.writerow({
            "source_id": f"SF-{uuid.uuid4().hex[:10]}", "first_name": form["first_name"],
            "middle_name": "", "last_name": form["last_name"], "suffix": "",
            "date_of_birth": form["date_of_birth"], "ssn": "", "ssn_last4": form["ssn"][-4:],
            "gender": "", "street": address["street"], "city": address["city"], "state": "NM",
            "zip": address["zip"], "county": county, "party": "DTS", "status": "active",
            "registered_on": "2016-03-01",
        })  # fmt: skip
    command = [sys.executable, "-m", "vrs_cli.main", "import", "--data-dir", str(stack.data_dir)]
    subprocess.run([*command, "voters", str(path)], check=True, capture_output=True)


def audited_once(auditor: Client, response: Any) -> tuple[str, str, int, str]:
    [entry] = audited(auditor, correlation_id=response.headers["X-Correlation-ID"])
    return entry["action"], entry["outcome"], entry["status_code"], entry["service"]


def test_a_clerk_resolves_weak_matches_and_registration_applies_the_decision(
    stack: Stack,
    clerk: Client,
    auditor: Client,
    paper_form: Callable[..., dict[str, Any]],
    tmp_path: Path,
) -> None:
    reviewer = Client(
        stack.url("matching"),
        stack.token(Role.county_clerk, County.santa_fe, subject=f"clerk-{uuid.uuid4().hex[:8]}"),
    )
    # A voter of the county file, known by the last four SSN digits only; the same person's
    # form, with the full SSN: name, DOB and address agree, the SSN is not stated on both
    # records, so a weak match (SS), never acted on alone.
    namesake = paper_form()
    import_voter_known_by_last_four(stack, tmp_path, namesake)
    second = clerk.post_application(namesake)
    application_id = second.json()["application_id"]
    wait_until(
        lambda: (
            clerk.http.get(f"/v1/applications/{application_id}").json()["state"]
            == "awaiting_review"
        )
    )
    task = task_of(reviewer, application_id)
    assert (task["kind"], task["strength"]) == ("duplicate_same_county", "weak")
    voter_id = task["record_id"]
    assert clerk.http.get(f"/v1/voters/{voter_id}").json()["last_name"] == namesake["last_name"]

    shown = reviewer.http.get(f"/v1/reviews/{task['review_id']}")
    assert shown.status_code == 200
    body = shown.json()
    assert (body["evidence"]["name"], body["evidence"]["ssn"]) == ("agrees", "not_stated")
    assert body["subject_record"]["ssn_last4"] == namesake["ssn"][-4:]
    assert body["candidate_record"]["ssn_last4"] == namesake["ssn"][-4:]
    assert namesake["ssn"] not in shown.text
    assert audited_once(auditor, shown) == (
        "GET /v1/reviews/{review_id}", "allowed", 200, "matching",
    )  # fmt: skip

    resolved = reviewer.http.post(
        f"/v1/reviews/{task['review_id']}/resolution",
        json={"decision": "not_a_match", "note": "Different people: spoke to both"},
    )
    assert (resolved.status_code, resolved.json()["state"]) == (200, "resolved")
    assert audited_once(auditor, resolved) == (
        "POST /v1/reviews/{review_id}/resolution", "allowed", 200, "matching",
    )  # fmt: skip
    new_voter_id = registered(clerk, application_id)["voter_id"]
    assert new_voter_id != voter_id
    assert clerk.http.get(f"/v1/voters/{new_voter_id}").json()["status"] == "active"
    again = reviewer.http.post(
        f"/v1/reviews/{task['review_id']}/resolution", json={"decision": "match"}
    )
    assert again.status_code == 409

    # A voter of Taos's file (last four only) applies in Santa Fe from a new address: the
    # clerk confirms it is the same person, and the Taos record is updated and transferred (A(1)).
    taos_clerk = Client(
        stack.url("registration"), stack.token(Role.county_clerk, County.taos, subject="taos-clerk")
    )
    mover = paper_form()
    import_voter_known_by_last_four(
        stack, tmp_path, {**mover, "residence_address": {**mover["residence_address"], "street": "1 Old Road", "city": "Taos", "zip": "87571"}}, county="taos"
    )  # fmt: skip
    moved = clerk.post_application(mover)
    moved_id = moved.json()["application_id"]
    moved_task = task_of(reviewer, moved_id)
    assert moved_task["kind"] == "duplicate_other_county"
    taos_voter_id = moved_task["record_id"]
    assert taos_clerk.http.get(f"/v1/voters/{taos_voter_id}").json()["county"] == "taos"

    confirmed = reviewer.http.post(
        f"/v1/reviews/{moved_task['review_id']}/resolution", json={"decision": "match"}
    )

    assert confirmed.status_code == 200
    assert registered(clerk, moved_id)["voter_id"] == taos_voter_id
    transferred = clerk.http.get(f"/v1/voters/{taos_voter_id}")
    assert transferred.status_code == 200  # Santa Fe's clerk reads it now: it is Santa Fe's
    record = transferred.json()
    assert (record["county"], record["status"]) == ("santa_fe", "active")
    assert record["history"][-1]["clause"] == "1.10.35.7 X"
    assert taos_clerk.http.get(f"/v1/voters/{taos_voter_id}").status_code == 403
    assert audited_once(auditor, transferred) == (
        "GET /v1/voters/{voter_id}", "allowed", 200, "registration",
    )  # fmt: skip
