"""Demo data: a small, plainly made-up set, the same in every folder, loaded through the real
importers on the first start of a new data folder that asks for it, and never again."""

import csv
import stat
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from vrs_contracts.vocabulary import Role
from vrs_embedded import SERVICES, ServiceSpec, Stack
from vrs_embedded.demo import (
    PEOPLE,
    VOTERS,
    DemoMarker,
    demo_licence,
    demo_people,
    mvd_rows,
    voter_rows,
    write_demo_files,
)
from vrs_embedded.layout import DataLayout
from vrs_matching.bootstrap import SPEC as MATCHING
from vrs_plumbing.migrations import upgrade
from vrs_registration.bootstrap import SPEC as REGISTRATION
from vrs_registration.domain.rules import invalid_ssn_series


def test_the_demo_set_is_the_same_every_time_and_plainly_made_up() -> None:
    people = demo_people()
    demo_people.cache_clear()

    assert demo_people() == people
    assert len(people) == PEOPLE == 300
    assert all(person.last_name.startswith("Demo ") for person in people)
    assert len({(p.first_name, p.last_name) for p in people}) == 300
    assert len({p.ssn for p in people}) == 300
    assert all(len(p.ssn) == 9 and not invalid_ssn_series(p.ssn) for p in people)
    assert all(p.mvd_id.startswith("DEMO") for p in people)


def test_200_voters_in_three_counties_and_300_licences_the_printed_one_not_registered() -> None:
    voters = voter_rows()
    licences = mvd_rows()

    assert len(voters) == VOTERS == 200
    assert Counter(row["county"] for row in voters) == {
        "Bernalillo": 67,
        "Santa Fe": 67,
        "Doña Ana": 66,
    }
    assert len(licences) == 300
    assert len({row["source_id"] for row in voters}) == 200
    assert sum(1 for row in voters if not row["ssn"] and row["ssn_last4"]) == 20
    assert Counter(row["precinct"] for row in voters) == {
        "001": 50, "002": 50, "003": 50, "004": 40, "": 10,
    }  # fmt: skip
    licence = demo_licence()
    assert licence.mvd_id in {row["mvd_id"] for row in licences}
    registered = {(row["first_name"], row["last_name"]) for row in voters}
    assert (licence.first_name, licence.last_name) not in registered
    assert licence.county_code == "dona_ana"


def test_the_demo_files_are_written_for_their_owner_only(tmp_path: Path) -> None:
    mvd, voters = write_demo_files(tmp_path)

    for path in (mvd, voters):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with voters.open(newline="", encoding="utf-8") as handle:
        assert list(csv.DictReader(handle)) == voter_rows()


@pytest.mark.parametrize(
    ("marker", "new_folder", "wanted", "due", "after"),
    [
        (None, True, True, True, "pending"),  # the first start of a new folder asks for it
        (None, True, False, False, None),  # --no-demo on the first start: never
        (None, False, True, False, None),  # an older folder, or one first started without it
        ("pending", False, True, True, "pending"),  # a first start that did not finish
        ("pending", False, False, False, "pending"),  # ... skipped this time, still due
        ("loaded", False, True, False, "loaded"),  # loaded once is loaded
    ],
)
def test_the_marker_decides_whether_a_start_loads_the_demo_data(
    tmp_path: Path, marker: str | None, new_folder: bool, wanted: bool, due: bool, after: str | None
) -> None:
    layout = DataLayout.of(tmp_path)
    if marker is not None:
        layout.demo_marker.write_text(marker + "\n")
    demo = DemoMarker(layout)

    assert demo.due(new_folder=new_folder, wanted=wanted) is due
    assert demo.state() == after


@pytest.fixture
def migrated_db(database_url: str) -> str:
    """A database with registration's and matching's schemas, which the importers load into."""
    upgrade(database_url, REGISTRATION.schema, REGISTRATION.migrations)
    upgrade(database_url, MATCHING.schema, MATCHING.migrations)
    return database_url


