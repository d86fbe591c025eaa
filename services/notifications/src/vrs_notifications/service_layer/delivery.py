"""Getting notices out: render what is scheduled, e-mail where an address was given, and post
every letter, through the mail vendor or the county's print batch of the day.

A notice is sent once its letter is posted (and, for 1.10.35.8 A(2), e-mailed too): the letter
is what the clauses order ("return the form", "send a notice", "mail"); an e-mail is sent as
well wherever the recipient gave an address. The D(1) answer to a contact request is e-mailed
alone where the applicant gave an address, and posted only where not. A letter with no address to post it to fails, and
shows in the county's SLA view for the clerk to handle.
"""

import csv
import io
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID, uuid4

import aiosmtplib

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Language
from vrs_notifications.adapters.letters import LetterRenderer, RenderedLetter, bundle_pdf
from vrs_notifications.adapters.mail_vendor import MailVendorError
from vrs_notifications.domain.calendar import county_clock, local_today
from vrs_notifications.domain.state import NoticeState
from vrs_notifications.service_layer.notices import (
    latest_letter,
    move_notice,
    recipient_of,
    record_delivery,
    render_notice,
)
from vrs_notifications.service_layer.scheduling import SYSTEM
from vrs_plumbing.db import Connection

log = logging.getLogger(__name__)
BATCH_SIZE = 200
MANIFEST_COLUMNS = (
    "sequence",
    "notice_id",
    "type",
    "clause",
    "language",
    "due_date",
    "letter_version",
    "recipient",
    "address",
)


class Mailer(Protocol):
    """Sends a letter by e-mail."""

    async def send(self, to: str, letter: RenderedLetter, message_id: str) -> None:
        """Send ``letter`` to ``to``."""


class Vendor(Protocol):
    """Posts a letter for the county."""

    async def submit(
        self, idempotency_key: str, county: str, address_lines: list[str], pdf: bytes
    ) -> str:
        """Hand the letter over; returns the vendor's reference."""


@dataclass(frozen=True)
class Outlets:
    """How letters leave: the renderer, e-mail if configured, the vendor if configured."""

    renderer: LetterRenderer
    mailer: Mailer | None = None
    vendor: Vendor | None = None


async def _locked(conn: Connection, state: NoticeState) -> list[dict[str, Any]]:
    rows = await (
        await conn.execute(
            "SELECT * FROM notices WHERE state = %s ORDER BY due_date, created_at"
            " LIMIT %s FOR UPDATE SKIP LOCKED",
            (state, BATCH_SIZE),
        )
    ).fetchall()
    return list(rows)


async def deliver_notices(conn: Connection, outlets: Outlets, now: datetime) -> dict[str, int]:
    """One round: render the scheduled notices, then send every rendered one on each channel it
    still lacks. Returns the counts to log."""
    counts = {"rendered": 0, "emailed": 0, "posted": 0, "failed": 0}
    for notice in await _locked(conn, NoticeState.scheduled):
        await render_notice(conn, notice, outlets.renderer, SYSTEM, now)
        counts["rendered"] += 1
    for notice in await _locked(conn, NoticeState.rendered):
        outcome = await _send(conn, notice, outlets, now)
        for key in outcome:
            counts[key] += 1
    return counts


