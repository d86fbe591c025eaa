"""The access log in PostgreSQL: appended to only as the writer role (docs/adr/0015)."""

from typing import Any, Final

from vrs_audit.domain.chain import CHAINED_FIELDS, DISCLOSED
from vrs_audit.domain.checkpoint import Checkpoint
from vrs_audit.domain.retention import Purge
from vrs_plumbing.db import Connection

WRITER_ROLE: Final = "vrs_audit_writer"
"""May only INSERT into and SELECT from the access log and its checkpoints (migration 0002)."""


async def act_as_writer(conn: Connection) -> None:
    """Drop to the writer role until the end of the current transaction, and take the lock that
    serialises appends to the chain."""
    await conn.execute(f"SET LOCAL ROLE {WRITER_ROLE}")
    await conn.execute("SELECT pg_advisory_xact_lock(hashtext('access_log'))")


async def read_chain(conn: Connection) -> list[dict[str, Any]]:
    """Every entry of the log in ``seq`` order, with the fields the chain covers and its links."""
    columns = ", ".join((*CHAINED_FIELDS, DISCLOSED, "prev_hash", "hash"))
    cursor = await conn.execute(f"SELECT {columns} FROM access_log ORDER BY seq")  # noqa: S608 - constant columns
    return await cursor.fetchall()


async def chain_head(conn: Connection) -> tuple[int, str] | None:
    """The last entry's ``seq`` and hash, or None while the log is empty."""
    row = await (
        await conn.execute("SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1")
    ).fetchone()
    return (int(row["seq"]), str(row["hash"])) if row else None


async def latest_checkpoint_entries(conn: Connection) -> int:
    """How many entries the latest checkpoint covers (0 before the first)."""
    row = await (
        await conn.execute("SELECT coalesce(max(entries), 0) AS n FROM access_log_checkpoint")
    ).fetchone()
    return int(row["n"]) if row else 0


async def add_checkpoint(conn: Connection, checkpoint: Checkpoint) -> None:
    """Store a signed checkpoint."""
    await conn.execute(
        "INSERT INTO access_log_checkpoint (entries, head_hash, taken_at, signature)"
        " VALUES (%s, %s, %s, %s)",
        (checkpoint.entries, checkpoint.head_hash, checkpoint.taken_at, checkpoint.signature),
    )


async def read_checkpoints(conn: Connection) -> list[Checkpoint]:
    """Every stored checkpoint, fewest entries first."""
    cursor = await conn.execute(
        "SELECT entries, head_hash, taken_at, signature FROM access_log_checkpoint ORDER BY entries"
    )
    return [Checkpoint(**row) for row in await cursor.fetchall()]


async def latest_purge(conn: Connection) -> Purge | None:
    """The purge that removed the most entries, or None while retention has removed none."""
    row = await (
        await conn.execute(
            "SELECT purged_through, head_hash, newest_purged, purged_at, signature"
            " FROM access_log_purge ORDER BY purged_through DESC LIMIT 1"
        )
    ).fetchone()
    return Purge(**row) if row else None


async def remove_entries_through(conn: Connection, purge: Purge) -> int:
    """Record ``purge`` and remove entries 1..``purge.purged_through`` through the trigger's
    maintenance path (migration 0002); returns how many were removed."""
    await conn.execute("SET LOCAL vrs_audit.maintenance = 'on'")
    await conn.execute(
        "INSERT INTO access_log_purge (purged_through, head_hash, newest_purged, purged_at,"
        " signature) VALUES (%s, %s, %s, %s, %s)",
        (
            purge.purged_through,
            purge.head_hash,
            purge.newest_purged,
            purge.purged_at,
            purge.signature,
        ),
    )
    removed = await conn.execute("DELETE FROM access_log WHERE seq <= %s", (purge.purged_through,))
    await conn.execute("SET LOCAL vrs_audit.maintenance = 'off'")
    return removed.rowcount
