"""Real PostgreSQL with audit's schema, and access attempts appended by the real handler."""

from collections.abc import Awaitable, Callable
from typing import Any
from uuid import uuid4

import psycopg
import pytest
from psycopg.rows import dict_row

from vrs_audit.bootstrap import SPEC
from vrs_audit.service_layer.handlers import record_access_attempt
from vrs_contracts.envelope import envelope
from vrs_contracts.events import AccessAttempted
from vrs_contracts.vocabulary import AuditOutcome
from vrs_plumbing.db import create_pool
from vrs_plumbing.migrations import upgrade

Superuser = psycopg.Connection[dict[str, Any]]


@pytest.fixture
def audit_db(database_url: str) -> str:
    """A new database with audit's migrations applied."""
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    return database_url


@pytest.fixture
def append_attempts(audit_db: str) -> Callable[[int], Awaitable[None]]:
    """Append ``n`` access attempts through the service's own handler (as the writer role)."""

    async def append(n: int) -> None:
        async with create_pool(audit_db, SPEC.schema) as pool:
            for number in range(n):
                attempt = AccessAttempted(
                    actor=f"clerk-{number}",
                    role="county_clerk",
                    county="taos",
                    service="registration",
                    action="GET /v1/voters/{voter_id}",
                    resource=f"/v1/voters/{uuid4()}",
                    outcome=AuditOutcome.allowed,
                    status_code=200,
                    source_address="127.0.0.1",
                )
                event = envelope(attempt, source="registration", correlation_id=uuid4())
                async with pool.connection() as conn, conn.transaction():
                    await record_access_attempt(conn, event)

    return append


@pytest.fixture
def superuser(audit_db: str) -> Callable[[], Superuser]:
    """Connections as the embedded server's superuser, in audit's schema, autocommitting."""

    def connect() -> Superuser:
        return psycopg.connect(
            audit_db, autocommit=True, row_factory=dict_row, options=f"-c search_path={SPEC.schema}"
        )

    return connect
