"""Kafka, as every service uses it: the broker factory and the one way to consume a topic.

The ack policy (docs/adr/0004): FastStream's default for Kafka commits the offset before the
handler runs, which is at most once and could lose an application. Here every subscriber acks
manually, and only after the handler's database transaction — effect plus inbox row — has
committed. A message that keeps failing goes to ``<topic>.dlq`` with its error and origin, and
its offset is committed, so it never blocks its partition. A database outage is not the
message's fault: it is retried until the database is back, never dead-lettered.
"""

import asyncio
import logging
import ssl
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

import psycopg
from aiokafka import ConsumerRebalanceListener, TopicPartition
from faststream import AckPolicy
from faststream.kafka import KafkaBroker, KafkaMessage
from faststream.kafka.opentelemetry import KafkaTelemetryMiddleware
from faststream.security import BaseSecurity, SASLPlaintext, SASLScram256, SASLScram512
from opentelemetry import context as otel_context
from opentelemetry import propagate
from opentelemetry.trace import TracerProvider
from psycopg_pool import PoolTimeout
from pydantic import ValidationError

from vrs_contracts.base import Event
from vrs_contracts.envelope import CloudEvent, EnvelopeError, decode, describe_validation_error
from vrs_contracts.topics import Topic
from vrs_plumbing.db import Connection, Pool
from vrs_plumbing.inbox import claim_event
from vrs_plumbing.logging import redact_ssn
from vrs_plumbing.settings import KafkaSettings

log = logging.getLogger(__name__)

EventHandler = Callable[[Connection, CloudEvent[Any]], Awaitable[None]]
INFRASTRUCTURE_ERRORS: Final = (psycopg.OperationalError, PoolTimeout)
MAX_INFRASTRUCTURE_BACKOFF: Final = 10.0


def create_broker(
    settings: KafkaSettings, *, client_id: str, tracer_provider: TracerProvider | None = None
) -> KafkaBroker:
    """A FastStream Kafka broker with telemetry, ``acks=all`` and no idempotent producer.

    Tansu, the embedded broker, refuses idempotent producers (ENVIRONMENT-NOTES); consumers'
    inboxes dedupe instead, which also covers a relay republishing after a crash.
    """
    return KafkaBroker(
        settings.bootstrap_servers.split(","),
        client_id=client_id,
        acks="all",
        enable_idempotence=False,
        security=_security(settings),
        middlewares=[KafkaTelemetryMiddleware(tracer_provider=tracer_provider)],
        logger=logging.getLogger("faststream"),
        log_level=logging.DEBUG,
    )


def _security(settings: KafkaSettings) -> BaseSecurity | None:
    protocol = settings.security_protocol.upper()
    if protocol == "PLAINTEXT":
        return None
    context = ssl.create_default_context(
        cafile=str(settings.ssl_cafile) if settings.ssl_cafile else None
    )
    use_ssl = protocol in {"SSL", "SASL_SSL"}
    if protocol == "SSL":
        return BaseSecurity(ssl_context=context, use_ssl=True)
    username = settings.sasl_username or ""
    password = settings.sasl_password.get_secret_value() if settings.sasl_password else ""
    mechanism = (settings.sasl_mechanism or "PLAIN").upper()
    kinds: dict[str, type[SASLPlaintext] | type[SASLScram256] | type[SASLScram512]] = {
        "PLAIN": SASLPlaintext,
        "SCRAM-SHA-256": SASLScram256,
        "SCRAM-SHA-512": SASLScram512,
    }
    if mechanism not in kinds:
        raise ValueError(f"unsupported SASL mechanism {mechanism}")
    return kinds[mechanism](
        username=username,
        password=password,
        ssl_context=context if use_ssl else None,
        use_ssl=use_ssl,
    )


@dataclass(frozen=True)
class Subscription:
    """One consumer group reading one topic, with a handler per event type it cares about.

    Event types without a handler are claimed and skipped: a topic carries several types, and a
    consumer that needs only some must still move past the others.
    """

    topic: Topic
    group: str
    handlers: Mapping[type[Event], EventHandler]


class BrokerPublisher:
    """The outbox relay's way out: publish through a FastStream broker."""

    def __init__(self, broker: KafkaBroker) -> None:
        self._broker = broker

    async def publish(
        self, payload: bytes, topic: str, *, key: bytes, headers: dict[str, str]
    ) -> None:
        """Send one message to ``topic``, inside the trace of the transaction that wrote it.

        The relay runs in a task of its own; without the stored context, FastStream's producer
        span would begin a new trace and one application would no longer be one trace.
        """
        token = otel_context.attach(propagate.extract(headers))
        try:
            await self._broker.publish(payload, topic, key=key, headers=headers)
        finally:
            otel_context.detach(token)


