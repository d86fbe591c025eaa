"""Idempotent (issue 5, "Redelivering the same event produces no second letter"): every event
that owes a notice, sent through notifications' own subscriptions (the inbox, then the handler)
twice under its id and once more under a new id, makes one notice and, delivered twice, one
letter posted once. FastStream's in-memory Kafka broker, a real PostgreSQL."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import uuid4
from zoneinfo import ZoneInfo

from faststream.kafka import KafkaBroker, KafkaMessage, TestKafkaBroker

from services.notifications.tests.conftest import Notifications, rejection, wrapped
from vrs_contracts.base import Event
from vrs_contracts.counties import County
from vrs_contracts.envelope import CloudEvent
from vrs_contracts.events import (
    BreachNoticeRequested,
    ContactRequested,
    FullSsnRequested,
    VoterRecordUpdated,
    VoterRegistered,
    VoterStatusChanged,
)
from vrs_contracts.people import Address, PersonName, Registrant, SsnReference
from vrs_contracts.topics import BREACH_NOTICES, topic_of
from vrs_contracts.vocabulary import RejectionReason, StatusReason, VoterStatus
from vrs_notifications.adapters.letters import LetterLinks, LetterRenderer
from vrs_notifications.entrypoints.consumers import subscriptions
from vrs_notifications.service_layer.delivery import Outlets, deliver_notices
from vrs_plumbing.messaging import create_broker, subscribe
from vrs_plumbing.settings import KafkaSettings

MONDAY_MORNING = datetime(2026, 11, 16, 10, 0, tzinfo=ZoneInfo("America/Denver"))
RENDERER = LetterRenderer(
    LetterLinks("https://vrs.example", "https://ovr.example", "https://form.example")
)
NAME = PersonName(first_name="Lucia", last_name="Montoya")
ADDRESS = Address(street="5 Canyon Rd", city="Santa Fe", state="NM", zip="87501")


def owed_events() -> list[Event]:
    """One event of each kind that owes a notice; the voter's registration comes first, so the
    breach notice finds the voter's contact."""
    voter_id = uuid4()
    registrant = Registrant(
        name=NAME,
        date_of_birth=date(1980, 2, 3),
        ssn=SsnReference(last4="0001"),
        residence_address=ADDRESS,
    )
    return [
        rejection(MONDAY_MORNING, RejectionReason.non_citizen),
        FullSsnRequested(
            application_id=uuid4(),
            county=County.santa_fe,
            requested_at=MONDAY_MORNING,
            secure_link="/v1/full-ssn/tok",
            link_expires_at=MONDAY_MORNING + timedelta(days=30),
            name=NAME,
            mailing_address=ADDRESS,
        ),
        VoterRegistered(
            voter_id=voter_id,
            application_id=uuid4(),
            county=County.santa_fe,
            status=VoterStatus.active,
            registrant=registrant,
            party="DTS",
            registered_on=MONDAY_MORNING.date(),
        ),
        VoterStatusChanged(
            voter_id=uuid4(),
            county=County.taos,
            old_status=VoterStatus.active,
            new_status=VoterStatus.not_eligible,
            status_reason=StatusReason.felony_incarceration,
            clause="1.10.35.9 D(2)",
            actor="clerk-taos",
            changed_at=MONDAY_MORNING,
            name=NAME,
            mailing_address=ADDRESS,
        ),
        VoterRecordUpdated(
            voter_id=uuid4(),
            county=County.taos,
            transferred_from=County.santa_fe,
            application_id=uuid4(),
            registrant=registrant,
            updated_at=MONDAY_MORNING,
        ),
        ContactRequested(
            contact_request_id=uuid4(),
            identity_check_id=uuid4(),
            county=County.santa_fe,
            requested_at=MONDAY_MORNING,
            name=NAME,
            mailing_address=ADDRESS,
        ),
        BreachNoticeRequested(
            incident_id=uuid4(),
            voter_id=voter_id,
            exposed_data=["name"],
            exposed_from=MONDAY_MORNING,
            exposed_until=MONDAY_MORNING,
            exposed_to="the public",
            office_action="The page was taken down.",
            requested_by="auditor-1",
        ),
    ]


def subscribed(notifications: Notifications) -> KafkaBroker:
    """An in-memory broker with notifications' subscriptions on its database."""
    broker = create_broker(KafkaSettings(bootstrap_servers="in-memory:9092"), client_id="test")
    for subscription in subscriptions():
        subscribe(broker, notifications.runtime.pool, subscription, max_attempts=2)
    return broker


async def test_each_event_owing_a_notice_redelivered_makes_one_notice_and_one_letter(
    notifications: Notifications,
) -> None:
    broker = subscribed(notifications)
    events = owed_events()
    async with TestKafkaBroker(broker) as test_broker:
        for data in events:
            sent = wrapped(data)
            again = sent.model_copy(update={"id": uuid4()})  # the same decision re-published
            for message in (sent, sent, again):
                await test_broker.publish(
                    message.model_dump_json().encode(), topic_of(type(data)).name, key=b"k"
                )
    now = MONDAY_MORNING + timedelta(hours=1)
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        await deliver_notices(conn, Outlets(RENDERER), now)
        await deliver_notices(conn, Outlets(RENDERER), now)
        notices = await (await conn.execute("SELECT notice_type, state FROM notices")).fetchall()
        letters = await (await conn.execute("SELECT notice_id FROM letters")).fetchall()
        posted = await (await conn.execute("SELECT notice_id FROM deliveries")).fetchall()
        claimed = await (await conn.execute("SELECT count(*) AS n FROM inbox")).fetchone()

    assert sorted(n["notice_type"] for n in notices) == sorted(
        [
            "rejection_non_citizen",
            "full_ssn_request",
            "acknowledgement",
            "felony_incarceration",
            "new_certificate",
            "mvd_mismatch_answer",
            "breach_notice",
        ]
    )
    assert {n["state"] for n in notices} == {"sent"}
    assert len(letters) == len(notices)
    assert len(posted) == len(notices)
    # Voter events are read by two groups (the letters, the voter contacts): each claims an id once.
    voter_events = sum(
        isinstance(e, VoterRegistered | VoterStatusChanged | VoterRecordUpdated) for e in events
    )
    assert claimed is not None
    assert claimed["n"] == 2 * (len(events) + voter_events)


async def test_a_breach_notice_whose_voter_stays_unknown_is_parked_on_the_dlq(
    notifications: Notifications,
) -> None:
    broker = subscribed(notifications)
    parked: list[dict[str, Any]] = []

    @broker.subscriber(BREACH_NOTICES.dlq, group_id="test-dlq")
    async def keep(message: KafkaMessage) -> None:
        parked.append(dict(message.headers))

    breach: CloudEvent[Any] = wrapped(
        BreachNoticeRequested(
            incident_id=uuid4(),
            voter_id=uuid4(),
            exposed_data=["name"],
            exposed_from=datetime(2026, 11, 2, tzinfo=UTC),
            exposed_until=datetime(2026, 11, 3, tzinfo=UTC),
            exposed_to="the public",
            office_action="The page was taken down.",
            requested_by="auditor-1",
        )
    )
    async with TestKafkaBroker(broker) as test_broker:
        await test_broker.publish(breach.model_dump_json().encode(), BREACH_NOTICES.name, key=b"k")
    async with notifications.runtime.pool.connection() as conn:
        notices = await (await conn.execute("SELECT * FROM notices")).fetchall()
    assert notices == []
    (headers,) = parked
    assert headers["x-dlq-consumer"] == "notifications-breach-notices"
    assert "VoterNotKnownError" in headers["x-dlq-error"]
