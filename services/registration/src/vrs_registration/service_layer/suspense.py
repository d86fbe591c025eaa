"""Scheduled rules over voters in suspense: 1.10.35.8 F(2), incomplete electronic applications."""

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from uuid import uuid4

from vrs_contracts.vocabulary import StatusReason, VoterStatus
from vrs_plumbing.db import Connection
from vrs_plumbing.periodic import periodic
from vrs_plumbing.runtime import BackgroundJob
from vrs_registration.domain.rules import ELECTRONIC_CHANNELS, removable_after_incomplete_suspense
from vrs_registration.service_layer.status import StatusChange, change_status

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
ACTOR = "system:registration"
CLAUSE = "1.10.35.8 F(2)"
MADE_REMOVABLE = StatusChange(
    old_status=VoterStatus.suspense,
    new_status=VoterStatus.removable,
    status_reason=StatusReason.incomplete_application,
    clause=CLAUSE,
    actor=ACTOR,
)


async def expire_incomplete_suspense(conn: Connection, *, now: datetime) -> int:
    """Make removable every electronic voter 45 days in suspense ``incomplete_application``.

    The 45 days count from the status history entry that put the voter in suspense. Returns how
    many voters changed; each change gets its history entry and a ``VoterStatusChanged`` event.
    """
    candidates = await (
        await conn.execute(
            """
            SELECT v.voter_id, v.county, v.person_key,
                   (SELECT max(h.changed_at) FROM voter_status_history h
                    WHERE h.voter_id = v.voter_id AND h.new_status = 'suspense') AS entered_suspense
            FROM voters v
            JOIN applications a ON a.application_id = v.source_application_id
            WHERE v.status = 'suspense' AND v.status_reason = 'incomplete_application'
              AND a.channel = ANY(%s)
            FOR UPDATE OF v
            """,
            ([str(c) for c in ELECTRONIC_CHANNELS],),
        )
    ).fetchall()
    changed = 0
    for voter in candidates:
        if not removable_after_incomplete_suspense(voter["entered_suspense"], now):
            continue
        await change_status(conn, voter, MADE_REMOVABLE, now=now, cause=uuid4())
        changed += 1
    return changed


def suspense_sweeper(
    interval_seconds: float, clock: Clock = lambda: datetime.now(UTC)
) -> BackgroundJob:
    """A background job that applies F(2) every ``interval_seconds``, logging a start and an end."""

    async def sweep(conn: Connection) -> dict[str, object]:
        return {"made_removable": await expire_incomplete_suspense(conn, now=clock())}

    return periodic("suspense sweep", sweep, lambda: interval_seconds)
