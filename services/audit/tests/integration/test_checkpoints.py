"""The checkpoint job signs the chain's head whenever the log has grown, stores it as the
writer role, and writes it out to the checkpoint folder (docs/adr/0015)."""

from collections.abc import Awaitable, Callable
from pathlib import Path

from vrs_audit.adapters.access_log import chain_head, read_checkpoints
from vrs_audit.adapters.checkpoint_file import read_checkpoints as read_checkpoint_file
from vrs_audit.adapters.checkpoint_signing import signature_check
from vrs_audit.bootstrap import SPEC
from vrs_audit.service_layer.checkpoints import take_checkpoint
from vrs_plumbing.auth import new_signing_key
from vrs_plumbing.db import create_pool

PRIVATE, PUBLIC = new_signing_key()


async def test_a_checkpoint_is_taken_only_when_the_log_has_grown(
    audit_db: str, append_attempts: Callable[[int], Awaitable[None]], tmp_path: Path
) -> None:
    async def take() -> dict[str, object]:
        async with (
            create_pool(audit_db, SPEC.schema) as pool,
            pool.connection() as conn,
            conn.transaction(),
        ):
            return await take_checkpoint(conn, PRIVATE, tmp_path)

    assert await take() == {"checkpoint": "none needed"}
    await append_attempts(3)
    assert await take() == {"checkpoint": "taken", "entries": 3}
    assert await take() == {"checkpoint": "none needed"}
    await append_attempts(2)
    assert await take() == {"checkpoint": "taken", "entries": 5}

    async with create_pool(audit_db, SPEC.schema) as pool, pool.connection() as conn:
        stored = await read_checkpoints(conn)
        head = await chain_head(conn)
    assert [c.entries for c in stored] == [3, 5]
    assert (stored[-1].entries, stored[-1].head_hash) == head
    assert read_checkpoint_file(tmp_path) == stored
    assert all(map(signature_check(PUBLIC), stored))