async def _send(
    conn: Connection, notice: dict[str, Any], outlets: Outlets, now: datetime
) -> list[str]:
    letter_row = await latest_letter(conn, notice["notice_id"])
    assert letter_row is not None  # a rendered notice has its letter
    version: int = letter_row["version"]
    done_rows = await (
        await conn.execute(
            "SELECT DISTINCT channel FROM deliveries WHERE notice_id = %s AND version = %s",
            (notice["notice_id"], version),
        )
    ).fetchall()
    done = {row["channel"] for row in done_rows}
    outcome: list[str] = []
    email = notice["recipient"]["email"]
    if email and outlets.mailer is not None and "email" not in done:
        letter = RenderedLetter(
            letter_row["subject"], letter_row["text_body"], letter_row["html_body"], b""
        )
        try:
            await outlets.mailer.send(email, letter, f"notice-{notice['notice_id']}-v{version}")
        except (aiosmtplib.SMTPException, OSError) as exc:
            log.warning(
                "notice e-mail failed; retried next round",
                extra={"notice_id": str(notice["notice_id"]), "error": type(exc).__name__},
            )
        else:
            notice = await record_delivery(
                conn, notice, channel="email", method="smtp", version=version, actor=SYSTEM, now=now
            )
            outcome.append("emailed")
    if "mail" in done or "mail" not in notice["required_channels"]:
        return outcome  # posted already, or answered by e-mail alone (1.10.35.8 D(1))
    recipient = recipient_of(notice)
    if not recipient.mailable:
        await move_notice(
            conn, notice, NoticeState.failed, SYSTEM, now=now, note="no address to post it to"
        )
        return [*outcome, "failed"]
    county = County(notice["county"])
    if outlets.vendor is not None:
        try:
            reference = await outlets.vendor.submit(
                f"notice-{notice['notice_id']}-v{version}",
                county,
                recipient.address_lines(),
                bytes(letter_row["pdf"]),
            )
        except MailVendorError as exc:
            log.warning(
                "mail vendor did not take the letter; retried next round",
                extra={"notice_id": str(notice["notice_id"]), "error": str(exc)},
            )
            return outcome
        await record_delivery(
            conn,
            notice,
            channel="mail",
            method="vendor",
            version=version,
            actor=SYSTEM,
            now=now,
            reference=reference,
        )
    else:
        batch_id = await print_batch_of(conn, county, now)
        await record_delivery(
            conn,
            notice,
            channel="mail",
            method="print_batch",
            version=version,
            actor=SYSTEM,
            now=now,
            batch_id=batch_id,
        )
    return [*outcome, "posted"]


async def print_batch_of(conn: Connection, county: County, now: datetime) -> UUID:
    """The county's print batch of today (in its calendar), made on first use."""
    day = local_today(now, county_clock(county))
    await conn.execute(
        "INSERT INTO print_batches (batch_id, county, batch_date) VALUES (%s, %s, %s)"
        " ON CONFLICT (county, batch_date) DO NOTHING",
        (uuid4(), county, day),
    )
    row = await (
        await conn.execute(
            "SELECT batch_id FROM print_batches WHERE county = %s AND batch_date = %s",
            (county, day),
        )
    ).fetchone()
    assert row is not None
    batch_id: UUID = row["batch_id"]
    return batch_id


async def print_batches(conn: Connection, counties: list[County]) -> list[dict[str, Any]]:
    """The print batches of ``counties``, newest first, with how many letters each holds."""
    rows = await (
        await conn.execute(
            "SELECT b.batch_id, b.county, b.batch_date, count(d.id) AS letters"
            " FROM print_batches b LEFT JOIN deliveries d ON d.batch_id = b.batch_id"
            " WHERE b.county = ANY(%s) GROUP BY b.batch_id ORDER BY b.batch_date DESC, b.county",
            ([str(c) for c in counties],),
        )
    ).fetchall()
    return list(rows)


async def batch_county(conn: Connection, batch_id: UUID) -> County | None:
    """The county of a print batch, or None when there is no such batch."""
    row = await (
        await conn.execute("SELECT county FROM print_batches WHERE batch_id = %s", (batch_id,))
    ).fetchone()
    return None if row is None else County(row["county"])


async def batch_contents(conn: Connection, batch_id: UUID) -> tuple[bytes, str]:
    """A print batch's PDF bundle (every letter from a new page, in order) and its CSV
    manifest (one row per letter, in the same order)."""
    rows = await (
        await conn.execute(
            "SELECT n.notice_id, n.notice_type, n.clause, n.language, n.due_date, n.recipient,"
            " n.county, l.version, l.subject, l.text_body"
            " FROM deliveries d JOIN notices n ON n.notice_id = d.notice_id"
            " JOIN letters l ON l.notice_id = d.notice_id AND l.version = d.version"
            " WHERE d.batch_id = %s ORDER BY d.id",
            (batch_id,),
        )
    ).fetchall()
    manifest = io.StringIO()
    writer = csv.writer(manifest)
    writer.writerow(MANIFEST_COLUMNS)
    for sequence, row in enumerate(rows, start=1):
        recipient = recipient_of(row)
        address = recipient.address_lines()
        writer.writerow(
            (
                sequence,
                row["notice_id"],
                row["notice_type"],
                row["clause"],
                row["language"],
                row["due_date"].isoformat(),
                row["version"],
                _cell(recipient.full_name or ""),
                _cell(" / ".join(address[1:] if recipient.full_name else address)),
            )
        )
    pdf = bundle_pdf((row["subject"], row["text_body"], Language(row["language"])) for row in rows)
    return pdf, manifest.getvalue()


def _cell(text: str) -> str:
    """A manifest cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text
