"""Fixtures shared by records-requests' tests: the service on a real PostgreSQL (no consumers,
no background jobs; tests call the handlers and jobs themselves), and registration's events as
registration builds them."""

import base64
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from uuid import UUID, uuid4

import httpx
import pytest
from pydantic import SecretStr

from vrs_contracts.base import Event
from vrs_contracts.counties import County
from vrs_contracts.envelope import CloudEvent, envelope
from vrs_contracts.events import VoterRegistered
from vrs_contracts.people import Address, PersonName, Registrant, SsnReference
from vrs_contracts.vocabulary import Role, VoterStatus
from vrs_plumbing.auth import mint_token, new_signing_key
from vrs_plumbing.migrations import upgrade
from vrs_plumbing.runtime import Runtime, create_service_app
from vrs_plumbing.settings import KafkaSettings
from vrs_records_requests.bootstrap import SPEC
from vrs_records_requests.config import RecordsRequestsSettings
from vrs_records_requests.entrypoints.scope import NEW_MEXICO


def _wrapped(data: Event) -> CloudEvent[Event]:
    """``data`` in its envelope, as registration's outbox sends it."""
    return envelope(data, source="/vrs/registration", correlation_id=uuid4())


def _voter(
    last_name: str,
    *,
    county: County = County.santa_fe,
    party: str = "DTS",
    voter_id: UUID | None = None,
    confidential: bool = False,
    born: date = date(1980, 2, 3),
) -> VoterRegistered:
    """A voter registered by an application, as registration publishes it."""
    return VoterRegistered(
        voter_id=voter_id or uuid4(),
        application_id=uuid4(),
        county=county,
        status=VoterStatus.active,
        registrant=Registrant(
            name=PersonName(first_name="Alma", last_name=last_name),
            date_of_birth=born,
            ssn=SsnReference(blind_index="cd" * 32, last4="0042"),
            residence_address=Address(street="1 Plaza", city="Santa Fe", state="NM", zip="87501"),
        ),
        party=party,
        registered_on=date(2026, 11, 2),
        email="voter@example.invalid",
        confidential_address=confidential,
    )


def _affidavit(**changes: object) -> dict[str, object]:
    """A campaign's complete affidavit of authorization, signed today (the office's day)."""
    return {
        "name": "Pat Requester",
        "organisation": "Committee to Elect Pat",
        "address": "1 Main St, Santa Fe NM 87501",
        "purpose": "election_campaign",
        "requester_kind": "campaign",
        "attests_lawful_use": True,
        "signature": "Pat Requester",
        "signed_on": datetime.now(NEW_MEXICO).date().isoformat(),
        **changes,
    }


@dataclass(frozen=True)
class RecordsRequests:
    """The records-requests service on its own database."""

    runtime: Runtime
    transport: httpx.ASGITransport
    private_key: bytes

    @property
    def settings(self) -> RecordsRequestsSettings:
        assert isinstance(self.runtime.settings, RecordsRequestsSettings)
        return self.runtime.settings

    wrapped = staticmethod(_wrapped)
    voter = staticmethod(_voter)
    affidavit = staticmethod(_affidavit)

    def client(
        self, role: Role, county: County | None = None, subject: str | None = None
    ) -> httpx.AsyncClient:
        token = mint_token(
            self.private_key, role=role, county=county, subject=subject or f"{role}-{county}"
        )
        return httpx.AsyncClient(
            transport=self.transport,
            base_url="http://records-requests",
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        )


@pytest.fixture
async def records(database_url: str, kafka_bootstrap: str) -> AsyncIterator[RecordsRequests]:
    private_key, public_key = new_signing_key()
    key = base64.b64encode(os.urandom(32)).decode()
    settings = RecordsRequestsSettings(
        database_url=database_url,
        token_public_key=SecretStr(public_key.decode()),
        kafka=KafkaSettings(bootstrap_servers=kafka_bootstrap),
        export_keys=SecretStr(f'{{"test-1": "{key}"}}'),
        export_active_key_id="test-1",
        export_chunk_rows=2,
    )
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    app = create_service_app(
        replace(SPEC, subscriptions=lambda _runtime: (), background=()), settings
    )
    async with app.router.lifespan_context(app):
        yield RecordsRequests(app.state.runtime, httpx.ASGITransport(app=app), private_key)