def counts(database_url: str) -> dict[str, int]:
    queries = {
        "voters": "SELECT count(*) FROM registration.voters",
        "history": "SELECT count(*) FROM registration.voter_status_history",
        "events": "SELECT count(*) FROM registration.outbox",
        "vault": "SELECT count(*) FROM registration.ssn_vault",
        "mvd": "SELECT count(*) FROM matching.mvd_records",
    }
    with psycopg.connect(database_url) as conn:
        found = {name: conn.execute(query).fetchone() for name, query in queries.items()}
    return {name: int(row[0]) if row else 0 for name, row in found.items()}


def test_the_first_start_loads_the_demo_data_through_the_importers_and_a_second_does_not(
    data_dir: Path, migrated_db: str, fake_services: Sequence[ServiceSpec]
) -> None:
    with Stack.with_free_ports(
        data_dir, services=fake_services, database=migrated_db, demo_data=True
    ) as stack:
        first = counts(migrated_db)
        licence = stack.demo_licence

    assert first == {"voters": 200, "history": 200, "events": 200, "vault": 180, "mvd": 300}
    assert (data_dir / "demo-data").read_text() == "loaded\n"
    assert licence == demo_licence()
    log = (data_dir / "logs" / "demo.log").read_text()
    assert log.count("=====") == 4, "two imports, one header line each"
    assert "vrs import mvd" in log
    assert "300 rows read, 300 loaded" in log
    assert "200 rows read, 200 loaded (200 new, 0 unchanged), 0 rejected" in log
    assert not list((data_dir / "run").glob("demo-*")), "the demo files are gone"
    for person in demo_people():
        assert person.ssn not in log

    with Stack.with_free_ports(
        data_dir, services=fake_services, database=migrated_db, demo_data=True
    ) as stack:
        assert stack.demo_licence == demo_licence()

    assert counts(migrated_db) == first
    assert (data_dir / "logs" / "demo.log").read_text() == log, "not imported again"


def test_a_stack_that_does_not_ask_for_demo_data_loads_none_now_or_later(
    data_dir: Path, migrated_db: str, fake_services: Sequence[ServiceSpec]
) -> None:
    with Stack.with_free_ports(data_dir, services=fake_services, database=migrated_db) as stack:
        assert stack.demo_licence is None

    with Stack.with_free_ports(
        data_dir, services=fake_services, database=migrated_db, demo_data=True
    ) as stack:
        assert stack.demo_licence is None

    assert counts(migrated_db) == {"voters": 0, "history": 0, "events": 0, "vault": 0, "mvd": 0}
    assert not (data_dir / "demo-data").exists()


def test_demo_data_that_cannot_load_fails_the_start_by_name_and_stays_due(
    data_dir: Path, database_url: str, fake_services: Sequence[ServiceSpec]
) -> None:
    stack = Stack.with_free_ports(
        data_dir, services=fake_services, database=database_url, demo_data=True
    )

    with pytest.raises(Exception, match=r"demo data \(mvd\)") as failed:
        stack.start()

    assert "run matching's migrations first" in str(failed.value)
    assert not stack.started
    assert (data_dir / "demo-data").read_text() == "pending\n"


def wait_until(condition: Callable[[], Any], timeout: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached within {timeout} s")
        time.sleep(0.25)
    return value


@pytest.mark.e2e
def test_the_demo_voters_reach_matchings_projection_and_the_demo_licence_passes_the_check(
    data_dir: Path,
) -> None:
    services = [spec for spec in SERVICES if spec.name in {"registration", "matching"}]
    with Stack.with_free_ports(data_dir, services=services, demo_data=True) as stack:

        def projected() -> int:
            with psycopg.connect(stack.database_url) as conn:
                row = conn.execute("SELECT count(*) FROM matching.voter_projection").fetchone()
            return int(row[0]) if row and int(row[0]) == 200 else 0

        assert wait_until(projected) == 200
        licence = stack.demo_licence
        assert licence is not None
        answer = httpx.post(
            stack.url("registration") + "/v1/identity-checks",
            headers={"Authorization": f"Bearer {stack.token(Role.ovr_portal)}"},
            json={
                "mvd_id": licence.mvd_id,
                "ssn": licence.ssn,
                "date_of_birth": licence.date_of_birth.isoformat(),
            },
            timeout=15,
            trust_env=False,
        )
        assert answer.status_code == 201, answer.text
        assert answer.json()["matched"] is True
