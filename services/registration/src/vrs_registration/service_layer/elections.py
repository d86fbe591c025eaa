"""The election calendar and what it sets for voters in suspense (1.10.35.8 A(9)).

The Secretary of State keeps the calendar; 21 days before each election the voters in suspense
``under_age`` who will be 18 by it become active (a daily job), and on the 35th and the 21st day
before it each county clerk runs the suspense query report.
"""

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from uuid import uuid4

from vrs_contracts.api.elections import Election, ElectionForm, SuspendedVoter, SuspenseReport
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import StatusReason, VoterStatus
from vrs_plumbing.db import Connection
from vrs_plumbing.periodic import periodic
from vrs_plumbing.runtime import BackgroundJob
from vrs_registration.domain.elections import (
    ACTIVATION_DAYS_BEFORE,
    VOTING_AGE,
    activates_on,
    due_for_activation,
    report_days,
)
from vrs_registration.domain.rules import NEW_MEXICO
from vrs_registration.service_layer.status import StatusChange, change_status

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
ACTOR = "system:registration"
CLAUSE = "1.10.35.8 A(9)"


ACTIVATION = StatusChange(
    old_status=VoterStatus.suspense,
    new_status=VoterStatus.active,
    status_reason=None,
    clause=CLAUSE,
    actor=ACTOR,
)


def county_today(now: datetime) -> date:
    """The date in New Mexico at the instant ``now``: the day every A(9) count is made on."""
    return now.astimezone(NEW_MEXICO).date()


async def list_elections(conn: Connection) -> list[Election]:
    """Every election of the calendar, in date order."""
    rows = await (
        await conn.execute(
            "SELECT election_id, name, kind, election_date FROM elections"
            " ORDER BY election_date, election_id"
        )
    ).fetchall()
    return [Election(**row) for row in rows]


async def find_election(conn: Connection, election_id: str) -> Election | None:
    """One election of the calendar, or None."""
    row = await (
        await conn.execute(
            "SELECT election_id, name, kind, election_date FROM elections WHERE election_id = %s",
            (election_id,),
        )
    ).fetchone()
    return None if row is None else Election(**row)


async def record_election(
    conn: Connection, election_id: str, form: ElectionForm, *, recorded_by: str, now: datetime
) -> Election:
    """Enter an election in the calendar, or correct its name, kind or day."""
    await conn.execute(
        "INSERT INTO elections (election_id, name, kind, election_date, recorded_by, recorded_at)"
        " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (election_id) DO UPDATE SET"
        " name = EXCLUDED.name, kind = EXCLUDED.kind, election_date = EXCLUDED.election_date,"
        " recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at",
        (election_id, form.name, form.kind, form.election_date, recorded_by, now),
    )
    return Election(election_id=election_id, **form.model_dump())


async def election_days(conn: Connection) -> list[date]:
    """The day of every election in the calendar."""
    rows = await (await conn.execute("SELECT DISTINCT election_date FROM elections")).fetchall()
    return [row["election_date"] for row in rows]


async def activate_under_age_voters(conn: Connection, *, now: datetime) -> int:
    """1.10.35.8 A(9): activate every voter in suspense ``under_age`` whose activation day has come.

    The activation day is 21 days before the first election of the calendar on or before which
    the voter will be 18, counted on New Mexico's date at ``now``. Each voter activated gets its
    status (active, reason cleared), a status history entry and a ``VoterStatusChanged`` event in
    the outbox, in the caller's transaction. Returns how many changed; a second run on the same
    day changes nothing, because those voters are no longer in suspense.
    """
    today = county_today(now)
    calendar = await election_days(conn)
    reached = [day for day in calendar if day - timedelta(days=ACTIVATION_DAYS_BEFORE) <= today]
    if not reached:
        return 0
    # Only voters born early enough to be 18 by the last election whose 21st day has come can be
    # due; 365-day years fall a few leap days short of 18 years, so this bound keeps them all
    # and the rule below decides.
    born_by = max(reached) - timedelta(days=365 * VOTING_AGE)
    candidates = await (
        await conn.execute(
            """
            SELECT voter_id, county, person_key, date_of_birth FROM voters
            WHERE status = 'suspense' AND status_reason = 'under_age' AND date_of_birth <= %s
            ORDER BY voter_id
            FOR UPDATE
            """,
            (born_by,),
        )
    ).fetchall()
    run = uuid4()  # one correlation id for the run: a day's activations are found together
    activated = 0
    for voter in candidates:
        if not due_for_activation(voter["date_of_birth"], calendar, today):
            continue
        await change_status(conn, voter, ACTIVATION, now=now, cause=run)
        activated += 1
    return activated


async def suspense_report(
    conn: Connection, *, county: County, election_id: str, now: datetime
) -> SuspenseReport | None:
    """1.10.35.8 A(9): the county's voters in suspense for the election, or None if no such
    election. Under-age voters who will be 18 by it carry the day they become active."""
    election = await find_election(conn, election_id)
    if election is None:
        return None
    calendar = await election_days(conn)
    today = county_today(now)
    rows = await (
        await conn.execute(
            "SELECT voter_id, first_name, middle_name, last_name, suffix, date_of_birth, status_reason"
            " FROM voters WHERE county = %s AND status = 'suspense'"
            " ORDER BY last_name, first_name, voter_id",
            (county,),
        )
    ).fetchall()
    voters = [
        SuspendedVoter(
            **row,
            activates_on=activates_on(row["date_of_birth"], election.election_date, calendar)
            if row["status_reason"] == StatusReason.under_age
            else None,
        )
        for row in rows
    ]
    return SuspenseReport(
        county=county,
        election=election,
        today=today,
        days_before_election=(election.election_date - today).days,
        report_days=report_days(today, election.election_date),
        voters=voters,
    )


def seconds_until_next_run(now: datetime, interval_seconds: float) -> float:
    """The wait before the next activation run: the interval, but never past the first second
    of New Mexico's next day, so a run falls on every county day whatever the interval."""
    tomorrow = datetime.combine(county_today(now) + timedelta(days=1), time(0), NEW_MEXICO)
    until_midnight = (tomorrow - now).total_seconds() + 1
    return max(0.0, min(interval_seconds, until_midnight))


def under_age_activator(
    interval_seconds: float, clock: Clock = lambda: datetime.now(UTC)
) -> BackgroundJob:
    """A background job applying A(9)'s activation every ``interval_seconds`` and at the start of
    every New Mexico day, logging a start and an end."""

    async def activate(conn: Connection) -> dict[str, object]:
        return {"activated": await activate_under_age_voters(conn, now=clock())}

    return periodic(
        "under-age activation", activate, lambda: seconds_until_next_run(clock(), interval_seconds)
    )