class AssignmentLog(ConsumerRebalanceListener):  # type: ignore[misc]  # aiokafka is untyped
    """Logs the partitions the consumer group gives this process, and takes back.

    A service scales out as more members of its group, up to the partition count (DESIGN.md,
    "Running it"); these lines are how an operator sees the replicas share the topic.
    """

    def __init__(self, group: str) -> None:
        self._group = group

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        log.info("partitions revoked", extra={"group": self._group, **_by_topic(revoked)})

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        log.info("partitions assigned", extra={"group": self._group, **_by_topic(assigned)})


def _by_topic(partitions: set[TopicPartition]) -> dict[str, Any]:
    return {
        "partitions": {
            topic: sorted(tp.partition for tp in partitions if tp.topic == topic)
            for topic in sorted({tp.topic for tp in partitions})
        }
    }


def subscribe(
    broker: KafkaBroker, pool: Pool, subscription: Subscription, *, max_attempts: int
) -> None:
    """Register ``subscription`` on ``broker`` with manual acks, the inbox and the DLQ."""
    topic = subscription.topic

    @broker.subscriber(
        topic.name,
        group_id=subscription.group,
        ack_policy=AckPolicy.MANUAL,
        auto_offset_reset="earliest",
        listener=AssignmentLog(subscription.group),
        title=f"{subscription.group}:{topic.name}",
    )
    async def on_message(message: KafkaMessage) -> None:
        body: bytes = message.body
        try:
            event = decode(body)
        except EnvelopeError as exc:
            await _dead_letter(broker, subscription, message, str(exc), attempts=0)
            await message.ack()
            return
        handler = subscription.handlers.get(type(event.data))
        error = await _handle_with_retries(pool, subscription, event, handler, max_attempts)
        if error is not None:
            await _dead_letter(broker, subscription, message, error, attempts=max_attempts)
        await message.ack()


async def _handle_with_retries(
    pool: Pool,
    subscription: Subscription,
    event: CloudEvent[Any],
    handler: EventHandler | None,
    max_attempts: int,
) -> str | None:
    """Apply one event; None when done (or already done), else the last error's description."""
    attempt = 0
    infrastructure_backoff = 0.5
    while True:
        try:
            async with pool.connection() as conn, conn.transaction():
                claimed = await claim_event(
                    conn,
                    consumer=subscription.group,
                    event_id=event.id,
                    topic=subscription.topic.name,
                )
                if claimed and handler is not None:
                    await handler(conn, event)
            return None
        except INFRASTRUCTURE_ERRORS as exc:
            log.warning(
                "database unavailable; retrying event",
                extra={"event_id": str(event.id), "error": type(exc).__name__},
            )
            await asyncio.sleep(infrastructure_backoff)
            infrastructure_backoff = min(infrastructure_backoff * 2, MAX_INFRASTRUCTURE_BACKOFF)
        except Exception as exc:  # a handler failure: retry a few times, then dead-letter
            attempt += 1
            description = _describe(exc)
            log.warning(
                "event handling failed",
                extra={
                    "event_id": str(event.id),
                    "event_type": event.type,
                    "attempt": attempt,
                    "error": description,
                },
            )
            if attempt >= max_attempts:
                return description
            await asyncio.sleep(0.1 * 2**attempt)


def _describe(exc: Exception) -> str:
    """An error as text fit for a DLQ header and a log line: no input values, no SSN."""
    if isinstance(exc, ValidationError):
        return describe_validation_error(exc)
    return redact_ssn(f"{type(exc).__name__}: {exc}")[:500]


async def _dead_letter(
    broker: KafkaBroker,
    subscription: Subscription,
    message: KafkaMessage,
    error: str,
    *,
    attempts: int,
) -> None:
    """Park a message on the topic's DLQ with why and where it came from."""
    raw = message.raw_message
    headers = {
        **{k: v for k, v in message.headers.items() if isinstance(v, str)},
        "x-dlq-error": error,
        "x-dlq-consumer": subscription.group,
        "x-dlq-attempts": str(attempts),
        "x-dlq-origin-topic": str(getattr(raw, "topic", subscription.topic.name)),
        "x-dlq-origin-partition": str(getattr(raw, "partition", "")),
        "x-dlq-origin-offset": str(getattr(raw, "offset", "")),
    }
    key = getattr(raw, "key", None)
    await broker.publish(message.body, subscription.topic.dlq, key=key, headers=headers)
    log.error(
        "event dead-lettered",
        extra={
            "topic": subscription.topic.name,
            "consumer": subscription.group,
            "error": error,
            "offset": headers["x-dlq-origin-offset"],
        },
    )
