"""The access log in PostgreSQL: appended to only as the writer role (docs/adr/0014)."""

from typing import Final

from vrs_plumbing.db import Connection

WRITER_ROLE: Final = "vrs_audit_writer"
"""May only INSERT into and SELECT from the access log and its checkpoints (migration 0002)."""


async def act_as_writer(conn: Connection) -> None:
    """Drop to the writer role until the end of the current transaction, and take the lock that
    serialises appends to the chain."""
    await conn.execute(f"SET LOCAL ROLE {WRITER_ROLE}")
    await conn.execute("SELECT pg_advisory_xact_lock(hashtext('access_log'))")
