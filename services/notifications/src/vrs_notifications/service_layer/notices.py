"""Notices as the service keeps them: reading, moving through their states, recording deliveries,
re-prints, hand mailings and returns, and the SLA view per county."""

import logging
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from opentelemetry import metrics

from vrs_contracts.counties import County
from vrs_contracts.envelope import envelope
from vrs_contracts.events import NoticeDeadlineReached, NoticeMailReturned
from vrs_contracts.people import Address, PersonName
from vrs_contracts.vocabulary import Language
from vrs_notifications.adapters.letters import LetterRenderer, RenderedLetter
from vrs_notifications.domain.calendar import county_clock, local_today
from vrs_notifications.domain.catalog import NoticeType
from vrs_notifications.domain.letter import LetterFacts, Recipient
from vrs_notifications.domain.sla import SlaBucket, sent_late, sla_bucket
from vrs_notifications.domain.state import NoticeState, Transition, is_sent, transition
from vrs_notifications.service_layer.scheduling import NEW_MEXICO_HOLIDAYS
from vrs_plumbing.db import Connection
from vrs_plumbing.outbox import add_to_outbox

log = logging.getLogger(__name__)
SOURCE = "/vrs/notifications"
SENT_LATE = metrics.get_meter("vrs.notifications").create_counter(
    "vrs.notices.sent_late",
    unit="{notice}",
    description="Notices that went out after their due date.",
)
_ONE_DAY = timedelta(days=1)
NOT_OUT = (NoticeState.scheduled, NoticeState.rendered, NoticeState.failed)

NOTICE_COLUMNS = (
    "notice_id, notice_type, clause, language, due_date, state, sent_at, county,"
    " application_id, voter_id, contact_request_id"
)
SUBJECT_COLUMNS = ("application_id", "voter_id", "contact_request_id")
"""What a notice can be about, each a column of ``notices``."""


async def notices_of(conn: Connection, column: str, value: UUID) -> list[dict[str, Any]]:
    """The notices about one application, voter or contact request (``column``, one of
    ``SUBJECT_COLUMNS``), oldest first."""
    if column not in SUBJECT_COLUMNS:
        raise ValueError(f"notices are not kept by {column}")
    rows = await (
        await conn.execute(
            f"SELECT {NOTICE_COLUMNS} FROM notices WHERE {column} = %s ORDER BY created_at, notice_type",  # noqa: S608 -- column is one of SUBJECT_COLUMNS
            (value,),
        )
    ).fetchall()
    return list(rows)


async def load_notice(
    conn: Connection, notice_id: UUID, *, lock: bool = False
) -> dict[str, Any] | None:
    """A whole notice row, locked for a change when ``lock``."""
    query = "SELECT * FROM notices WHERE notice_id = %s"
    if lock:
        query += " FOR UPDATE"
    row: dict[str, Any] | None = await (await conn.execute(query, (notice_id,))).fetchone()
    return row


async def history_of(conn: Connection, notice_id: UUID) -> list[dict[str, Any]]:
    """A notice's history, oldest first."""
    return list(
        await (
            await conn.execute(
                "SELECT from_state, to_state, actor, note, at FROM notice_history"
                " WHERE notice_id = %s ORDER BY id",
                (notice_id,),
            )
        ).fetchall()
    )


async def _write_history(
    conn: Connection, notice_id: UUID, move: Transition, now: datetime
) -> None:
    await conn.execute(
        "INSERT INTO notice_history (notice_id, from_state, to_state, actor, note, at)"
        " VALUES (%s, %s, %s, %s, %s, %s)",
        (notice_id, move.from_state, move.to_state, move.actor, move.note, now),
    )


