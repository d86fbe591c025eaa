"""The idempotent inbox: a consumer records each event id in the transaction of its effect."""

from uuid import UUID

from vrs_plumbing.db import Connection


async def claim_event(conn: Connection, *, consumer: str, event_id: UUID, topic: str) -> bool:
    """Record that ``consumer`` handles ``event_id`` now; False when it already did.

    Call it inside the transaction that applies the event's effect: if that transaction rolls
    back, so does the claim, and a redelivery handles the event again.
    """
    cursor = await conn.execute(
        "INSERT INTO inbox (consumer, event_id, topic) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
        (consumer, event_id, topic),
    )
    return cursor.rowcount == 1
