"""Notices on a real PostgreSQL: scheduled from registration's events with their due dates, once
only; read through the API, county-scoped; rendered, posted in the print batch, e-mailed, and
returned, re-printed, mailed by hand; the SLA view and the deadline alarm."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import uuid4
from zoneinfo import ZoneInfo

from services.notifications.tests.conftest import Notifications, rejection, wrapped
from vrs_contracts.counties import County
from vrs_contracts.envelope import envelope
from vrs_contracts.events import FullSsnRequested, VoterStatusChanged
from vrs_contracts.people import Address, PersonName
from vrs_contracts.vocabulary import RejectionReason, Role, StatusReason, VoterStatus
from vrs_notifications.adapters.letters import LetterLinks, LetterRenderer
from vrs_notifications.service_layer.delivery import Outlets, batch_contents, deliver_notices
from vrs_notifications.service_layer.notices import raise_deadline_alarms
from vrs_notifications.service_layer.scheduling import (
    on_application_rejected,
    on_full_ssn_requested,
    on_voter_status_changed,
)
from vrs_plumbing.db import Connection

DENVER = ZoneInfo("America/Denver")
MONDAY_MORNING = datetime(2026, 11, 16, 10, 0, tzinfo=DENVER)
RENDERER = LetterRenderer(
    LetterLinks("https://vrs.example", "https://ovr.example", "https://form.example")
)
SANTA_FE, TAOS = County.santa_fe, County.taos


async def rows(conn: Connection, query: str, *params: Any) -> list[dict[str, Any]]:
    return list(await (await conn.execute(query, params)).fetchall())


async def test_c2_a_non_citizen_rejection_schedules_one_letter_due_in_five_business_days(
    notifications: Notifications,
) -> None:
    event = wrapped(rejection(MONDAY_MORNING, RejectionReason.non_citizen))
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        await on_application_rejected(conn, event)
        # the same decision published again under a new event id: no second notice
        await on_application_rejected(conn, wrapped(event.data))
        notices = await rows(conn, "SELECT * FROM notices")
        history = await rows(conn, "SELECT * FROM notice_history")
    assert len(notices) == 1
    notice = notices[0]
    assert notice["notice_type"] == "rejection_non_citizen"
    assert notice["clause"] == "1.10.35.8 C(2)"
    assert notice["due_date"] == date(2026, 11, 23)
    assert notice["state"] == "scheduled"
    assert notice["reasons"] == ["non_citizen"]
    assert [(h["from_state"], h["to_state"]) for h in history] == [(None, "scheduled")]


async def test_the_api_lists_an_applications_notices_for_its_own_county_only(
    notifications: Notifications,
) -> None:
    data = rejection(MONDAY_MORNING, RejectionReason.non_citizen, RejectionReason.missing_signature)
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        await on_application_rejected(conn, wrapped(data))
    query = {"application_id": str(data.application_id)}
    async with notifications.client(Role.county_clerk, SANTA_FE) as clerk:
        listed = await clerk.get("/v1/notices", params=query)
        neither = await clerk.get("/v1/notices")
        letter = await clerk.get(f"/v1/notices/{listed.json()[0]['notice_id']}/letter.pdf")
    async with notifications.client(Role.county_clerk, TAOS) as other:
        refused = await other.get("/v1/notices", params=query)
        refused_letter = await other.get(f"/v1/notices/{listed.json()[0]['notice_id']}/letter.pdf")
    async with notifications.client(Role.sos_admin) as sos:
        statewide = await sos.get("/v1/notices", params=query)
    async with notifications.client(Role.records_requester) as requester:
        wrong_role = await requester.get("/v1/notices", params=query)

    assert listed.status_code == 200, listed.text
    assert {n["type"] for n in listed.json()} == {"rejection_incomplete", "rejection_non_citizen"}
    first = listed.json()[0]
    assert set(first) >= {"notice_id", "type", "clause", "language", "due_date", "state", "sent_at"}
    assert first["due_date"] == "2026-11-23"
    assert first["state"] == "scheduled"
    assert first["sent_at"] is None
    assert neither.status_code == 422
    assert letter.status_code == 200
    assert letter.content.startswith(b"%PDF-")
    assert refused.status_code == 403
    assert refused_letter.status_code == 403
    assert statewide.status_code == 200
    assert wrong_role.status_code == 403


async def test_delivery_renders_posts_in_the_print_batch_and_the_notice_is_sent(
    notifications: Notifications,
) -> None:
    data = rejection(MONDAY_MORNING, RejectionReason.commercial_mailbox)
    now = MONDAY_MORNING + timedelta(hours=2)
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        await on_application_rejected(conn, wrapped(data))
        counts = await deliver_notices(conn, Outlets(RENDERER), now)
        again = await deliver_notices(conn, Outlets(RENDERER), now)
        notice = (await rows(conn, "SELECT * FROM notices"))[0]
        batches = await rows(conn, "SELECT * FROM print_batches")
        pdf, manifest = await batch_contents(conn, batches[0]["batch_id"])
        history = await rows(conn, "SELECT to_state FROM notice_history ORDER BY id")
    assert counts == {"rendered": 1, "emailed": 0, "posted": 1, "failed": 0}
    assert again == {"rendered": 0, "emailed": 0, "posted": 0, "failed": 0}
    assert notice["state"] == "sent"
    assert notice["sent_at"] == now
    assert notice["sent_late"] is False
    assert [h["to_state"] for h in history] == ["scheduled", "rendered", "sent"]
    assert len(batches) == 1
    assert batches[0]["county"] == "santa_fe"
    assert batches[0]["batch_date"] == date(2026, 11, 16)
    assert pdf.startswith(b"%PDF-")
    lines = manifest.splitlines()
    assert lines[0].startswith("sequence,notice_id,type,clause")
    assert "rejection_commercial_mailbox" in lines[1]
    assert "Lucia Montoya" in lines[1]


async def test_a_returned_letter_is_published_reprinted_and_mailed_by_hand(
    notifications: Notifications,
) -> None:
    data = rejection(MONDAY_MORNING, RejectionReason.invalid_ssn)
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        await on_application_rejected(conn, wrapped(data))
        await deliver_notices(conn, Outlets(RENDERER), MONDAY_MORNING)
        notice_id = (await rows(conn, "SELECT notice_id FROM notices"))[0]["notice_id"]
    path = f"/v1/notices/{notice_id}"
    async with notifications.client(Role.county_clerk, SANTA_FE) as clerk:
        early_mailing = await clerk.post(f"{path}/mailings", json={})
        returned = await clerk.post(f"{path}/returns", json={"reason": "attempted, not known"})
        returned_twice = await clerk.post(f"{path}/returns", json={})
        reprinted = await clerk.post(f"{path}/reprints", json={"note": "new address"})
        mailed = await clerk.post(f"{path}/mailings", json={"note": "handed at the counter"})
    async with notifications.client(Role.county_clerk, TAOS) as other:
        refused = await other.post(f"{path}/returns", json={})
    async with notifications.runtime.pool.connection() as conn:
        outbox = await rows(
            conn, "SELECT topic, payload FROM outbox WHERE topic = 'vrs.notifications.notices.v1'"
        )
        versions = await rows(conn, "SELECT version FROM letters ORDER BY version")
        methods = await rows(conn, "SELECT method, version FROM deliveries ORDER BY id")

    assert early_mailing.status_code == 409  # already sent: nothing to mail by hand
    assert returned.status_code == 201, returned.text
    assert returned.json()["state"] == "returned"
    assert returned_twice.status_code == 409
    assert reprinted.status_code == 201, reprinted.text
    assert reprinted.json()["state"] == "rendered"
    assert mailed.status_code == 201, mailed.text
    assert mailed.json()["state"] == "sent"
    assert [h["to_state"] for h in mailed.json()["history"]] == [
        "scheduled",
        "rendered",
        "sent",
        "returned",
        "rendered",
        "sent",
    ]
    assert refused.status_code == 403
    assert [v["version"] for v in versions] == [1, 2]
    assert [(m["method"], m["version"]) for m in methods] == [("print_batch", 1), ("hand", 2)]
    assert len(outbox) == 1
    assert outbox[0]["topic"] == "vrs.notifications.notices.v1"
    assert b"mail_returned" in bytes(outbox[0]["payload"])


async def test_the_sla_view_and_the_deadline_alarm_ring_once(notifications: Notifications) -> None:
    now = datetime.now(UTC)
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        for reason in (
            RejectionReason.non_citizen,
            RejectionReason.invalid_ssn,
            RejectionReason.commercial_mailbox,
        ):
            await on_application_rejected(conn, wrapped(rejection(now, reason)))
        today = now.astimezone(DENVER).date()
        await conn.execute(
            "UPDATE notices SET due_date = %s WHERE notice_type = 'rejection_non_citizen'",
            (today - timedelta(days=1),),
        )
        await conn.execute(
            "UPDATE notices SET due_date = %s WHERE notice_type = 'rejection_invalid_ssn'", (today,)
        )
        first = await raise_deadline_alarms(conn, now)
        second = await raise_deadline_alarms(conn, now)
        alarms = await rows(
            conn, "SELECT payload FROM outbox WHERE topic = 'vrs.notifications.notices.v1'"
        )
    async with notifications.client(Role.county_supervisor, SANTA_FE) as supervisor:
        sla = await supervisor.get("/v1/notices/sla")
        other = await supervisor.get("/v1/notices/sla", params={"county": "taos"})
    assert first == 2
    assert second == 0
    assert all(b"deadline_reached" in bytes(a["payload"]) for a in alarms)
    assert sla.status_code == 200, sla.text
    (view,) = sla.json()
    assert view["county"] == "santa_fe"
    assert [n["type"] for n in view["overdue"]] == ["rejection_non_citizen"]
    assert [n["type"] for n in view["due_today"]] == ["rejection_invalid_ssn"]
    assert view["sent_late"] == 0
    assert other.status_code == 403


async def test_a_late_letter_is_counted(notifications: Notifications) -> None:
    data = rejection(MONDAY_MORNING, RejectionReason.non_citizen)
    late = datetime(2026, 11, 24, 9, 0, tzinfo=DENVER)  # due 23 November
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        await on_application_rejected(conn, wrapped(data))
        await deliver_notices(conn, Outlets(RENDERER), late)
        notice = (await rows(conn, "SELECT * FROM notices"))[0]
    async with notifications.client(Role.sos_admin) as sos:
        sla = await sos.get("/v1/notices/sla", params={"county": "santa_fe"})
    assert notice["sent_late"] is True
    assert sla.json()[0]["sent_late"] == 1


async def test_c5_a_confirmed_death_is_a_referral_not_a_letter(
    notifications: Notifications,
) -> None:
    data = rejection(MONDAY_MORNING, RejectionReason.deceased)
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        await on_application_rejected(conn, wrapped(data))
        await on_application_rejected(conn, wrapped(data))
        notices = await rows(conn, "SELECT * FROM notices")
        referrals = await rows(conn, "SELECT * FROM referrals")
    assert notices == []
    assert len(referrals) == 1
    assert referrals[0]["clause"] == "1.10.35.8 C(5)"
    assert referrals[0]["application_id"] == data.application_id


async def test_a2_the_full_ssn_request_is_due_in_five_calendar_days_by_mail_and_email(
    notifications: Notifications,
) -> None:
    friday = datetime(2026, 11, 20, 15, 0, tzinfo=DENVER)
    data = FullSsnRequested(
        application_id=uuid4(),
        county=SANTA_FE,
        requested_at=friday,
        secure_link="/v1/full-ssn/abc",
        link_expires_at=friday + timedelta(days=30),
        name=PersonName(first_name="Lucia", last_name="Montoya"),
        mailing_address=Address(street="5 Canyon Rd", city="Santa Fe", state="NM"),
        email="lucia@example.org",
    )
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        await on_full_ssn_requested(conn, wrapped(data))
        await deliver_notices(conn, Outlets(RENDERER), friday)  # no SMTP: the e-mail still owed
        notice = (await rows(conn, "SELECT * FROM notices"))[0]
    assert notice["due_date"] == date(2026, 11, 25)
    assert notice["clause"] == "1.10.35.8 A(2)"
    assert sorted(notice["required_channels"]) == ["email", "mail"]
    assert notice["state"] == "rendered"


async def test_d2_the_felony_notice_cites_the_clause_of_the_status_change(
    notifications: Notifications,
) -> None:
    voter_id = uuid4()
    change = VoterStatusChanged(
        voter_id=voter_id,
        county=TAOS,
        old_status=VoterStatus.active,
        new_status=VoterStatus.not_eligible,
        status_reason=StatusReason.felony_incarceration,
        clause="1.10.35.9 D(2)",
        actor="clerk-taos",
        changed_at=MONDAY_MORNING,
        name=PersonName(first_name="Ray", last_name="Baca"),
        mailing_address=Address(street="1 Plaza", city="Taos", state="NM"),
    )
    event = envelope(change, source="/vrs/registration", correlation_id=uuid4())
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        await on_voter_status_changed(conn, event)
        await on_voter_status_changed(conn, wrapped(change))
    async with notifications.client(Role.county_clerk, TAOS) as clerk:
        listed = await clerk.get("/v1/notices", params={"voter_id": str(voter_id)})
    assert [(n["type"], n["clause"], n["due_date"]) for n in listed.json()] == [
        ("felony_incarceration", "1.10.35.9 D(2)", "2026-11-23")
    ]


async def test_a_county_reads_its_print_batch_bundle_and_manifest_and_no_other_county_does(
    notifications: Notifications,
) -> None:
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        for reason in (RejectionReason.non_citizen, RejectionReason.commercial_mailbox):
            await on_application_rejected(conn, wrapped(rejection(MONDAY_MORNING, reason)))
        await deliver_notices(conn, Outlets(RENDERER), MONDAY_MORNING)
    async with notifications.client(Role.county_clerk, SANTA_FE) as clerk:
        batches = await clerk.get("/v1/print-batches")
        (batch,) = batches.json()
        bundle = await clerk.get(f"/v1/print-batches/{batch['batch_id']}/bundle.pdf")
        manifest = await clerk.get(f"/v1/print-batches/{batch['batch_id']}/manifest.csv")
        sla = (await clerk.get("/v1/notices/sla")).json()
    async with notifications.client(Role.county_clerk, TAOS) as other:
        refused = await other.get(f"/v1/print-batches/{batch['batch_id']}/manifest.csv")
        own = await other.get("/v1/print-batches")
    assert batches.status_code == 200, batches.text
    assert (batch["county"], batch["batch_date"], batch["letters"]) == ("santa_fe", "2026-11-16", 2)
    assert bundle.status_code == 200
    assert bundle.content.startswith(b"%PDF-")
    assert manifest.status_code == 200
    assert manifest.headers["content-type"].startswith("text/csv")
    assert len(manifest.text.splitlines()) == 3
    assert sla[0]["overdue"] == []  # both went out: nothing left in the SLA view
    assert refused.status_code == 403
    assert own.json() == []


async def test_a_sent_letter_is_not_reprinted_until_its_return_is_recorded(
    notifications: Notifications,
) -> None:
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        await on_application_rejected(
            conn, wrapped(rejection(MONDAY_MORNING, RejectionReason.invalid_ssn))
        )
        await deliver_notices(conn, Outlets(RENDERER), MONDAY_MORNING)
        notice_id = (await rows(conn, "SELECT notice_id FROM notices"))[0]["notice_id"]
    async with notifications.client(Role.county_clerk, SANTA_FE) as clerk:
        refused = await clerk.post(f"/v1/notices/{notice_id}/reprints")
        missing = await clerk.post(f"/v1/notices/{uuid4()}/reprints")
        detail = await clerk.get(f"/v1/notices/{notice_id}")
    assert refused.status_code == 409
    assert "record its return" in refused.json()["error"]["message"]
    assert missing.status_code == 404
    assert [h["to_state"] for h in detail.json()["history"]] == ["scheduled", "rendered", "sent"]
