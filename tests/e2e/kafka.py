"""Reading every message of a topic, for end-to-end checks of what services published."""

import asyncio

from aiokafka import AIOKafkaConsumer


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
