"""Reading every message of a topic, for end-to-end checks of what services published, and
sending messages as a producer (or a redelivery) would."""

import asyncio

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer


async def _read_all(bootstrap: str, topics: list[str]) -> list[tuple[str, bytes, dict[str, bytes]]]:
    consumer = AIOKafkaConsumer(
        *topics, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None
    )
    await consumer.start()
    messages: list[tuple[str, bytes, dict[str, bytes]]] = []
    try:
        while True:
            batches = await consumer.getmany(timeout_ms=2000)
            if not batches:
                return messages
            for records in batches.values():
                messages.extend((r.topic, r.value or b"", dict(r.headers)) for r in records)
    finally:
        await consumer.stop()


def read_all(bootstrap: str, topics: list[str]) -> list[tuple[str, bytes, dict[str, bytes]]]:
    """(topic, value, headers) of every message now on ``topics``."""
    return asyncio.run(_read_all(bootstrap, topics))


async def _produce(
    bootstrap: str, topic: str, messages: list[tuple[bytes, bytes, dict[str, bytes]]]
) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False)
    await producer.start()
    try:
        for key, value, headers in messages:
            await producer.send_and_wait(topic, value, key=key, headers=list(headers.items()))
    finally:
        await producer.stop()


def produce(
    bootstrap: str, topic: str, messages: list[tuple[bytes, bytes, dict[str, bytes]]]
) -> None:
    """Send (key, value, headers) messages to ``topic``."""
    asyncio.run(_produce(bootstrap, topic, messages))
