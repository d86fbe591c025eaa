"""Fixtures shared by registration's integration and contract tests."""

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from uuid import UUID, uuid4

import pytest

from vrs_contracts.envelope import envelope
from vrs_contracts.events import ApplicationMatchSettled, MatchCompleted
from vrs_contracts.vocabulary import ApplicationOutcome, MatchBasis, MatchStrength
from vrs_plumbing.db import Connection, Pool, create_pool
from vrs_plumbing.migrations import upgrade
from vrs_registration.bootstrap import SPEC
from vrs_registration.service_layer.outcomes import apply_match_completed, apply_match_settled

NoMatch = Callable[[Connection, UUID], Awaitable[UUID]]


@pytest.fixture
async def pool(database_url: str) -> AsyncIterator[Pool]:
    """A pool on registration's schema, migrated to the latest revision."""
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    pool = create_pool(database_url, SPEC.schema)
    await pool.open(wait=True)
    yield pool
    await pool.close()


@pytest.fixture(scope="session")
def no_match() -> NoMatch:
    """Apply matching's "no match" to an application, as its answer would; returns the voter."""

    async def no_match(conn: Connection, application_id: UUID) -> UUID:
        row = await (
            await conn.execute(
                "SELECT person_key FROM applications WHERE application_id = %s", (application_id,)
            )
        ).fetchone()
        assert row is not None
        correlation_id = uuid4()
        await apply_match_completed(
            conn,
            envelope(
                MatchCompleted(
                    application_id=application_id,
                    person_key=row["person_key"],
                    strength=MatchStrength.none,
                    candidates=[],
                    checked_at=datetime.now(UTC),
                ),
                source="/vrs/matching",
                correlation_id=correlation_id,
            ),
        )
        await apply_match_settled(
            conn,
            envelope(
                ApplicationMatchSettled(
                    application_id=application_id,
                    person_key=row["person_key"],
                    outcome=ApplicationOutcome.new_registrant,
                    basis=MatchBasis.no_match,
                    clause="1.10.35.8 A(1)",
                ),
                source="/vrs/matching",
                correlation_id=correlation_id,
            ),
        )
        voter = await (
            await conn.execute(
                "SELECT voter_id FROM applications WHERE application_id = %s", (application_id,)
            )
        ).fetchone()
        assert voter is not None
        assert voter["voter_id"] is not None
        return UUID(str(voter["voter_id"]))

    return no_match
