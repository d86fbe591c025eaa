"""Verifying the access log: the chain entry by entry, then every signed checkpoint."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vrs_audit.adapters import access_log, checkpoint_file
from vrs_audit.domain.chain import ChainBreak, first_break
from vrs_audit.domain.checkpoint import Checkpoint, CheckpointBreak, first_bad_checkpoint
from vrs_plumbing.db import Connection


class UnverifiableLogError(Exception):
    """The log cannot be verified as asked (e.g. checkpoints but no key to check them)."""


@dataclass(frozen=True)
class Verdict:
    """What verifying found: how many entries and checkpoints, and the first break if any."""

    entries: int
    checkpoints: int
    chain_break: ChainBreak | None
    checkpoint_break: CheckpointBreak | None

    @property
    def intact(self) -> bool:
        """Whether the chain and every checkpoint hold."""
        return self.chain_break is None and self.checkpoint_break is None


async def verify_log(
    conn: Connection,
    signature_holds: Callable[[Checkpoint], bool] | None,
    checkpoint_dir: Path | None,
) -> Verdict:
    """Walk the chain in order, then check the checkpoints stored in the database and those in
    ``checkpoint_dir``'s file; reads only. ``signature_holds`` checks a checkpoint's signature;
    without it, any checkpoint found makes the log unverifiable (:class:`UnverifiableLogError`)."""
    entries = await access_log.read_chain(conn)
    checkpoints = await access_log.read_checkpoints(conn)
    if checkpoint_dir is not None:
        checkpoints += checkpoint_file.read_checkpoints(checkpoint_dir)
    chain_break = first_break(entries)
    if checkpoints and signature_holds is None:
        raise UnverifiableLogError(
            f"{len(checkpoints)} checkpoints found but no public key to check their signatures"
        )
    checkpoint_break = (
        first_bad_checkpoint(
            checkpoints, {int(e["seq"]): str(e["hash"]) for e in entries}, signature_holds
        )
        if signature_holds is not None
        else None
    )
    return Verdict(len(entries), len(set(checkpoints)), chain_break, checkpoint_break)