async def move_notice(
    conn: Connection,
    notice: dict[str, Any],
    target: NoticeState,
    actor: str,
    *,
    now: datetime,
    note: str | None = None,
) -> dict[str, Any]:
    """Move ``notice`` (a locked row) to ``target``, with its history; going out sets ``sent_at``
    and counts a late one (in the county's calendar)."""
    move = transition(NoticeState(notice["state"]), target, actor, note)
    sent_at, late = notice["sent_at"], notice["sent_late"]
    if target is NoticeState.sent:
        sent_at = now
        late = sent_late(
            notice["due_date"], local_today(now, county_clock(County(notice["county"])))
        )
        if late:
            SENT_LATE.add(1, {"county": notice["county"], "notice_type": notice["notice_type"]})
            log.warning(
                "notice sent late",
                extra={
                    "notice_id": str(notice["notice_id"]),
                    "due_date": notice["due_date"].isoformat(),
                },
            )
    await conn.execute(
        "UPDATE notices SET state = %s, sent_at = %s, sent_late = %s WHERE notice_id = %s",
        (target, sent_at, late, notice["notice_id"]),
    )
    await _write_history(conn, notice["notice_id"], move, now)
    return {**notice, "state": target, "sent_at": sent_at, "sent_late": late}


def recipient_of(notice: dict[str, Any]) -> Recipient:
    """Who a notice row goes to."""
    recipient = notice["recipient"]
    return Recipient(
        name=PersonName.model_validate(recipient["name"]) if recipient["name"] else None,
        mailing_address=Address.model_validate(recipient["mailing_address"])
        if recipient["mailing_address"]
        else None,
        email=recipient["email"],
    )


def letter_facts(notice: dict[str, Any], written_on: date) -> LetterFacts:
    """What the letter of a notice row states."""
    return LetterFacts(
        notice_id=notice["notice_id"],
        notice_type=NoticeType(notice["notice_type"]),
        clause=notice["clause"],
        language=Language(notice["language"]),
        county=County(notice["county"]),
        recipient=recipient_of(notice),
        written_on=written_on,
        reasons=tuple(notice["reasons"]),
        details=notice["details"],
    )


async def render_notice(
    conn: Connection,
    notice: dict[str, Any],
    renderer: LetterRenderer,
    actor: str,
    now: datetime,
    *,
    note: str | None = None,
) -> tuple[dict[str, Any], int, RenderedLetter]:
    """Write the notice's letter (a new version) and move it to rendered."""
    written_on = local_today(now, county_clock(County(notice["county"])))
    letter = renderer.render(letter_facts(notice, written_on))
    version_row = await (
        await conn.execute(
            "SELECT COALESCE(max(version), 0) + 1 AS version FROM letters WHERE notice_id = %s",
            (notice["notice_id"],),
        )
    ).fetchone()
    assert version_row is not None
    version: int = version_row["version"]
    await conn.execute(
        "INSERT INTO letters (notice_id, version, pdf, text_body, html_body, subject, rendered_by, rendered_at)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        (
            notice["notice_id"],
            version,
            letter.pdf,
            letter.text,
            letter.html,
            letter.subject,
            actor,
            now,
        ),
    )
    moved = await move_notice(
        conn,
        notice,
        NoticeState.rendered,
        actor,
        now=now,
        note=f"letter version {version}" + (f": {note}" if note else ""),
    )
    return moved, version, letter


async def latest_letter(conn: Connection, notice_id: UUID) -> dict[str, Any] | None:
    """The newest rendering of a notice's letter."""
    row: dict[str, Any] | None = await (
        await conn.execute(
            "SELECT * FROM letters WHERE notice_id = %s ORDER BY version DESC LIMIT 1", (notice_id,)
        )
    ).fetchone()
    return row


async def record_delivery(
    conn: Connection,
    notice: dict[str, Any],
    *,
    channel: str,
    method: str,
    version: int,
    actor: str,
    now: datetime,
    batch_id: UUID | None = None,
    reference: str | None = None,
) -> dict[str, Any]:
    """Record that one channel of a rendered notice went out; once every required channel did,
    the notice is sent."""
    await conn.execute(
        "INSERT INTO deliveries (notice_id, channel, method, version, batch_id, reference, actor, at)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        (notice["notice_id"], channel, method, version, batch_id, reference, actor, now),
    )
    done = await (
        await conn.execute(
            "SELECT DISTINCT channel FROM deliveries WHERE notice_id = %s AND version = %s",
            (notice["notice_id"], version),
        )
    ).fetchall()
    delivered = frozenset(row["channel"] for row in done)
    if notice["state"] == NoticeState.rendered and is_sent(
        frozenset(notice["required_channels"]), delivered
    ):
        return await move_notice(
            conn, notice, NoticeState.sent, actor, now=now, note=f"{channel} by {method}"
        )
    return notice


