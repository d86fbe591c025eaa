"""Applying a positive match of a voter with a maintenance record or another registration
(1.10.35.7 X; 1.10.35.9 A(3), D(1), E(1), F(2), G; duplicates: docs/adr/0012)."""

import logging
from datetime import UTC, datetime
from uuid import UUID

from vrs_contracts.envelope import CloudEvent
from vrs_contracts.events import VoterMatchConfirmed
from vrs_contracts.events.matching import DUPLICATE_KINDS
from vrs_contracts.vocabulary import StatusReason, VoterStatus
from vrs_plumbing.db import Connection
from vrs_registration.domain.confirmed_match import status_after_confirmed_match
from vrs_registration.service_layer.documents import county_of_voter
from vrs_registration.service_layer.status import StatusChange, change_status

log = logging.getLogger(__name__)
ACTOR = "system:registration"


async def apply_voter_match_confirmed(
    conn: Connection, event: CloudEvent[VoterMatchConfirmed]
) -> None:
    """Change the matched voter's status as its kind of record orders, through ``change_status``
    (history entry and ``VoterStatusChanged``). For a duplicate, the record that is not
    ``duplicate_of`` is the one cancelled. Applying it again changes nothing."""
    confirmed = event.data
    changed_id = confirmed.voter_id
    survivor_county = None
    if confirmed.kind in DUPLICATE_KINDS:
        if confirmed.duplicate_of == confirmed.voter_id:
            changed_id = UUID(confirmed.record_id)
        assert confirmed.duplicate_of is not None  # the contract gives a duplicate its survivor
        survivor_county = await county_of_voter(conn, confirmed.duplicate_of)
        if survivor_county is None:
            raise LookupError(f"match confirmed on unknown voter {confirmed.duplicate_of}")
    voter = await (
        await conn.execute("SELECT * FROM voters WHERE voter_id = %s FOR UPDATE", (changed_id,))
    ).fetchone()
    if voter is None:
        raise LookupError(f"match confirmed on unknown voter {changed_id}")
    target = status_after_confirmed_match(
        confirmed.kind,
        VoterStatus(voter["status"]),
        StatusReason(voter["status_reason"]) if voter["status_reason"] else None,
        survivor_in_another_county=survivor_county not in (None, voter["county"]),
    )
    if target is None:
        log.info(
            "confirmed match changes nothing",
            extra={"voter_id": str(changed_id), "kind": str(confirmed.kind)},
        )
        return
    change = StatusChange(
        old_status=VoterStatus(voter["status"]),
        new_status=target[0],
        status_reason=target[1],
        clause=confirmed.clause,
        actor=ACTOR,
    )
    await change_status(
        conn,
        voter,
        change,
        now=datetime.now(UTC),
        cause=event.id,
        correlation_id=event.correlation_id,
    )
