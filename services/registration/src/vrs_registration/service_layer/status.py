"""Changing a voter's status: the voter row, its history entry and the event, in one place.

Every rule that changes a status (F(2) removable, A(9) activation, and those to come) writes the
same three things in the caller's transaction, so the history and the event stream can never
disagree with the voter file.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from vrs_contracts.envelope import envelope
from vrs_contracts.events import VoterStatusChanged
from vrs_contracts.vocabulary import StatusReason, VoterStatus
from vrs_plumbing.db import Connection
from vrs_plumbing.outbox import add_to_outbox
from vrs_registration.service_layer.announcements import voter_recipient

SOURCE = "/vrs/registration"


@dataclass(frozen=True)
class StatusChange:
    """One change of status, with the clause that orders it and who made it."""

    old_status: VoterStatus
    new_status: VoterStatus
    status_reason: StatusReason | None
    clause: str
    actor: str


async def change_status(
    conn: Connection,
    voter: Mapping[str, Any],
    change: StatusChange,
    *,
    now: datetime,
    cause: UUID,
    correlation_id: UUID | None = None,
) -> None:
    """Apply ``change`` to ``voter`` (a row with voter_id, county, person_key) at ``now``.

    ``cause`` is the event or request that ordered it; ``correlation_id`` the flow it belongs to
    (the cause itself when it started the flow).
    """
    await conn.execute(
        "UPDATE voters SET status = %s, status_reason = %s, updated_at = %s WHERE voter_id = %s",
        (change.new_status, change.status_reason, now, voter["voter_id"]),
    )
    await record_history(conn, voter["voter_id"], change, now=now, cause=cause)
    event = VoterStatusChanged(
        voter_id=voter["voter_id"],
        county=voter["county"],
        old_status=change.old_status,
        new_status=change.new_status,
        status_reason=change.status_reason,
        clause=change.clause,
        actor=change.actor,
        changed_at=now,
        **voter_recipient(voter),
    )
    await add_to_outbox(
        conn,
        envelope(
            event,
            source=SOURCE,
            correlation_id=correlation_id or cause,
            causation_id=None if correlation_id is None else cause,
            subject=f"voter/{voter['voter_id']}",
        ),
        key=voter["person_key"],
    )


async def record_history(
    conn: Connection, voter_id: UUID, change: StatusChange, *, now: datetime, cause: UUID
) -> None:
    """The status-history entry of ``change``. On its own only for a change of the record that
    keeps its status (a later application updating it, 1.10.35.8 A(1)): the entry names the
    clause and who acted, and no status event is owed."""
    await conn.execute(
        "INSERT INTO voter_status_history (voter_id, old_status, new_status, status_reason, clause,"
        " actor, changed_at, cause_event_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        (
            voter_id, change.old_status, change.new_status, change.status_reason,
            change.clause, change.actor, now, cause,
        ),
    )  # fmt: skip
