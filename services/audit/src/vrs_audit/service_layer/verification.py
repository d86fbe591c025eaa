"""Verifying the access log: the chain entry by entry, then every signed checkpoint."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from psycopg import AsyncConnection, IsolationLevel
from psycopg.rows import dict_row

from vrs_audit.adapters import access_log, checkpoint_file
from vrs_audit.adapters.checkpoint_signing import Signed
from vrs_audit.domain.chain import GENESIS, ChainBreak, Tamper, first_break
from vrs_audit.domain.checkpoint import CheckpointBreak, first_bad_checkpoint
from vrs_audit.domain.retention import Purge, purge_was_lawful
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
    bad_event_id: UUID | None = None
    """The event id of the entry now at the chain break's position, if there is one."""
    purged_through: int = 0
    """Entries 1..N were removed by retention, under a valid signed anchor."""

    @property
    def intact(self) -> bool:
        """Whether the chain and every checkpoint hold."""
        return self.chain_break is None and self.checkpoint_break is None


async def verify_log(
    conn: Connection,
    signature_holds: Callable[[Signed], bool] | None,
    checkpoint_dir: Path | None,
) -> Verdict:
    """Walk the chain in order from its start (the genesis, or the signed anchor of the latest
    retention purge), then check the checkpoints stored in the database and those in
    ``checkpoint_dir``'s file; reads only. ``signature_holds`` checks a signature; without it,
    any checkpoint or purge found makes the log unverifiable (:class:`UnverifiableLogError`)."""
    entries = await access_log.read_chain(conn)
    checkpoints = await access_log.read_checkpoints(conn)
    purge = await access_log.latest_purge(conn)
    if checkpoint_dir is not None:
        checkpoints += checkpoint_file.read_checkpoints(checkpoint_dir)
    if (checkpoints or purge) and signature_holds is None:
        raise UnverifiableLogError(
            f"{len(checkpoints)} checkpoints and {int(purge is not None)} purges found but no "
            "public key to check their signatures"
        )
    purged_through = purge.purged_through if purge else 0
    chain_break = _bad_purge(purge, signature_holds) or first_break(
        entries, after=purged_through, anchor=purge.head_hash if purge else GENESIS
    )
    checkpoint_break = (
        first_bad_checkpoint(
            checkpoints,
            {int(e["seq"]): str(e["hash"]) for e in entries},
            signature_holds,
            purged_through,
        )
        if signature_holds is not None
        else None
    )
    at_break = [e for e in entries if chain_break is not None and e["seq"] == chain_break.seq]
    return Verdict(
        len(entries),
        len(set(checkpoints)),
        chain_break,
        checkpoint_break,
        at_break[0]["event_id"] if at_break else None,
        purged_through,
    )


def _bad_purge(
    purge: Purge | None, signature_holds: Callable[[Signed], bool] | None
) -> ChainBreak | None:
    """Why the latest purge's anchor cannot be trusted, if it cannot: it was not signed with the
    audit service's key, or it removed entries the law still keeps."""
    if purge is None or signature_holds is None:
        return None
    removed = f"entries 1-{purge.purged_through} are missing"
    if not signature_holds(purge):
        return ChainBreak(1, Tamper.deleted, f"{removed}: their purge is not validly signed")
    if not purge_was_lawful(purge):
        return ChainBreak(
            1, Tamper.deleted, f"{removed}: their purge removed entries younger than six years"
        )
    return None


async def verify_database(
    database_url: str,
    schema: str,
    signature_holds: Callable[[Signed], bool] | None,
    checkpoint_dir: Path | None,
) -> Verdict:
    """:func:`verify_log` on one read-only, repeatable-read snapshot of the database."""
    async with await AsyncConnection[dict[str, Any]].connect(
        database_url, row_factory=dict_row, options=f"-c search_path={schema}"
    ) as conn:
        await conn.set_read_only(True)
        await conn.set_isolation_level(IsolationLevel.REPEATABLE_READ)
        async with conn.transaction():
            return await verify_log(conn, signature_holds, checkpoint_dir)
