"""Real PostgreSQL with audit's schema, access attempts appended by the real handler, and the
audit app itself (without its consumers and jobs)."""

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import httpx
import psycopg
import pytest
from psycopg.rows import dict_row
from pydantic import SecretStr

from vrs_audit.bootstrap import SPEC
from vrs_audit.config import AuditSettings
from vrs_audit.service_layer.handlers import record_access_attempt
from vrs_contracts.counties import County
from vrs_contracts.envelope import envelope
from vrs_contracts.events import AccessAttempted
from vrs_contracts.vocabulary import AuditOutcome, Role
from vrs_plumbing.auth import mint_token, new_signing_key
from vrs_plumbing.db import create_pool
from vrs_plumbing.migrations import upgrade
from vrs_plumbing.runtime import Runtime, create_service_app
from vrs_plumbing.settings import KafkaSettings

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


def read_of(
    voter_ids: list[UUID], *, actor: str = "clerk-1", county: str = "taos", status_code: int = 200
) -> AccessAttempted:
    """A county clerk's read of a voter record that disclosed ``voter_ids``."""
    return AccessAttempted(
        actor=actor,
        role="county_clerk",
        county=county,
        service="registration",
        action="GET /v1/voters/{voter_id}",
        resource=f"/v1/voters/{voter_ids[0] if voter_ids else uuid4()}",
        outcome=AuditOutcome.allowed if status_code < 400 else AuditOutcome.denied,
        status_code=status_code,
        source_address="127.0.0.1",
        voter_ids=voter_ids,
    )


@dataclass(frozen=True)
class Audit:
    """The audit service on its own database, without consumers or background jobs; its
    development issuer key mints tokens for any subject and role."""

    transport: httpx.ASGITransport
    private_key: bytes
    runtime: Runtime

    def client(self, subject: str, role: Role, county: County | None = None) -> httpx.AsyncClient:
        """A client holding a development token of ``subject``."""
        token = mint_token(self.private_key, role=role, county=county, subject=subject)
        return self.bearer(token)

    def as_role(self, role: Role, county: County | None = None) -> httpx.AsyncClient:
        """A client holding a development token of the role's first user (``<role>-1``)."""
        return self.client(f"{role}-1", role, county)

    def bearer(self, token: str | None) -> httpx.AsyncClient:
        """A client holding ``token`` (none: anonymous)."""
        return httpx.AsyncClient(
            transport=self.transport,
            base_url="http://audit",
            headers={"Authorization": f"Bearer {token}"} if token else {},
            timeout=60,
        )

    async def record(self, attempt: AccessAttempted, at: datetime | None = None) -> UUID:
        """Append ``attempt`` (as happened ``at``, now by default) through the real handler."""
        event = envelope(attempt, source=f"/vrs/{attempt.service}", correlation_id=uuid4())
        if at is not None:
            event = event.model_copy(update={"time": at})
        async with self.runtime.pool.connection() as conn, conn.transaction():
            await record_access_attempt(conn, event)
        return event.correlation_id


StartAudit = Callable[..., Awaitable[Audit]]


@pytest.fixture
def records_requests_url() -> str:
    """Where the audit service asks records-requests about exports: nowhere, unless a test
    starts a server there."""
    return "http://127.0.0.1:9"


@pytest.fixture
async def start_audit(
    audit_db: str, kafka_bootstrap: str, tmp_path: Path, records_requests_url: str
) -> AsyncIterator[StartAudit]:
    """Starts the audit app with a sign-in token key; keyword arguments override its settings
    (``accounts_required=True`` as production sets it)."""
    private_key, public_key = new_signing_key()
    token_key = tmp_path / "audit-token.pem"
    token_key.write_bytes(new_signing_key()[0])
    contexts: list[Any] = []

    async def start(**overrides: Any) -> Audit:
        settings = AuditSettings(
            database_url=audit_db,
            token_public_key=SecretStr(public_key.decode()),
            kafka=KafkaSettings(bootstrap_servers=kafka_bootstrap),
            audit_token_key_file=token_key,
            records_requests_url=records_requests_url,
            records_requests_timeout_seconds=5,
            **overrides,
        )
        app = create_service_app(
            replace(SPEC, subscriptions=lambda _runtime: (), background=()), settings
        )
        context = app.router.lifespan_context(app)
        await context.__aenter__()
        contexts.append(context)
        return Audit(httpx.ASGITransport(app=app), private_key, app.state.runtime)

    yield start
    for context in contexts:
        await context.__aexit__(None, None, None)


@pytest.fixture
async def audit(start_audit: StartAudit) -> Audit:
    """The audit app with its default settings."""
    return await start_audit()
