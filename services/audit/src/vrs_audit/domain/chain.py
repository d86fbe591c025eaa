"""The hash chain of the access log: each entry carries the hash of its predecessor.

Altering, deleting, reordering or inserting a row breaks the chain at that row; only a rewrite
of every later row hides it, which the periodic signed checkpoints (audit issue) then reveal.
"""

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

GENESIS: Final = "0" * 64
CHAINED_FIELDS: Final = (
    "seq", "event_id", "time", "actor", "role", "county", "service", "action", "resource",
    "outcome", "status_code", "reason", "source_address", "correlation_id",
)  # fmt: skip
DISCLOSED: Final = "voter_ids"
"""The voters whose data the answer disclosed (migration 0003): chained when there are any."""


def entry_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    """SHA-256 over the previous hash and the entry's chained fields, as canonical JSON.

    Takes the predecessor's hash and the entry (any mapping with the CHAINED_FIELDS); returns hex.
    The DISCLOSED voters are covered, in their stored order, when there are any: an entry
    without them hashes as every entry did before the log recorded them.
    """
    covered: list[Any] = [prev_hash, *(_text(entry[f]) for f in CHAINED_FIELDS)]
    if entry.get(DISCLOSED):
        covered.append([str(voter_id) for voter_id in entry[DISCLOSED]])
    canonical = json.dumps(covered, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class Tamper(StrEnum):
    """What was done to the first bad entry, as far as the chain can tell."""

    altered = "altered"
    deleted = "deleted"
    reordered = "reordered"
    inserted = "inserted"


@dataclass(frozen=True)
class ChainBreak:
    """The first entry at which the chain no longer holds: its position ``seq``, what was done
    there, and why the chain says so."""

    seq: int
    tamper: Tamper
    detail: str


def first_break(
    entries: Sequence[Mapping[str, Any]], *, after: int = 0, anchor: str = GENESIS
) -> ChainBreak | None:
    """The first entry whose position, link or hash is wrong, or None if the chain holds
    (1.10.35.8 D(10): the log of all attempts must be kept as written).

    The chain starts after entry ``after``, whose hash was ``anchor``: the genesis, or the
    signed anchor retention left when it purged entries 1..``after`` (docs/adr/0033).

    Entries come in ``seq`` order, each with its stored ``prev_hash`` and ``hash``. The kind is
    read from where a broken link points: a gap in ``seq`` or a link to an entry no longer
    there is a deletion; a link to a later entry is a reordering; a link past the entries before
    it, or a later entry linking to the expected predecessor, is an insertion; a good link with a
    wrong hash is an alteration.
    """
    position_of = {entry["hash"]: index for index, entry in enumerate(entries)}
    expected_prev = anchor
    for index, entry in enumerate(entries):
        seq = int(entry["seq"])
        expected_seq = after + index + 1
        if seq > expected_seq:
            missing = (
                f"entry {expected_seq} is"
                if seq == expected_seq + 1
                else f"entries {expected_seq}-{seq - 1} are"
            )
            return ChainBreak(expected_seq, Tamper.deleted, f"{missing} missing")
        if seq < expected_seq:
            return ChainBreak(seq, Tamper.reordered, f"entry {seq} comes after entry {seq - 1}")
        if entry["prev_hash"] != expected_prev:
            return _broken_link(entries, index, position_of, expected_prev)
        if entry_hash(expected_prev, entry) != entry["hash"]:
            return ChainBreak(seq, Tamper.altered, "its content no longer matches its hash")
        expected_prev = entry["hash"]
    return None


def _broken_link(
    entries: Sequence[Mapping[str, Any]],
    index: int,
    position_of: Mapping[str, int],
    expected_prev: str,
) -> ChainBreak:
    """Why the entry at ``index`` does not link to the entry before it."""
    seq = int(entries[index]["seq"])
    linked = position_of.get(entries[index]["prev_hash"])
    if linked is not None and linked < index:
        first_inserted = int(entries[linked + 1]["seq"])
        return ChainBreak(
            first_inserted,
            Tamper.inserted,
            f"entry {seq} links to entry {linked + 1}: entries from {first_inserted} on were "
            "put between them",
        )
    if linked is not None:
        return ChainBreak(
            seq, Tamper.reordered, f"it links to entry {linked + 1}, which now comes after it"
        )
    if any(later["prev_hash"] == expected_prev for later in entries[index + 1 :]):
        return ChainBreak(
            seq, Tamper.inserted, "a later entry links to its predecessor: it was put between"
        )
    entry = entries[index]
    followed = index + 1 < len(entries) and entries[index + 1]["prev_hash"] == entry["hash"]
    if followed or entry_hash(entry["prev_hash"], entry) == entry["hash"]:
        return ChainBreak(seq, Tamper.deleted, "the entry it links to is no longer in the log")
    return ChainBreak(
        seq, Tamper.inserted, "neither its link nor its hash was written by the chain"
    )


def _text(value: Any) -> str | int | None:
    if value is None or isinstance(value, int):
        return value
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
