"""Audit emission: every HTTP request, allowed or refused, becomes an ``AccessAttempted`` event.

The event goes through the service's outbox to the audit service, so an attempt is recorded
even when the audit service is down; if the outbox itself cannot be written the answer is
withheld (503), because nothing is disclosed that is not recorded.
"""

from collections.abc import Sequence
from uuid import UUID

from vrs_contracts.envelope import envelope
from vrs_contracts.events import AccessAttempted
from vrs_contracts.vocabulary import AuditOutcome
from vrs_plumbing.auth import Principal
from vrs_plumbing.db import Pool
from vrs_plumbing.outbox import add_to_outbox


def outcome_of(status_code: int) -> AuditOutcome:
    """Refusals of identity or right are denials; other failures are errors."""
    if status_code < 400:
        return AuditOutcome.allowed
    if status_code in {401, 403}:
        return AuditOutcome.denied
    return AuditOutcome.error


async def record_access_attempt(
    pool: Pool,
    *,
    service: str,
    principal: Principal | None,
    action: str,
    resource: str,
    status_code: int,
    reason: str | None,
    source_address: str | None,
    correlation_id: UUID,
    voter_ids: Sequence[UUID] = (),
    claimed_subject: str | None = None,
) -> None:
    """Write one access attempt to the outbox, in a transaction of its own; ``voter_ids`` are
    the voters whose personal data the answer disclosed. Without a principal, the actor is the
    subject the request claimed to be (a sign-in), if any."""
    event = envelope(
        AccessAttempted(
            actor=principal.subject if principal else claimed_subject or "anonymous",
            role=str(principal.role) if principal else None,
            county=str(principal.county) if principal and principal.county else None,
            service=service,
            action=action,
            resource=resource,
            outcome=outcome_of(status_code),
            status_code=status_code,
            reason=reason,
            source_address=source_address,
            voter_ids=list(voter_ids),
        ),
        source=f"/vrs/{service}",
        correlation_id=correlation_id,
        subject=resource,
    )
    async with pool.connection() as conn, conn.transaction():
        await add_to_outbox(conn, event, key=service)
