"""The access log's hash chain names the first altered, deleted, reordered or inserted entry,
and what was done to it."""

from datetime import UTC, datetime
from typing import Any
from unittest.mock import ANY
from uuid import uuid4

from vrs_audit.domain.chain import GENESIS, ChainBreak, Tamper, entry_hash, first_break


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


def renumbered(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries with ``seq`` 1..n, as someone hiding a deletion or insertion would leave them."""
    return [dict(entry, seq=seq) for seq, entry in enumerate(entries, start=1)]


def forged(after: dict[str, Any], seq: int) -> dict[str, Any]:
    """An entry linked to ``after`` with a correctly computed hash: the best a forger can do."""
    entry = dict(after, seq=seq, event_id="forged", actor="nobody")
    entry["prev_hash"] = after["hash"]
    entry["hash"] = entry_hash(after["hash"], entry)
    return entry


def test_an_intact_chain_verifies() -> None:
    assert first_break(chain(5)) is None


def test_an_empty_chain_verifies() -> None:
    assert first_break([]) is None


def test_an_altered_entry_is_named() -> None:
    entries = chain(5)
    entries[2]["actor"] = "someone else"
    assert first_break(entries) == ChainBreak(3, Tamper.altered, ANY)


def test_the_voters_an_entry_disclosed_are_chained() -> None:
    entries = chain(3)
    entries[1]["voter_ids"] = [uuid4()]
    entries[1]["hash"] = entry_hash(entries[1]["prev_hash"], entries[1])
    entries[2]["prev_hash"] = entries[1]["hash"]
    entries[2]["hash"] = entry_hash(entries[2]["prev_hash"], entries[2])
    assert first_break(entries) is None

    entries[1]["voter_ids"] = []

    assert first_break(entries) == ChainBreak(2, Tamper.altered, ANY)


def test_an_entry_disclosing_no_voter_hashes_as_before_the_log_recorded_voters() -> None:
    entry = chain(1)[0]
    assert entry_hash(GENESIS, {**entry, "voter_ids": []}) == entry_hash(GENESIS, entry)


def test_a_deleted_entry_is_named_by_its_position() -> None:
    entries = chain(5)
    del entries[1]
    assert first_break(entries) == ChainBreak(2, Tamper.deleted, "entry 2 is missing")


def test_a_deletion_hidden_by_renumbering_is_named_at_the_gap() -> None:
    entries = chain(5)
    del entries[1]
    assert first_break(renumbered(entries)) == ChainBreak(2, Tamper.deleted, ANY)


def test_reordered_entries_are_named() -> None:
    entries = chain(5)
    entries[1], entries[2] = entries[2], entries[1]
    assert first_break(renumbered(entries)) == ChainBreak(2, Tamper.reordered, ANY)


def test_an_entry_moved_later_is_named_where_it_was() -> None:
    entries = chain(5)
    entries.insert(3, entries.pop(1))
    assert first_break(renumbered(entries)) == ChainBreak(2, Tamper.reordered, ANY)


def test_a_well_forged_inserted_entry_is_named() -> None:
    entries = chain(5)
    entries.insert(2, forged(entries[1], 3))
    assert first_break(renumbered(entries)) == ChainBreak(3, Tamper.inserted, ANY)


def test_a_carelessly_inserted_entry_is_named() -> None:
    entries = chain(5)
    entries.insert(2, dict(entries[1], event_id="forged", prev_hash="f" * 64, hash="e" * 64))
    assert first_break(renumbered(entries)) == ChainBreak(3, Tamper.inserted, ANY)


def test_an_entry_appended_without_the_chain_is_named() -> None:
    entries = chain(3)
    entries.append(dict(entries[2], seq=4, event_id="forged", prev_hash="f" * 64, hash="e" * 64))
    assert first_break(entries) == ChainBreak(4, Tamper.inserted, ANY)
