"""Operators scale matching at election peaks (DESIGN.md, "Running it"): a second replica joins
the consumer group, the partitions are shared between the two, every application is matched
once, and when the replica leaves the first takes its partitions back."""

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.e2e.conftest import Client, registered, wait_until
from vrs_contracts.topics import APPLICATIONS
from vrs_embedded.ports import free_port
from vrs_embedded.processes import ManagedProcess, http_ok
from vrs_embedded.services import SERVICES
from vrs_embedded.stack import Stack

pytestmark = pytest.mark.e2e

PARTITIONS = {0, 1, 2, 3}


def latest_assignment(log_path: Path) -> set[int] | None:
    """The partitions of the applications topic the matching group last gave this process."""
    assigned = None
    for line in log_path.read_text(errors="replace").splitlines():
        if '"partitions assigned"' not in line:
            continue
        record = json.loads(line)
        if record.get("group") == "matching":
            assigned = set(record["partitions"].get(APPLICATIONS.name, []))
    return assigned


def shared_between(*logs: Path) -> list[set[int]] | None:
    """Each process's partitions, once together they hold every partition exactly once."""
    assignments = [latest_assignment(log) for log in logs]
    if any(a is None or not a for a in assignments):
        return None
    held = [a for a in assignments if a is not None]
    if sorted(p for a in held for p in a) != sorted(PARTITIONS):
        return None
    return held


@pytest.fixture
def second_matching(stack: Stack, tmp_path: Path) -> Iterator[ManagedProcess]:
    """Another matching process of the same stack: same database and group, its own port."""
    [spec] = [spec for spec in SERVICES if spec.name == "matching"]
    port = free_port()
    replica = ManagedProcess(
        "matching-2",
        spec.command("serve"),
        env={**stack.service_env("matching"), "VRS_HTTP_PORT": str(port)},
        log_path=tmp_path / "matching-2.log",
        probe=lambda: http_ok(f"http://{stack.host}:{port}/healthz"),
    )
    replica.start(action="serve")
    yield replica
    replica.stop()


def matched_applications(stack: Stack, application_ids: list[str]) -> int:
    with psycopg.connect(stack.database_url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM matching.match_results WHERE application_id = ANY(%s::uuid[])",
            (application_ids,),
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_a_second_matching_replica_shares_the_partitions_and_every_application_is_matched_once(
    stack: Stack,
    clerk: Client,
    paper_form: Callable[..., dict[str, Any]],
    second_matching: ManagedProcess,
) -> None:
    second_matching.wait_ready(stack.ready_timeout)
    first, second = wait_until(
        lambda: shared_between(stack.log_path("matching"), second_matching.log_path), timeout=90
    )
    assert first | second == PARTITIONS

    during = [clerk.post_application(paper_form()).json()["application_id"] for _ in range(12)]
    for application_id in during:
        assert registered(clerk, application_id)["voter_id"]
    assert matched_applications(stack, during) == len(during)

    second_matching.stop()
    wait_until(lambda: latest_assignment(stack.log_path("matching")) == PARTITIONS, timeout=90)
    after = [clerk.post_application(paper_form()).json()["application_id"] for _ in range(4)]
    for application_id in after:
        assert registered(clerk, application_id)["voter_id"]
    assert matched_applications(stack, during + after) == len(during) + len(after)
