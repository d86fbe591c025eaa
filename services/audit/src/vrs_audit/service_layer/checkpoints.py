"""Taking a signed checkpoint of the chain's head (docs/adr/0015)."""

from datetime import UTC, datetime
from pathlib import Path

from vrs_audit.adapters.access_log import (
    act_as_writer,
    add_checkpoint,
    chain_head,
    latest_checkpoint_entries,
)
from vrs_audit.adapters.checkpoint_file import append_checkpoint
from vrs_audit.adapters.checkpoint_signing import sign_checkpoint
from vrs_plumbing.db import Connection


async def take_checkpoint(
    conn: Connection, private_key_pem: bytes, out_dir: Path | None
) -> dict[str, object]:
    """Sign the current head if the log grew since the last checkpoint; store it, and append it
    to ``out_dir``'s file when given. Returns the counts to log."""
    await act_as_writer(conn)
    head = await chain_head(conn)
    if head is None or head[0] <= await latest_checkpoint_entries(conn):
        return {"checkpoint": "none needed"}
    entries, head_hash = head
    checkpoint = sign_checkpoint(
        private_key_pem, entries=entries, head_hash=head_hash, taken_at=datetime.now(UTC)
    )
    await add_checkpoint(conn, checkpoint)
    if out_dir is not None:
        append_checkpoint(out_dir, checkpoint)
    return {"checkpoint": "taken", "entries": entries}
