"""Recording access attempts: one append to the chain per event, serialised by a lock."""

from vrs_audit.adapters.access_log import act_as_writer, chain_head
from vrs_audit.domain.chain import GENESIS, entry_hash
from vrs_contracts.envelope import CloudEvent
from vrs_contracts.events import AccessAttempted
from vrs_plumbing.db import Connection


async def record_access_attempt(conn: Connection, event: CloudEvent[AccessAttempted]) -> None:
    """Append one access attempt to the chained log, as the writer role that cannot rewrite it."""
    await act_as_writer(conn)
    head = await chain_head(conn)
    attempt = event.data
    entry = {
        "seq": head[0] + 1 if head else 1,
        "event_id": event.id,
        "time": event.time,
        "actor": attempt.actor,
        "role": attempt.role,
        "county": attempt.county,
        "service": attempt.service,
        "action": attempt.action,
        "resource": attempt.resource,
        "outcome": str(attempt.outcome),
        "status_code": attempt.status_code,
        "reason": attempt.reason,
        "source_address": attempt.source_address,
        "correlation_id": event.correlation_id,
        "voter_ids": attempt.voter_ids,
    }
    prev_hash = head[1] if head else GENESIS
    await conn.execute(
        """
        INSERT INTO access_log (
            seq, event_id, time, actor, role, county, service, action, resource, outcome,
            status_code, reason, source_address, correlation_id, voter_ids, prev_hash, hash
        ) VALUES (
            %(seq)s, %(event_id)s, %(time)s, %(actor)s, %(role)s, %(county)s, %(service)s,
            %(action)s, %(resource)s, %(outcome)s, %(status_code)s, %(reason)s,
            %(source_address)s, %(correlation_id)s, %(voter_ids)s, %(prev_hash)s, %(hash)s
        )
        """,
        {**entry, "prev_hash": prev_hash, "hash": entry_hash(prev_hash, entry)},
    )
