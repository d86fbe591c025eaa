"""The access log's hash chain names the first altered, deleted, reordered or inserted entry."""

from datetime import UTC, datetime
from typing import Any

from vrs_audit.domain.chain import GENESIS, entry_hash, first_broken_entry


def chain(n: int) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    prev = GENESIS
    for seq in range(1, n + 1):
        entry: dict[str, Any] = {
            "seq": seq, "event_id": f"e{seq}", "time": datetime(2026, 1, 1, tzinfo=UTC), "actor": "ana",
            "role": "county_clerk", "county": "taos", "service": "registration", "action": "GET /v1/voters/{voter_id}",
            "resource": f"/v1/voters/{seq}", "outcome": "allowed", "status_code": 200, "reason": None,
            "source_address": "127.0.0.1", "correlation_id": f"c{seq}",
        }  # fmt: skip
        entry["prev_hash"], entry["hash"] = prev, entry_hash(prev, entry)
        prev = entry["hash"]
        entries.append(entry)
    return entries


def test_an_intact_chain_verifies() -> None:
    assert first_broken_entry(chain(5)) is None


def test_an_altered_entry_is_named() -> None:
    entries = chain(5)
    entries[2]["actor"] = "someone else"
    assert first_broken_entry(entries) == 3


def test_a_deleted_entry_is_named_by_its_successor() -> None:
    entries = chain(5)
    del entries[1]
    assert first_broken_entry(entries) == 3


def test_reordered_entries_are_named() -> None:
    entries = chain(5)
    entries[1], entries[2] = entries[2], entries[1]
    assert first_broken_entry(entries) == 3


def test_an_inserted_entry_is_named() -> None:
    entries = chain(5)
    forged = dict(entries[1], event_id="forged")
    entries.insert(2, forged)
    assert first_broken_entry(entries) == 2
