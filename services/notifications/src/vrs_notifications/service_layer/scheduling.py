"""Handlers of registration's events: each schedules the notices (or the referral) it calls for.

Idempotent twice over: the inbox drops a redelivered event, and (trigger_key, notice_type) is
unique, so the same decision published again under a new event id never makes a second notice.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from psycopg.types.json import Jsonb

from vrs_contracts.counties import County
from vrs_contracts.envelope import CloudEvent
from vrs_contracts.events import (
    ApplicationReferredForFraud,
    ApplicationRejected,
    ContactRequested,
    FullSsnRequested,
    VoterRecordUpdated,
    VoterRegistered,
    VoterStatusChanged,
)
from vrs_contracts.vocabulary import Language
from vrs_notifications.adapters.nm_holidays import new_mexico_holidays
from vrs_notifications.domain.calendar import county_clock, due_date
from vrs_notifications.domain.catalog import (
    CATALOG,
    NoticeType,
    OwedNotice,
    ReferralReason,
    notice_for_registration,
    notice_for_status_change,
    notice_for_update,
    notices_for_rejection,
    referral_for_rejection,
)
from vrs_notifications.domain.letter import Recipient
from vrs_notifications.domain.state import NoticeState
from vrs_plumbing.db import Connection

log = logging.getLogger(__name__)
SYSTEM = "system:notifications"
NEW_MEXICO_HOLIDAYS = new_mexico_holidays()


@dataclass(frozen=True)
class Trigger:
    """The event a notice answers, and what identifies its decision whatever the event id."""

    key: str
    event_id: UUID
    at: datetime
    county: County
    language: Language
    application_id: UUID | None = None
    voter_id: UUID | None = None
    clause: str | None = None
    contact_request_id: UUID | None = None


async def schedule_notice(
    conn: Connection,
    trigger: Trigger,
    owed: OwedNotice,
    recipient: Recipient,
    details: dict[str, str] | None = None,
) -> UUID | None:
    """Schedule one notice with its due date; None when this decision already has it."""
    spec = CATALOG[owed.notice_type]
    due = due_date(trigger.at, spec.deadline, county_clock(trigger.county), NEW_MEXICO_HOLIDAYS)
    channels = list(spec.required_channels(email_given=bool(recipient.email)))
    row = await (
        await conn.execute(
            """
            INSERT INTO notices (notice_id, notice_type, clause, county, language, application_id,
                voter_id, contact_request_id, trigger_key, trigger_event_id, triggered_at, due_date,
                state, reasons, recipient, details, required_channels)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
            ON CONFLICT (trigger_key, notice_type) DO NOTHING
            RETURNING notice_id
            """,
            (
                uuid4(),
                owed.notice_type,
                spec.clause_for(trigger.clause),
                trigger.county,
                trigger.language,
                trigger.application_id,
                trigger.voter_id,
                trigger.contact_request_id,
                trigger.key,
                trigger.event_id,
                trigger.at,
                due,
                NoticeState.scheduled,
                list(owed.reasons),
                Jsonb(_recipient_json(recipient)),
                Jsonb(details or {}),
                channels,
            ),
        )
    ).fetchone()
    if row is None:
        log.info(
            "notice already scheduled",
            extra={"trigger_event_id": str(trigger.event_id), "notice_type": owed.notice_type},
        )
        return None
    await conn.execute(
        "INSERT INTO notice_history (notice_id, from_state, to_state, actor, note)"
        " VALUES (%s, NULL, 'scheduled', %s, %s)",
        (row["notice_id"], SYSTEM, f"due {due.isoformat()} ({spec.deadline}, {spec.clause})"),
    )
    log.info(
        "notice scheduled",
        extra={
            "notice_id": str(row["notice_id"]),
            "notice_type": owed.notice_type,
            "county": trigger.county,
            "due_date": due.isoformat(),
        },
    )
    notice_id: UUID = row["notice_id"]
    return notice_id


def _recipient_json(recipient: Recipient) -> dict[str, object]:
    return {
        "name": recipient.name.model_dump(mode="json") if recipient.name else None,
        "mailing_address": recipient.mailing_address.model_dump(mode="json")
        if recipient.mailing_address
        else None,
        "email": recipient.email,
    }


async def refer_to_prosecutor(
    conn: Connection,
    trigger: Trigger,
    reason: ReferralReason,
    clause: str,
    statement: str,
    *,
    reasons: Sequence[str] = (),
    referred_by: str | None = None,
) -> None:
    """A referral record to the assigned election prosecutor of the county, with its reasons
    (1.10.35.8 C(5), C(7)); once per decision."""
    await conn.execute(
        """
        INSERT INTO referrals (referral_id, reason, clause, county, application_id, voter_id,
            statement, reasons, referred_by, trigger_key, trigger_event_id)
        VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
        ON CONFLICT (trigger_key, reason) DO NOTHING
        """,
        (
            uuid4(),
            reason,
            clause,
            trigger.county,
            trigger.application_id,
            trigger.voter_id,
            statement,
            list(reasons),
            referred_by,
            trigger.key,
            trigger.event_id,
        ),
    )


async def on_application_rejected(conn: Connection, event: CloudEvent[ApplicationRejected]) -> None:
    """1.10.35.8 C: the letters a rejection owes, due five business days after it; a confirmed
    death is referred to the election prosecutor instead (C(5))."""
    data = event.data
    trigger = Trigger(
        key=f"application:{data.application_id}:rejected",
        event_id=event.id,
        at=data.rejected_at,
        county=data.county,
        language=data.language,
        application_id=data.application_id,
    )
    recipient = Recipient(data.name, data.mailing_address, data.email)
    for owed in notices_for_rejection(data.rejection_reasons):
        await schedule_notice(conn, trigger, owed, recipient)
    reason = referral_for_rejection(data.rejection_reasons)
    if reason is not None:
        await refer_to_prosecutor(
            conn,
            trigger,
            reason,
            "1.10.35.8 C(5)",
            "The application matched a death record; the death was confirmed and the "
            "application rejected.",
        )


async def on_full_ssn_requested(conn: Connection, event: CloudEvent[FullSsnRequested]) -> None:
    """1.10.35.8 A(2): e-mail and mail, within five (calendar) days, the directions to give the
    full SSN through the secure link."""
    data = event.data
    trigger = Trigger(
        key=f"application:{data.application_id}:full_ssn:{data.requested_at.isoformat()}",
        event_id=event.id,
        at=data.requested_at,
        county=data.county,
        language=data.language,
        application_id=data.application_id,
    )
    await schedule_notice(
        conn,
        trigger,
        OwedNotice(NoticeType.full_ssn_request),
        Recipient(data.name, data.mailing_address, data.email),
        {"secure_link": data.secure_link, "link_expires": data.link_expires_at.date().isoformat()},
    )


async def on_voter_registered(conn: Connection, event: CloudEvent[VoterRegistered]) -> None:
    """A new voter record made by an application: the acknowledgement, or the suspense notice
    (1.10.35.8 A(9) under age, F(1) incomplete). A voter loaded from a county's file is owed
    nothing: the county wrote to it when it registered."""
    data = event.data
    notice_type = notice_for_registration(data.status, data.status_reason)
    if notice_type is None or data.application_id is None:
        return
    trigger = Trigger(
        key=f"voter:{data.voter_id}:registered",
        event_id=event.id,
        at=event.time,
        county=data.county,
        language=data.language or Language.en,
        application_id=data.application_id,
        voter_id=data.voter_id,
    )
    address = data.mailing_address or data.registrant.residence_address
    await schedule_notice(
        conn, trigger, OwedNotice(notice_type), Recipient(data.registrant.name, address, data.email)
    )


async def on_voter_status_changed(conn: Connection, event: CloudEvent[VoterStatusChanged]) -> None:
    """Not eligible for felony incarceration: the notice with how to become eligible (1.10.35.8
    C(4), 1.10.35.9 D(2), 1.10.35.8 F(3)(b)); inactive for a confirmation mailing: the NVRA
    confirmation card (1.10.35.9 A(3))."""
    data = event.data
    notice_type = notice_for_status_change(data.new_status, data.status_reason)
    if notice_type is None:
        return
    trigger = Trigger(
        key=f"voter:{data.voter_id}:status:{data.changed_at.isoformat()}",
        event_id=event.id,
        at=data.changed_at,
        county=data.county,
        language=data.language or Language.en,
        voter_id=data.voter_id,
        clause=data.clause,
    )
    await schedule_notice(
        conn,
        trigger,
        OwedNotice(notice_type, (str(data.status_reason),)),
        Recipient(data.name, data.mailing_address, data.email),
    )


async def on_voter_record_updated(conn: Connection, event: CloudEvent[VoterRecordUpdated]) -> None:
    """1.10.35.9 A(5): after a move to another county, a new certificate of registration."""
    data = event.data
    notice_type = notice_for_update(transferred=data.transferred_from is not None)
    if notice_type is None:
        return
    trigger = Trigger(
        key=f"voter:{data.voter_id}:update:{data.application_id}",
        event_id=event.id,
        at=data.updated_at,
        county=data.county,
        language=data.language or Language.en,
        application_id=data.application_id,
        voter_id=data.voter_id,
    )
    address = data.mailing_address or data.registrant.residence_address
    await schedule_notice(
        conn,
        trigger,
        OwedNotice(notice_type),
        Recipient(data.registrant.name, address, data.email),
        {"transferred_from": str(data.transferred_from)},
    )


async def on_contact_requested(conn: Connection, event: CloudEvent[ContactRequested]) -> None:
    """1.10.35.8 D(1): an online applicant with no MVD match asked to be contacted: answer within
    five business days that the application cannot be processed online, with the paper form's
    link, and that the county clerk will make contact; by e-mail where one was given."""
    data = event.data
    trigger = Trigger(
        key=f"contact-request:{data.contact_request_id}",
        event_id=event.id,
        at=data.requested_at,
        county=data.county,
        language=data.language,
        contact_request_id=data.contact_request_id,
    )
    await schedule_notice(
        conn,
        trigger,
        OwedNotice(NoticeType.mvd_mismatch_answer),
        Recipient(data.name, data.mailing_address, data.email),
    )


async def on_application_referred_for_fraud(
    conn: Connection, event: CloudEvent[ApplicationReferredForFraud]
) -> None:
    """1.10.35.8 C(7): the clerk believes a complete application fraudulent: a referral to the
    election prosecutor of the county, with the clerk's statement of the reasons."""
    data = event.data
    trigger = Trigger(
        key=f"fraud-referral:{data.referral_id}",
        event_id=event.id,
        at=data.referred_at,
        county=data.county,
        language=Language.en,
        application_id=data.application_id,
        voter_id=data.voter_id,
    )
    await refer_to_prosecutor(
        conn,
        trigger,
        ReferralReason.suspected_fraud,
        "1.10.35.8 C(7)",
        "The county clerk reasonably believes the application fraudulent; a copy of it is "
        "referred with the clerk's statement of the reasons.",
        reasons=data.reasons,
        referred_by=data.referred_by,
    )
