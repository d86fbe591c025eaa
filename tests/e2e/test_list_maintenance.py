"""List maintenance end to end: a DOH death list loaded with ``vrs import deaths``; a strong match
makes the voter removable at once (1.10.35.9 E(1)); a weak one changes nothing until the county
clerk confirms it (1.10.35.7 SS, X), and every step of the clerk's is audited."""

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
from vrs_matching.domain.feed_files import DEATH_COLUMNS

pytestmark = pytest.mark.e2e


def import_deaths(stack: Stack, folder: Path, people: list[dict[str, Any]]) -> None:
    """Load a DOH death list holding ``people`` (paper forms; ``ssn`` None leaves it out)."""
    path = folder / f"deaths-{uuid.uuid4().hex[:6]}.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=DEATH_COLUMNS)
        writer.writeheader()
        for person in people:
            writer.writerow({
                "first_name": person["first_name"], "middle_name": "",
                "last_name": person["last_name"], "suffix": "",
                "date_of_birth": person["date_of_birth"], "ssn": person["ssn"] or "",
                "date_of_death": "2026-10-01", "county": "santa_fe", "source": "doh",
            })  # fmt: skip
    command = [sys.executable, "-m", "vrs_cli.main", "import", "--data-dir", str(stack.data_dir)]
    subprocess.run([*command, "deaths", str(path)], check=True, capture_output=True)


def voter(clerk: Client, voter_id: str) -> dict[str, Any]:
    answer: dict[str, Any] = clerk.http.get(f"/v1/voters/{voter_id}").json()
    return answer


def test_a_death_list_removes_a_strong_match_and_a_clerk_decides_a_weak_one(
    stack: Stack,
    clerk: Client,
    auditor: Client,
    paper_form: Callable[..., dict[str, Any]],
    tmp_path: Path,
) -> None:
    clerk_name = f"clerk-{uuid.uuid4().hex[:8]}"
    reviewer = Client(
        stack.url("matching"), stack.token(Role.county_clerk, County.santa_fe, subject=clerk_name)
    )
    deceased, namesake = paper_form(), paper_form()
    ids = []
    for form in (deceased, namesake):
        answer = clerk.post_application(form)
        assert answer.status_code == 201, answer.text
        ids.append(registered(clerk, answer.json()["application_id"])["voter_id"])
    deceased_id, namesake_id = ids

    # The DOH states the first voter's name, DOB and SSN (strong), and only the second's name
    # and DOB (weak: two of four).
    import_deaths(stack, tmp_path, [deceased, {**namesake, "ssn": None}])

    removed = wait_until(
        lambda: (v := voter(clerk, deceased_id))["status"] == "removable" and v, timeout=60
    )
    assert removed["status_reason"] == "deceased"
    assert removed["history"][-1]["clause"] == "1.10.35.9 E(1)"
    task = wait_until(
        lambda: next(
            (
                t
                for t in reviewer.http.get("/v1/reviews", params={"kind": "deceased"}).json()
                if t["subject_id"] == namesake_id
            ),
            None,
        )
    )
    assert (task["subject"], task["strength"]) == ("voter", "weak")
    assert voter(clerk, namesake_id)["status"] == "active"  # nothing on a weak match alone

    confirmed = reviewer.http.post(
        f"/v1/reviews/{task['review_id']}/resolution",
        json={"decision": "match", "note": "Death certificate seen"},
    )

    assert confirmed.status_code == 200, confirmed.text
    [entry] = audited(auditor, correlation_id=confirmed.headers["X-Correlation-ID"])
    assert (entry["action"], entry["outcome"], entry["actor"]) == (
        "POST /v1/reviews/{review_id}/resolution", "allowed", clerk_name,
    )  # fmt: skip
    after = wait_until(lambda: (v := voter(clerk, namesake_id))["status"] == "removable" and v)
    assert (after["status_reason"], after["history"][-1]["clause"]) == (
        "deceased", "1.10.35.9 E(1)",
    )  # fmt: skip
    assert deceased["ssn"] not in reviewer.http.get(f"/v1/reviews/{task['review_id']}").text
