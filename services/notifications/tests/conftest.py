"""Fixtures shared by notifications' integration tests: the service on a real PostgreSQL,
registration's events as registration builds them, and a real local SMTP server."""

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from email import message_from_bytes, policy
from email.message import Message
from uuid import UUID, uuid4

import httpx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from pydantic import SecretStr

from vrs_contracts.base import Event
from vrs_contracts.counties import County
from vrs_contracts.envelope import CloudEvent, envelope
from vrs_contracts.events import ApplicationRejected
from vrs_contracts.people import Address, PersonName
from vrs_contracts.vocabulary import Channel, Language, RejectionReason, Role
from vrs_embedded.ports import free_port
from vrs_notifications.bootstrap import SPEC
from vrs_notifications.config import NotificationsSettings
from vrs_plumbing.auth import mint_token, new_signing_key
from vrs_plumbing.migrations import upgrade
from vrs_plumbing.runtime import Runtime, create_service_app
from vrs_plumbing.settings import KafkaSettings


@dataclass(frozen=True)
class Notifications:
    """The notifications service on its own database, without consumers or background jobs."""

    runtime: Runtime
    transport: httpx.ASGITransport
    private_key: bytes

    def client(self, role: Role, county: County | None = None) -> httpx.AsyncClient:
        token = mint_token(self.private_key, role=role, county=county, subject=f"{role}-{county}")
        return httpx.AsyncClient(
            transport=self.transport,
            base_url="http://notifications",
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        )


@pytest.fixture
async def notifications(database_url: str, kafka_bootstrap: str) -> AsyncIterator[Notifications]:
    private_key, public_key = new_signing_key()
    settings = NotificationsSettings(
        database_url=database_url,
        token_public_key=SecretStr(public_key.decode()),
        kafka=KafkaSettings(bootstrap_servers=kafka_bootstrap),
    )
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    app = create_service_app(
        replace(SPEC, subscriptions=lambda _runtime: (), background=()), settings
    )
    async with app.router.lifespan_context(app):
        yield Notifications(app.state.runtime, httpx.ASGITransport(app=app), private_key)


def wrapped(data: Event) -> CloudEvent[Event]:
    """``data`` in its envelope, as registration's outbox sends it."""
    return envelope(data, source="/vrs/registration", correlation_id=uuid4())


def rejection(
    rejected_at: datetime,
    *reasons: RejectionReason,
    county: County = County.santa_fe,
    application_id: UUID | None = None,
    language: Language = Language.en,
    email: str | None = None,
) -> ApplicationRejected:
    """A paper application rejected by intake, with the letter fields registration fills in."""
    return ApplicationRejected(
        application_id=application_id or uuid4(),
        channel=Channel.paper,
        county=county,
        rejection_reasons=list(reasons),
        rejected_at=rejected_at,
        language=language,
        name=PersonName(first_name="Lucia", last_name="Montoya"),
        mailing_address=Address(street="5 Canyon Rd", city="Santa Fe", state="NM", zip="87501"),
        email=email,
    )


class SmtpInbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802 -- aiosmtpd's hook name
        assert isinstance(envelope.content, bytes)
        self.messages.append(
            (list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[tuple[SmtpInbox, int]]:
    inbox, port = SmtpInbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()
