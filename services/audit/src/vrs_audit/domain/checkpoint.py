"""Signed checkpoints of the chain: the head's hash after N entries, signed by the audit service.

Whoever rewrites the whole chain (recomputing every hash from the first altered entry on) keeps
the chain consistent, but the head after N entries is then no longer the one a checkpoint
signed, and without the audit service's key no new signature can be made for it.
"""

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Checkpoint:
    """The chain's head after ``entries`` entries, when it was taken, and the signature over the
    three (base64 of an Ed25519 signature of :func:`signed_text`)."""

    entries: int
    head_hash: str
    taken_at: datetime
    signature: str

    @property
    def signed_text(self) -> bytes:
        """What the signature covers."""
        return signed_text(self.entries, self.head_hash, self.taken_at)


def signed_text(entries: int, head_hash: str, taken_at: datetime) -> bytes:
    """The canonical bytes a checkpoint's signature covers: JSON of the count, head and time."""
    return json.dumps(
        {
            "entries": entries,
            "head_hash": head_hash,
            "taken_at": taken_at.astimezone(UTC).isoformat(),
        },
        sort_keys=True,
        separators=(",", ":"),
    ).encode()


@dataclass(frozen=True)
class CheckpointBreak:
    """The first checkpoint the log no longer matches, and why."""

    entries: int
    detail: str


def first_bad_checkpoint(
    checkpoints: Iterable[Checkpoint],
    hash_at: Mapping[int, str],
    signature_holds: Callable[[Checkpoint], bool],
    purged_through: int = 0,
) -> CheckpointBreak | None:
    """The first checkpoint (fewest entries first) whose signature fails, or whose head is no
    longer the stored hash of entry N (``hash_at`` maps ``seq`` to the stored hash), or None
    when every checkpoint holds (1.10.35.8 D(10): the log is kept as written). A checkpoint of
    entries that retention purged (``purged_through``) keeps only its signature to check."""
    last_good = purged_through
    for checkpoint in sorted(set(checkpoints), key=lambda c: (c.entries, c.taken_at)):
        n = checkpoint.entries
        if not signature_holds(checkpoint):
            return CheckpointBreak(n, f"the checkpoint after {n} entries is not validly signed")
        if n <= purged_through:
            continue
        if n not in hash_at:
            return CheckpointBreak(
                n, f"the checkpoint counts {n} entries but entry {n} is no longer in the log"
            )
        if hash_at[n] != checkpoint.head_hash:
            return CheckpointBreak(
                n,
                f"entry {n} no longer has the hash signed after {n} entries: "
                f"entries {last_good + 1}-{n} were rewritten",
            )
        last_good = n
    return None
