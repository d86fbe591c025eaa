"""Retention of the access log: an entry is kept at least as long as the law keeps the records it
concerns; the longest is six years, for the certificate of a cancelled registration (1.10.35.9
A(9)). Older entries may be purged from the start of the chain only, and
the purge leaves a signed anchor from which the rest of the chain is verified (docs/adr/0033)."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

LEGAL_MINIMUM_DAYS: Final = 6 * 366
"""Six years, counted with a leap day in each, so no entry goes a day early."""


def purge_cutoff(now: datetime, retention_days: int) -> datetime:
    """Entries from before this instant may be purged: ``retention_days`` before ``now``, but
    never fewer days than the law's six years (1.10.35.9 A(9))."""
    return now - timedelta(days=max(retention_days, LEGAL_MINIMUM_DAYS))


@dataclass(frozen=True)
class Purge:
    """Entries 1..``purged_through`` were removed at ``purged_at``; the newest of them dated from
    ``newest_purged``; entry ``purged_through`` had hash ``head_hash``, to which the first entry
    kept links. Signed like a checkpoint (base64 Ed25519 over :attr:`signed_text`)."""

    purged_through: int
    head_hash: str
    newest_purged: datetime
    purged_at: datetime
    signature: str

    @property
    def signed_text(self) -> bytes:
        """What the signature covers."""
        return purge_text(self.purged_through, self.head_hash, self.newest_purged, self.purged_at)


def purge_text(
    purged_through: int, head_hash: str, newest_purged: datetime, purged_at: datetime
) -> bytes:
    """The canonical bytes a purge's signature covers."""
    return json.dumps(
        {
            "purged_through": purged_through,
            "head_hash": head_hash,
            "newest_purged": newest_purged.astimezone(UTC).isoformat(),
            "purged_at": purged_at.astimezone(UTC).isoformat(),
        },
        sort_keys=True,
        separators=(",", ":"),
    ).encode()


def purge_was_lawful(purge: Purge) -> bool:
    """Whether every entry the purge removed was older than the law's six years when removed."""
    return purge.newest_purged <= purge.purged_at - timedelta(days=LEGAL_MINIMUM_DAYS)
