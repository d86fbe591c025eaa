"""The transactional outbox and its relay.

A producer never publishes directly: it writes the event into its ``outbox`` table in the same
transaction as the change the event announces, so the change and its announcement commit or
roll back together. The relay publishes pending rows in id order and marks them published. A
crash between publish and mark republishes the row; consumers' inboxes make that harmless.
"""

import asyncio
import contextlib
import logging
from typing import Any, Protocol

from opentelemetry import propagate
from psycopg.types.json import Jsonb

from vrs_contracts.base import Event
from vrs_contracts.envelope import CONTENT_TYPE, CloudEvent
from vrs_contracts.topics import topic_of
from vrs_plumbing.db import Connection, Pool
from vrs_plumbing.logging import redact_ssn

log = logging.getLogger(__name__)


async def add_to_outbox(conn: Connection, event: CloudEvent[Any], *, key: str) -> None:
    """Queue ``event`` for publication on its catalog topic, inside the caller's transaction."""
    data: Event = event.data
    headers: dict[str, str] = {"content-type": CONTENT_TYPE, "ce_type": event.type}
    propagate.inject(headers)
    await conn.execute(
        "INSERT INTO outbox (event_id, topic, key, payload, headers) VALUES (%s, %s, %s, %s, %s)",
        (
            event.id,
            topic_of(type(data)).name,
            key,
            event.model_dump_json().encode(),
            Jsonb(headers),
        ),
    )


class Publisher(Protocol):
    """Where the relay sends a row: the Kafka broker in production, a fake in unit tests."""

    async def publish(
        self, payload: bytes, topic: str, *, key: bytes, headers: dict[str, str]
    ) -> None:
        """Send one message and return once the broker has it."""


class OutboxRelay:
    """Publishes pending outbox rows in order; one relay at a time per schema (advisory lock)."""

    def __init__(
        self,
        pool: Pool,
        publisher: Publisher,
        *,
        schema: str,
        poll_seconds: float,
        batch_size: int = 200,
    ) -> None:
        self._pool = pool
        self._publisher = publisher
        self._lock_key = f"outbox:{schema}"
        self._poll_seconds = poll_seconds
        self._batch_size = batch_size
        self._task: asyncio.Task[None] | None = None

    async def relay_once(self) -> int:
        """Publish one batch of pending rows; returns how many were published."""
        async with self._pool.connection() as conn, conn.transaction():
            locked = await (
                await conn.execute(
                    "SELECT pg_try_advisory_xact_lock(hashtext(%s)) AS ok", (self._lock_key,)
                )
            ).fetchone()
            if not locked or not locked["ok"]:
                return 0
            rows = await (
                await conn.execute(
                    "SELECT id, topic, key, payload, headers FROM outbox WHERE state = 'pending' ORDER BY id LIMIT %s",
                    (self._batch_size,),
                )
            ).fetchall()
            published: list[int] = []
            failure: Exception | None = None
            for row in rows:
                try:
                    await self._publisher.publish(
                        bytes(row["payload"]),
                        row["topic"],
                        key=str(row["key"]).encode(),
                        headers=dict(row["headers"]),
                    )
                except Exception as exc:  # keep what went out; the rest waits for the next round
                    failure = exc
                    break
                published.append(row["id"])
            if published:
                await conn.execute(
                    "UPDATE outbox SET state = 'published', published_at = now(), attempts = attempts + 1 WHERE id = ANY(%s)",
                    (published,),
                )
        if failure is not None:
            raise failure
        return len(published)

    async def _run(self) -> None:
        while True:
            try:
                if await self.relay_once() == self._batch_size:
                    continue
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the relay must outlive a broker or database outage
                log.warning("outbox relay failed; retrying", extra={"error": redact_ssn(repr(exc))})
            await asyncio.sleep(self._poll_seconds)

    def start(self) -> None:
        """Run the relay in the background until :meth:`stop`."""
        self._task = asyncio.create_task(self._run(), name="outbox-relay")

    async def stop(self) -> None:
        """Stop the background relay."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
