"""The outbox, the inbox and the consumer's ack policy, against real PostgreSQL and a real broker."""

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import pytest
from aiokafka import AIOKafkaConsumer
from faststream.kafka import KafkaBroker

from vrs_contracts.envelope import CloudEvent, envelope
from vrs_contracts.events import ApplicationSubmitted
from vrs_contracts.topics import APPLICATIONS
from vrs_contracts.vocabulary import Channel
from vrs_plumbing.db import Connection, Pool, create_pool
from vrs_plumbing.messaging import BrokerPublisher, Subscription, create_broker, subscribe
from vrs_plumbing.migrations import OUTBOX_AND_INBOX_DDL
from vrs_plumbing.outbox import OutboxRelay, add_to_outbox
from vrs_plumbing.settings import KafkaSettings

SCHEMA = "plumbing_test"


@pytest.fixture
async def pool(database_url: str) -> AsyncIterator[Pool]:
    pool = create_pool(database_url, SCHEMA)
    await pool.open(wait=True)
    async with pool.connection() as conn:
        await conn.execute(f"CREATE SCHEMA {SCHEMA}")
        await conn.execute(OUTBOX_AND_INBOX_DDL)
        await conn.execute("CREATE TABLE effects (event_id uuid, subject text)")
    yield pool
    await pool.close()


def submitted(run: str, n: int) -> CloudEvent[ApplicationSubmitted]:
    data = ApplicationSubmitted(
        application_id=uuid4(), channel=Channel.paper, county="taos", received_at=datetime.now(UTC)
    )
    return envelope(data, source="/test", correlation_id=uuid4(), subject=f"{run}/{n}")


class RecordingPublisher:
    """A fake of the publisher port: keeps what it was given, fails when told to."""

    def __init__(self, fail_after: int | None = None) -> None:
        self.sent: list[tuple[str, bytes]] = []
        self.fail_after = fail_after

    async def publish(
        self, payload: bytes, topic: str, *, key: bytes, headers: dict[str, str]
    ) -> None:
        if self.fail_after is not None and len(self.sent) >= self.fail_after:
            raise ConnectionError("broker down")
        self.sent.append((topic, key))


async def test_the_relay_publishes_pending_events_in_order_and_marks_them(pool: Pool) -> None:
    events = [submitted("r", n) for n in range(3)]
    async with pool.connection() as conn, conn.transaction():
        for n, event in enumerate(events):
            await add_to_outbox(conn, event, key=f"k{n}")
    publisher = RecordingPublisher()
    relay = OutboxRelay(pool, publisher, schema=SCHEMA, poll_seconds=0.01)
    assert await relay.relay_once() == 3
    assert publisher.sent == [
        (APPLICATIONS.name, b"k0"),
        (APPLICATIONS.name, b"k1"),
        (APPLICATIONS.name, b"k2"),
    ]
    assert await relay.relay_once() == 0


async def test_an_event_of_a_rolled_back_transaction_is_never_published(pool: Pool) -> None:
    with pytest.raises(RuntimeError):
        async with pool.connection() as conn, conn.transaction():
            await add_to_outbox(conn, submitted("r", 0), key="k")
            raise RuntimeError("the change failed")
    publisher = RecordingPublisher()
    assert await OutboxRelay(pool, publisher, schema=SCHEMA, poll_seconds=0.01).relay_once() == 0


async def test_a_broker_outage_keeps_what_went_out_and_the_rest_for_later(pool: Pool) -> None:
    async with pool.connection() as conn, conn.transaction():
        for n in range(3):
            await add_to_outbox(conn, submitted("r", n), key=f"k{n}")
    relay = OutboxRelay(pool, RecordingPublisher(fail_after=1), schema=SCHEMA, poll_seconds=0.01)
    with pytest.raises(ConnectionError):
        await relay.relay_once()
    later = RecordingPublisher()
    assert await OutboxRelay(pool, later, schema=SCHEMA, poll_seconds=0.01).relay_once() == 2
    assert [key for _topic, key in later.sent] == [b"k1", b"k2"]


async def _wait_for(predicate: Any) -> None:
    async with asyncio.timeout(30):
        while not await predicate():
            await asyncio.sleep(0.2)


async def _dead_letters(bootstrap: str, run: str) -> list[dict[str, str]]:
    consumer = AIOKafkaConsumer(
        APPLICATIONS.dlq, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None
    )
    await consumer.start()
    try:
        batches = await consumer.getmany(timeout_ms=3000)
    finally:
        await consumer.stop()
    found = []
    for records in batches.values():
        for record in records:
            headers = {k: v.decode() for k, v in record.headers}
            if run.encode() in record.value or headers.get("x-run") == run:
                found.append(headers)
    return found


async def test_a_consumer_handles_each_event_once_and_dead_letters_what_keeps_failing(
    pool: Pool, kafka_bootstrap: str
) -> None:
    run = uuid4().hex
    poison = f"{run}/1"

    async def handle(conn: Connection, event: CloudEvent[Any]) -> None:
        if not (event.subject or "").startswith(run):
            return
        if event.subject == poison:
            raise ValueError("this application cannot be handled")
        await conn.execute("INSERT INTO effects VALUES (%s, %s)", (event.id, event.subject))

    consumer_broker = create_broker(
        KafkaSettings(bootstrap_servers=kafka_bootstrap), client_id="test"
    )
    subscribe(
        consumer_broker,
        pool,
        Subscription(
            topic=APPLICATIONS, group=f"test-{run}", handlers={ApplicationSubmitted: handle}
        ),
        max_attempts=2,
    )
    producer = KafkaBroker(kafka_bootstrap)
    events = [submitted(run, n) for n in range(3)]
    async with consumer_broker, producer:
        await consumer_broker.start()
        publisher = BrokerPublisher(producer)
        for event in [*events, events[0]]:  # the first one twice: a redelivery
            await publisher.publish(
                event.model_dump_json().encode(), APPLICATIONS.name, key=b"same", headers={}
            )
        await producer.publish(
            b"not an envelope " + run.encode(),
            APPLICATIONS.name,
            key=b"same",
            headers={"x-run": run},
        )

        async def effects() -> list[dict[str, Any]]:
            async with pool.connection() as conn:
                return await (
                    await conn.execute("SELECT subject FROM effects ORDER BY subject")
                ).fetchall()

        async def both_good_ones_and_two_dead_letters() -> bool:
            return len(await effects()) == 2 and len(await _dead_letters(kafka_bootstrap, run)) == 2

        await _wait_for(both_good_ones_and_two_dead_letters)
        await asyncio.sleep(1)  # give a duplicate effect the chance to appear
        assert [row["subject"] for row in await effects()] == [f"{run}/0", f"{run}/2"]

    letters = await _dead_letters(kafka_bootstrap, run)
    handler_failure = next(h for h in letters if h["x-dlq-attempts"] == "2")
    assert handler_failure["x-dlq-error"] == "ValueError: this application cannot be handled"
    assert handler_failure["x-dlq-origin-topic"] == APPLICATIONS.name
    assert handler_failure["x-dlq-consumer"] == f"test-{run}"
    unreadable = next(h for h in letters if h["x-dlq-attempts"] == "0")
    assert "message" in unreadable["x-dlq-error"] or "json" in unreadable["x-dlq-error"].lower()
