"""Retention: purge the oldest entries of the access log once the law no longer keeps the records
they concern, leaving a signed anchor from which the chain is verified (docs/adr/0033)."""

from datetime import datetime

from vrs_audit.adapters.access_log import latest_purge, remove_entries_through
from vrs_audit.adapters.checkpoint_signing import sign
from vrs_audit.domain.retention import Purge, purge_cutoff, purge_text
from vrs_plumbing.db import Connection


async def purge_expired_entries(
    conn: Connection, private_key_pem: bytes, retention_days: int, now: datetime
) -> dict[str, object]:
    """Remove the longest run of entries from the start of the chain that are all older than
    the retention (never the newest entry, to which the next one links). Returns the counts."""
    await conn.execute("SELECT pg_advisory_xact_lock(hashtext('access_log'))")
    cutoff = purge_cutoff(now, retention_days)
    bounds = await (
        await conn.execute(
            "SELECT (SELECT min(seq) FROM access_log WHERE time >= %s) AS first_kept,"
            " (SELECT max(seq) FROM access_log) AS last",
            (cutoff,),
        )
    ).fetchone()
    if bounds is None or bounds["last"] is None:
        return {"purged": 0}
    through = min((bounds["first_kept"] or bounds["last"] + 1) - 1, bounds["last"] - 1)
    previous = await latest_purge(conn)
    if through <= (previous.purged_through if previous else 0):
        return {"purged": 0}
    last_purged = await (
        await conn.execute(
            "SELECT hash, (SELECT max(time) FROM access_log WHERE seq <= %(through)s) AS newest"
            " FROM access_log WHERE seq = %(through)s",
            {"through": through},
        )
    ).fetchone()
    assert last_purged is not None  # the chain holds every entry after the previous purge
    signature = sign(
        private_key_pem, purge_text(through, last_purged["hash"], last_purged["newest"], now)
    )
    purge = Purge(through, last_purged["hash"], last_purged["newest"], now, signature)
    removed = await remove_entries_through(conn, purge)
    return {"purged": removed, "purged_through": through}
