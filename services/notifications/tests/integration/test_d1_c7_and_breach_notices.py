"""The notices that had no trigger, on a real PostgreSQL: the D(1) answer to an online
applicant's contact request (e-mailed to a real SMTP server where an address was given, else
posted), the C(7) referral of a suspicious application to the county's election prosecutor, and
the breach notice (1.10.35.11) addressed from notifications' own voter contacts. Each once only."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

import pytest

from services.notifications.tests.conftest import Notifications, SmtpInbox, wrapped
from vrs_contracts.counties import County
from vrs_contracts.events import (
    ApplicationReferredForFraud,
    BreachNoticeRequested,
    ContactRequested,
    VoterRecordUpdated,
    VoterRegistered,
    VoterStatusChanged,
)
from vrs_contracts.people import Address, PersonName, Registrant, SsnReference
from vrs_contracts.vocabulary import Channel, Language, Role, StatusReason, VoterStatus
from vrs_notifications.adapters.letters import LetterLinks, LetterRenderer
from vrs_notifications.adapters.smtp import SmtpMailer
from vrs_notifications.service_layer import voter_contacts
from vrs_notifications.service_layer.breach_notices import (
    VoterNotKnownError,
    on_breach_notice_requested,
)
from vrs_notifications.service_layer.delivery import Outlets, deliver_notices
from vrs_notifications.service_layer.scheduling import (
    on_application_referred_for_fraud,
    on_contact_requested,
)
from vrs_plumbing.db import Connection

DENVER = ZoneInfo("America/Denver")
MONDAY_MORNING = datetime(2026, 11, 16, 10, 0, tzinfo=DENVER)
RENDERER = LetterRenderer(
    LetterLinks("https://vrs.example", "https://ovr.example", "https://form.example/paper")
)
SANTA_FE, TAOS = County.santa_fe, County.taos


async def rows(conn: Connection, query: str, *params: Any) -> list[dict[str, Any]]:
    return list(await (await conn.execute(query, params)).fetchall())


def contact_request(email: str | None, mailing_address: Address | None = None) -> ContactRequested:
    return ContactRequested(
        contact_request_id=uuid4(),
        identity_check_id=uuid4(),
        county=SANTA_FE,
        requested_at=MONDAY_MORNING,
        language=Language.es,
        name=PersonName(first_name="Inés", last_name="Gallegos"),
        email=email,
        mailing_address=mailing_address,
    )


async def test_d1_a_contact_request_is_answered_by_email_once_due_in_five_business_days(
    notifications: Notifications, smtp_server: tuple[SmtpInbox, int]
) -> None:
    inbox, port = smtp_server
    mailer = SmtpMailer(host="127.0.0.1", port=port, sender="clerk@sf.example", start_tls=False)
    data = contact_request("ines@example.org")
    event = wrapped(data)
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        await on_contact_requested(conn, event)
        await on_contact_requested(conn, event)  # redelivered
        await on_contact_requested(conn, wrapped(data))  # re-published under a new id
        counts = await deliver_notices(conn, Outlets(RENDERER, mailer), MONDAY_MORNING)
        again = await deliver_notices(conn, Outlets(RENDERER, mailer), MONDAY_MORNING)
        (notice,) = await rows(conn, "SELECT * FROM notices")
        letters = await rows(conn, "SELECT version FROM letters")
        deliveries = await rows(conn, "SELECT channel, method FROM deliveries")
    async with notifications.client(Role.county_clerk, SANTA_FE) as clerk:
        listed = await clerk.get(
            "/v1/notices", params={"contact_request_id": str(data.contact_request_id)}
        )
    async with notifications.client(Role.county_clerk, TAOS) as other:
        refused = await other.get(
            "/v1/notices", params={"contact_request_id": str(data.contact_request_id)}
        )

    assert (notice["notice_type"], notice["clause"]) == ("mvd_mismatch_answer", "1.10.35.8 D(1)")
    assert notice["due_date"] == date(2026, 11, 23)
    assert notice["required_channels"] == ["email"]
    assert notice["contact_request_id"] == data.contact_request_id
    assert notice["state"] == "sent"
    assert counts == {"rendered": 1, "emailed": 1, "posted": 0, "failed": 0}
    assert again == {"rendered": 0, "emailed": 0, "posted": 0, "failed": 0}
    assert len(letters) == 1
    assert [(d["channel"], d["method"]) for d in deliveries] == [("email", "smtp")]
    ((recipients, message),) = inbox.messages
    assert recipients == ["ines@example.org"]
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "no se puede procesar en línea" in text
    assert "https://form.example/paper" in text
    assert "el secretario del condado de Santa Fe se comunicará con usted" in text
    assert listed.status_code == 200, listed.text
    assert [(n["type"], n["contact_request_id"]) for n in listed.json()] == [
        ("mvd_mismatch_answer", str(data.contact_request_id))
    ]
    assert refused.status_code == 403


async def test_d1_without_an_email_the_answer_is_posted_in_the_print_batch(
    notifications: Notifications,
) -> None:
    data = contact_request(None, Address(street="PO Box 7", city="Santa Fe", state="NM"))
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        await on_contact_requested(conn, wrapped(data))
        counts = await deliver_notices(conn, Outlets(RENDERER), MONDAY_MORNING)
        (notice,) = await rows(conn, "SELECT * FROM notices")
        deliveries = await rows(conn, "SELECT channel, method FROM deliveries")
    assert notice["required_channels"] == ["mail"]
    assert notice["state"] == "sent"
    assert counts["posted"] == 1
    assert [(d["channel"], d["method"]) for d in deliveries] == [("mail", "print_batch")]


async def test_c7_a_fraud_referral_is_recorded_once_for_the_countys_prosecutor(
    notifications: Notifications,
) -> None:
    data = ApplicationReferredForFraud(
        referral_id=uuid4(),
        application_id=uuid4(),
        channel=Channel.paper,
        county=TAOS,
        reasons=["the signature differs from the one on file", "twelve forms from one address"],
        referred_by="clerk-taos",
        referred_at=MONDAY_MORNING,
    )
    event = wrapped(data)
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        await on_application_referred_for_fraud(conn, event)
        await on_application_referred_for_fraud(conn, event)
        await on_application_referred_for_fraud(conn, wrapped(data))
        referrals = await rows(conn, "SELECT * FROM referrals")
        notices = await rows(conn, "SELECT * FROM notices")
    (referral,) = referrals
    assert (referral["reason"], referral["clause"], referral["county"]) == (
        "suspected_fraud",
        "1.10.35.8 C(7)",
        "taos",
    )
    assert referral["application_id"] == data.application_id
    assert referral["reasons"] == data.reasons
    assert referral["referred_by"] == "clerk-taos"
    assert notices == []  # a record for the prosecutor, not a letter to the applicant


def registrant(street: str) -> Registrant:
    return Registrant(
        name=PersonName(first_name="Rosa", last_name="Vigil"),
        date_of_birth=date(1960, 5, 6),
        ssn=SsnReference(last4="0199"),
        residence_address=Address(street=street, city="Santa Fe", state="NM", zip="87501"),
    )


async def test_the_voter_contacts_follow_registration_and_the_breach_notice_uses_them(
    notifications: Notifications,
) -> None:
    voter_id = uuid4()
    loaded = VoterRegistered(  # a voter of a county's file: no letter fields but its address
        voter_id=voter_id,
        source_id="SF-1",
        county=SANTA_FE,
        status=VoterStatus.active,
        registrant=registrant("1 Plaza"),
        party="DTS",
        registered_on=date(2010, 1, 1),
    )
    inactive = VoterStatusChanged(  # a change that carries no letter fields keeps what is known
        voter_id=voter_id,
        county=SANTA_FE,
        old_status=VoterStatus.active,
        new_status=VoterStatus.inactive,
        status_reason=StatusReason.confirmation_mailing,
        clause="1.10.35.9 A(3)",
        actor="system:registration",
        changed_at=MONDAY_MORNING - timedelta(days=30),
    )
    moved = VoterRecordUpdated(  # a later certificate: new county, address, e-mail, language
        voter_id=voter_id,
        county=TAOS,
        transferred_from=SANTA_FE,
        application_id=uuid4(),
        registrant=registrant("3 Kit Carson Rd"),
        updated_at=MONDAY_MORNING - timedelta(days=10),
        language=Language.es,
        mailing_address=Address(street="PO Box 12", city="Taos", state="NM", zip="87571"),
        email="rosa@example.org",
    )
    breach = BreachNoticeRequested(
        incident_id=uuid4(),
        voter_id=voter_id,
        exposed_data=["name", "residence address"],
        exposed_from=datetime(2026, 11, 2, 15, 0, tzinfo=UTC),
        exposed_until=datetime(2026, 11, 5, 3, 0, tzinfo=UTC),  # 4 November in New Mexico
        exposed_to="one county user account without a need to know",
        office_action="The account was disabled and its reads reviewed.",
        requested_by="auditor-1",
    )
    breach_event = wrapped(breach).model_copy(update={"time": MONDAY_MORNING})
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        await voter_contacts.on_voter_record_made(conn, wrapped(loaded))
        await voter_contacts.on_voter_status_changed(conn, wrapped(inactive))
        (kept,) = await rows(conn, "SELECT * FROM voter_contacts")
        await voter_contacts.on_voter_record_made(conn, wrapped(moved))
        await on_breach_notice_requested(conn, breach_event)
        await on_breach_notice_requested(conn, breach_event)  # redelivered
        await on_breach_notice_requested(conn, wrapped(breach))  # re-published
        (notice,) = await rows(conn, "SELECT * FROM notices")
        await deliver_notices(conn, Outlets(RENDERER), MONDAY_MORNING)
        (letter,) = await rows(conn, "SELECT text_body FROM letters")
    async with notifications.client(Role.county_clerk, TAOS) as clerk:
        listed = await clerk.get("/v1/notices", params={"voter_id": str(voter_id)})

    assert kept["name"]["last_name"] == "Vigil"
    assert kept["mailing_address"]["street"] == "1 Plaza"
    assert (kept["county"], kept["language"], kept["email"]) == ("santa_fe", "en", None)
    assert (notice["notice_type"], notice["clause"]) == ("breach_notice", "1.10.35.11")
    assert (notice["county"], notice["language"]) == ("taos", "es")
    assert notice["due_date"] == date(2026, 11, 23)
    assert notice["reasons"] == ["name", "residence address"]
    assert notice["recipient"]["mailing_address"]["street"] == "PO Box 12"
    assert notice["recipient"]["email"] == "rosa@example.org"
    assert notice["details"]["exposed_until"] == "2026-11-04"
    text = letter["text_body"]
    assert "Qué se expuso: nombre, dirección de residencia." in text
    assert "del 2 de noviembre de 2026 al 4 de noviembre de 2026" in text
    assert "one county user account without a need to know" in text
    assert "The account was disabled" in text
    assert "PO Box 12" in text
    assert "0199" not in text
    assert [n["type"] for n in listed.json()] == ["breach_notice"]


async def test_a_breach_notice_for_a_voter_not_yet_known_is_retried_not_dropped(
    notifications: Notifications,
) -> None:
    breach = BreachNoticeRequested(
        incident_id=uuid4(),
        voter_id=UUID(int=42),
        exposed_data=["name"],
        exposed_from=MONDAY_MORNING,
        exposed_until=MONDAY_MORNING,
        exposed_to="the public",
        office_action="The page was taken down.",
        requested_by="auditor-1",
    )
    async with notifications.runtime.pool.connection() as conn:
        with pytest.raises(VoterNotKnownError, match="no contact record"):
            async with conn.transaction():
                await on_breach_notice_requested(conn, wrapped(breach))
        assert await rows(conn, "SELECT * FROM notices") == []
