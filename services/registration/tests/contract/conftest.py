"""Registration's real app on a real PostgreSQL and broker, for contract and county-scope tests.

Matching is not running: its URL points at a port nothing listens on, so the MVD identity check
must answer 503 (never 500, never a mismatch). The Kafka consumers are left out (joining their
groups costs seconds and has nothing to do with the HTTP contract); the outbox relay runs.
"""

import base64
import json
import os
from dataclasses import dataclass, field, replace

import psycopg
import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_embedded.ports import free_port
from vrs_plumbing.auth import mint_token, new_signing_key
from vrs_plumbing.migrations import upgrade
from vrs_plumbing.runtime import create_service_app
from vrs_plumbing.settings import KafkaSettings
from vrs_registration.bootstrap import SPEC
from vrs_registration.config import RegistrationSettings


@dataclass(frozen=True)
class Registration:
    """A registration app (not yet started), its database, and a way to mint tokens for it."""

    app: FastAPI
    database_url: str
    private_key: bytes = field(repr=False)

    def token(self, role: Role, county: County | None = None, subject: str | None = None) -> str:
        return mint_token(self.private_key, role=role, county=county, subject=subject)

    def auth(
        self, role: Role, county: County | None = None, subject: str | None = None
    ) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(role, county, subject)}"}

    def outbox(self) -> list[dict[str, object]]:
        """Every CloudEvent in registration's outbox, oldest first."""
        with psycopg.connect(self.database_url) as conn:
            rows = conn.execute("SELECT payload FROM registration.outbox ORDER BY id").fetchall()
        return [json.loads(bytes(row[0])) for row in rows]


def build_registration(database_url: str, kafka_bootstrap: str) -> Registration:
    """Migrate ``database_url`` and build registration's app on it."""
    private_key, public_key = new_signing_key()
    settings = RegistrationSettings(
        database_url=database_url,
        token_public_key=SecretStr(public_key.decode()),
        blind_index_key=SecretStr(base64.b64encode(os.urandom(32)).decode()),
        ssn_vault_keys=SecretStr(json.dumps({"dev-1": base64.b64encode(os.urandom(32)).decode()})),
        kafka=KafkaSettings(bootstrap_servers=kafka_bootstrap),
        outbox_poll_seconds=0.05,
        matching_url=f"http://127.0.0.1:{free_port()}",  # nothing listens: matching is down
        matching_timeout_seconds=2.0,
    )
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    app = create_service_app(replace(SPEC, subscriptions=lambda _runtime: ()), settings)
    return Registration(app, database_url, private_key)


@pytest.fixture
def registration(database_url: str, kafka_bootstrap: str) -> Registration:
    """Registration's app on a database of its own test (start it with its lifespan)."""
    return build_registration(database_url, kafka_bootstrap)


@pytest.fixture(scope="module")
def module_registration(module_database_url: str, kafka_bootstrap: str) -> Registration:
    """Registration's app on a database shared by one module's tests."""
    return build_registration(module_database_url, kafka_bootstrap)
