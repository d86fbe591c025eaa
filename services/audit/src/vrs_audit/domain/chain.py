"""The hash chain of the access log: each entry carries the hash of its predecessor.

Altering, deleting, reordering or inserting a row breaks the chain at that row; only a rewrite
of every later row hides it, which the periodic signed checkpoints (audit issue) then reveal.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any, Final

GENESIS: Final = "0" * 64
CHAINED_FIELDS: Final = (
    "seq", "event_id", "time", "actor", "role", "county", "service", "action", "resource",
    "outcome", "status_code", "reason", "source_address", "correlation_id",
)  # fmt: skip


def entry_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    """SHA-256 over the previous hash and the entry's chained fields, as canonical JSON.

    Takes the predecessor's hash and the entry (any mapping with the CHAINED_FIELDS); returns hex.
    """
    canonical = json.dumps(
        [prev_hash, *(_text(entry[f]) for f in CHAINED_FIELDS)], separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def first_broken_entry(entries: Iterable[Mapping[str, Any]]) -> int | None:
    """The ``seq`` of the first entry whose link or hash is wrong, or None if the chain holds.

    Entries must come in ``seq`` order, each with its stored ``prev_hash`` and ``hash``.
    """
    expected_prev = GENESIS
    expected_seq = 1
    for entry in entries:
        if entry["seq"] != expected_seq or entry["prev_hash"] != expected_prev:
            return int(entry["seq"])
        if entry_hash(expected_prev, entry) != entry["hash"]:
            return int(entry["seq"])
        expected_prev = entry["hash"]
        expected_seq += 1
    return None


def _text(value: Any) -> str | int | None:
    if value is None or isinstance(value, int):
        return value
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