async def record_return(
    conn: Connection, notice: dict[str, Any], actor: str, now: datetime, reason: str | None
) -> dict[str, Any]:
    """A mailed notice came back undeliverable: returned, and published for the NVRA designation
    (1.10.35.7 U, 1.10.35.9 A(2))."""
    moved = await move_notice(conn, notice, NoticeState.returned, actor, now=now, note=reason)
    returned = NoticeMailReturned(
        notice_id=notice["notice_id"],
        county=County(notice["county"]),
        notice_type=notice["notice_type"],
        application_id=notice["application_id"],
        voter_id=notice["voter_id"],
        returned_at=now,
        recorded_by=actor,
        reason=reason,
    )
    await add_to_outbox(
        conn,
        envelope(
            returned, source=SOURCE, correlation_id=uuid4(), subject=f"notice/{notice['notice_id']}"
        ),
        key=str(notice["notice_id"]),
    )
    return moved


async def raise_deadline_alarms(conn: Connection, now: datetime) -> int:
    """Every notice on (or past) its last day and not yet out raises its alarm once: a warning in
    the log and a ``NoticeDeadlineReached`` event for the county."""
    candidates = await (
        await conn.execute(
            "SELECT * FROM notices WHERE state = ANY(%s) AND deadline_alarm_at IS NULL"
            " AND due_date <= %s FOR UPDATE SKIP LOCKED",
            ([str(s) for s in NOT_OUT], now.date() + _ONE_DAY),
        )
    ).fetchall()
    raised = 0
    for notice in candidates:
        today = local_today(now, county_clock(County(notice["county"])))
        if notice["due_date"] > today:
            continue
        log.warning(
            "notice on its last business day and not sent",
            extra={
                "notice_id": str(notice["notice_id"]),
                "county": notice["county"],
                "notice_type": notice["notice_type"],
                "due_date": notice["due_date"].isoformat(),
            },
        )
        event = NoticeDeadlineReached(
            notice_id=notice["notice_id"],
            county=County(notice["county"]),
            notice_type=notice["notice_type"],
            clause=notice["clause"],
            due_date=notice["due_date"],
            application_id=notice["application_id"],
            voter_id=notice["voter_id"],
        )
        await add_to_outbox(
            conn,
            envelope(
                event,
                source=SOURCE,
                correlation_id=uuid4(),
                subject=f"notice/{notice['notice_id']}",
            ),
            key=str(notice["notice_id"]),
        )
        await conn.execute(
            "UPDATE notices SET deadline_alarm_at = %s WHERE notice_id = %s",
            (now, notice["notice_id"]),
        )
        raised += 1
    return raised


async def sla_view(
    conn: Connection, counties: Sequence[County], now: datetime
) -> list[dict[str, Any]]:
    """Per county: the notices not yet out that are overdue, due today, due by the next business
    day; and how many went out late."""
    rows = await (
        await conn.execute(
            f"SELECT {NOTICE_COLUMNS} FROM notices WHERE county = ANY(%s) AND state = ANY(%s)"  # noqa: S608 -- constant columns
            " ORDER BY due_date, created_at",
            ([str(c) for c in counties], [str(s) for s in NOT_OUT]),
        )
    ).fetchall()
    late = await (
        await conn.execute(
            "SELECT county, count(*) AS n FROM notices WHERE county = ANY(%s) AND sent_late"
            " GROUP BY county",
            ([str(c) for c in counties],),
        )
    ).fetchall()
    late_by_county = {row["county"]: row["n"] for row in late}
    views = []
    for county in counties:
        today = local_today(now, county_clock(county))
        buckets: dict[SlaBucket, list[dict[str, Any]]] = {bucket: [] for bucket in SlaBucket}
        for row in rows:
            if row["county"] == county:
                buckets[sla_bucket(row["due_date"], today, NEW_MEXICO_HOLIDAYS)].append(row)
        views.append(
            {
                "county": county,
                "today": today,
                "overdue": buckets[SlaBucket.overdue],
                "due_today": buckets[SlaBucket.due_today],
                "due_tomorrow": buckets[SlaBucket.due_tomorrow],
                "sent_late": late_by_county.get(county, 0),
            }
        )
    return views
