"""The statewide duplicate sweep end to end (1.10.35.7 L, JJ): one person registered in two
counties, with the same full SSN, name and date of birth, is found by ``vrs sweep``, confirmed
as a strong match without a clerk, and registration cancels the earlier registration
(docs/adr/0012), with its status history."""

import csv
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Client, wait_until
from vrs_cli.example import synthetic_ssn
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_embedded.stack import Stack
from vrs_registration.domain.voter_file import VOTER_COLUMNS

pytestmark = pytest.mark.e2e
VRS = [sys.executable, "-m", "vrs_cli.main"]


def county_file(folder: Path, county: str, row: dict[str, str]) -> Path:
    """A county's voter file holding one voter."""
    path = folder / f"{county}-voters.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=VOTER_COLUMNS)
        writer.writeheader()
        writer.writerow(row)
    return path


def swept_pair(stack: Stack, out: Path, source_ids: set[str]) -> dict[str, str] | None:
    """Run ``vrs sweep --out`` against the stack; the row of the pair of ``source_ids``, if the
    sweep found it (the voters reach matching's projection through Kafka, a moment after
    their import)."""
    subprocess.run(
        [*VRS, "sweep", "--out", str(out), "--data-dir", str(stack.data_dir)],
        check=True,
        capture_output=True,
    )
    with out.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    return next((r for r in rows if {r["source_id_a"], r["source_id_b"]} == source_ids), None)


def test_l_the_sweep_cancels_the_earlier_of_two_registrations_of_one_person(
    stack: Stack, tmp_path: Path, submitted_ssns: set[str]
) -> None:
    ssn = synthetic_ssn()
    submitted_ssns.add(ssn)
    person = {
        "first_name": "Serafina", "middle_name": "", "last_name": f"Sweep{uuid.uuid4().hex[:8]}",
        "suffix": "", "date_of_birth": "1969-10-04", "ssn": ssn, "ssn_last4": "", "gender": "F",
        "state": "NM", "party": "DTS", "status": "active",
    }  # fmt: skip
    santa_fe_id, taos_id = f"SF-{uuid.uuid4().hex[:10]}", f"TA-{uuid.uuid4().hex[:10]}"
    earlier = {**person, "source_id": santa_fe_id, "county": "santa_fe", "street": "8 Canyon Rd",
               "city": "Santa Fe", "zip": "87501", "registered_on": "2010-04-05"}  # fmt: skip
    later = {**person, "source_id": taos_id, "county": "taos", "street": "2 Ranchitos Rd",
             "city": "Taos", "zip": "87571", "registered_on": "2022-08-09"}  # fmt: skip
    for county, row in (("santa_fe", earlier), ("taos", later)):
        path = county_file(tmp_path, county, row)
        command = [*VRS, "import", "voters", str(path), "--data-dir", str(stack.data_dir)]
        subprocess.run(command, check=True, capture_output=True)
    out = tmp_path / "pairs.csv"

    row: dict[str, str] = wait_until(lambda: swept_pair(stack, out, {santa_fe_id, taos_id}))

    assert (row["source_id_a"], row["source_id_b"]) == (santa_fe_id, taos_id)
    assert (row["strength"], row["kind"], row["action"]) == (
        "strong", "duplicate_other_county", "confirmed",
    )  # fmt: skip
    assert float(row["score"]) > 0.99
    assert (row["county_a"], row["county_b"]) == ("santa_fe", "taos")
    assert ssn not in out.read_text()
    santa_fe = Client(
        stack.url("registration"), stack.token(Role.county_clerk, County.santa_fe, subject="sf")
    )
    taos = Client(stack.url("registration"), stack.token(Role.county_clerk, County.taos))

    cancelled: dict[str, Any] = wait_until(
        lambda: (
            (v := santa_fe.http.get(f"/v1/voters/{row['voter_id_a']}").json())["status"]
            == "cancelled"
            and v
        )
    )

    assert cancelled["status_reason"] == "moved_outside_county"
    last = cancelled["history"][-1]
    assert (last["old_status"], last["new_status"], last["clause"]) == (
        "active", "cancelled", "1.10.35.7 L",
    )  # fmt: skip
    survivor = taos.http.get(f"/v1/voters/{row['voter_id_b']}").json()
    assert (survivor["status"], survivor["county"]) == ("active", "taos")
    again = swept_pair(stack, out, {santa_fe_id, taos_id})
    assert again is None or again["action"] == "already_raised"


def mistyped(ssn: str) -> str:
    """The SSN with its last two digits swapped, or its last digit changed when they are equal."""
    if ssn[7] != ssn[8]:
        return ssn[:7] + ssn[8] + ssn[7]
    return ssn[:8] + str((int(ssn[8]) + 1) % 10)


def test_a1_one_person_whose_ssn_was_mistyped_in_one_county_goes_to_a_clerk_unchanged(
    stack: Stack, tmp_path: Path, submitted_ssns: set[str]
) -> None:
    ssn = synthetic_ssn()
    swapped = mistyped(ssn)
    submitted_ssns.update({ssn, swapped})
    person = {
        "first_name": "Teodora", "middle_name": "", "last_name": f"Typo{uuid.uuid4().hex[:8]}",
        "suffix": "", "date_of_birth": "1977-02-14", "ssn_last4": "", "gender": "F",
        "state": "NM", "party": "DTS", "status": "active", "registered_on": "2012-01-09",
    }  # fmt: skip
    santa_fe_id, taos_id = f"SF-{uuid.uuid4().hex[:10]}", f"TA-{uuid.uuid4().hex[:10]}"
    rows = {
        "santa_fe": {**person, "ssn": ssn, "source_id": santa_fe_id, "county": "santa_fe",
                     "street": "8 Canyon Rd", "city": "Santa Fe", "zip": "87501"},
        "taos": {**person, "ssn": swapped, "source_id": taos_id, "county": "taos",
                 "street": "2 Ranchitos Rd", "city": "Taos", "zip": "87571"},
    }  # fmt: skip
    for county, row in rows.items():
        path = county_file(tmp_path, county, row)
        command = [*VRS, "import", "voters", str(path), "--data-dir", str(stack.data_dir)]
        subprocess.run(command, check=True, capture_output=True)
    out = tmp_path / "pairs.csv"

    found: dict[str, str] = wait_until(lambda: swept_pair(stack, out, {santa_fe_id, taos_id}))

    assert (found["strength"], found["kind"], found["action"]) == (
        "weak", "duplicate_other_county", "reviewed",
    )  # fmt: skip
    assert ssn not in out.read_text()
    assert swapped not in out.read_text()
    santa_fe = Client(
        stack.url("registration"), stack.token(Role.county_clerk, County.santa_fe, subject="sf")
    )
    assert santa_fe.http.get(f"/v1/voters/{found['voter_id_a']}").json()["status"] == "active"
