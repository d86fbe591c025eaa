"""Schemathesis against records-requests' own OpenAPI document, on the real app and a real
PostgreSQL.

Every operation is called with a valid bearer token of a role that may use it, and each answer
is checked against the published schema: no 5xx, only documented status codes, bodies and
headers that conform. Records exist beforehand (voters in the projection, affidavits, a paid
request and its ready export, court orders, an approved sensitive-data request), and about half
the generated ids are bent to name them, so the fuzzing reaches past "not found". Generation is
derandomized with a fixed seed: a CI run is the same run.
"""

import asyncio
import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

import psycopg
import pytest
import requests
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from psycopg.rows import dict_row
from pydantic import SecretStr

from vrs_contracts.counties import County
from vrs_contracts.envelope import envelope
from vrs_contracts.events import VoterRegistered
from vrs_contracts.people import Address, PersonName, Registrant, SsnReference
from vrs_contracts.vocabulary import Role, VoterStatus
from vrs_embedded.fuzzing import RANDOM_IN_SERVER_THREAD, even_uuid, fuzzed_schema
from vrs_embedded.testing import ServedApp
from vrs_plumbing.auth import mint_token, new_signing_key
from vrs_plumbing.runtime import create_service_app
from vrs_records_requests.bootstrap import SPEC, cipher_of
from vrs_records_requests.config import RecordsRequestsSettings
from vrs_records_requests.entrypoints.scope import NEW_MEXICO
from vrs_records_requests.service_layer.exports import build_step
from vrs_records_requests.service_layer.projection import on_voter_registered

MAX_EXAMPLES = 40
SEED = 11035010  # 1.10.35.10
REQUESTER = "campaign-contract"
AGENCY = "agency-contract"
SEEDED_COUNTY = County.santa_fe
COUNTIES = {str(c) for c in County}
AUDITORS_READ = {
    "/v1/exports/{export_id}/voters",
    "/v1/voters/{voter_id}/disclosures",
    "/v1/public-log",
}


def published_openapi() -> dict[str, Any]:
    """The OpenAPI document records-requests serves; routes do not depend on settings' values,
    so a throwaway app (never started, keys of its own) publishes the same document."""
    _private, public_key = new_signing_key()
    settings = RecordsRequestsSettings(
        token_public_key=SecretStr(public_key.decode()),
        export_keys=SecretStr(json.dumps({"dev-1": base64.b64encode(bytes(32)).decode()})),
    )
    spec = replace(SPEC, subscriptions=lambda _r: (), background=())
    return create_service_app(spec, settings).openapi()


pytestmark = RANDOM_IN_SERVER_THREAD

schema = fuzzed_schema(
    published_openapi(),
    seed=SEED,
    max_examples=MAX_EXAMPLES,
    # The law lives in the domain, not the schema: a well-shaped request may still be refused
    # (403 with the reason, 409 for a state that does not allow it, 410 for an expired export,
    # 422 naming the field).
    accepted_statuses=["2xx", "401", "403", "404", "409", "410", "422"],
)


@dataclass(frozen=True)
class Seeded:
    """Records that exist, so fuzzed reads and writes reach past "not found"."""

    voter_id: UUID
    request_id: UUID
    export_id: UUID
    court_order_id: UUID
    undecided_court_order_id: UUID
    sensitive_request_id: UUID


@dataclass(frozen=True)
class Running:
    """The service served over HTTP, and a way to mint tokens for it."""

    app: FastAPI
    private_key: bytes
    base_url: str

    def auth(
        self, role: Role, county: County | None = None, subject: str | None = None
    ) -> dict[str, str]:
        token = mint_token(self.private_key, role=role, county=county, subject=subject)
        return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def running(module_records: tuple[FastAPI, bytes]) -> Iterator[Running]:
    app, private_key = module_records
    with ServedApp(app, "records-requests") as served:
        yield Running(app, private_key, served.base_url)


@pytest.fixture(scope="module")
def seeded(running: Running, module_database_url: str) -> Seeded:
    """Voters, a campaign's paid request and its ready export, an agency's approved order and
    sensitive-data request, and an order still undecided."""
    voters = [_voter(name) for name in ("Avila", "Baca", "Chavez")]
    asyncio.run(_project(module_database_url, voters))
    campaign = running.auth(Role.records_requester, subject=REQUESTER)
    agency = running.auth(Role.records_requester, subject=AGENCY)
    sos = running.auth(Role.sos_admin, subject="sos-contract")
    _ok(_post(running, "/v1/affidavits", campaign, _affidavit("campaign", "election_campaign")))
    request = _ok(
        _post(running, "/v1/requests", campaign, {"product": "voter_list", "county": "santa_fe"})
    )
    _ok(
        _post(
            running,
            f"/v1/requests/{request['request_id']}/payments",
            sos,
            {"kind": "payment", "amount_cents": request["quote"]["total_cents"]},
        )
    )
    export = _ok(_post(running, f"/v1/requests/{request['request_id']}/exports", campaign, None))
    asyncio.run(_build_exports(running, module_database_url))
    _ok(_post(running, "/v1/affidavits", agency, _affidavit("outside_agency", "governmental")))
    order = {"kind": "court_order", "court": "First Judicial District", "case_number": "D-101"}
    approved = _ok(
        _post(running, "/v1/court-orders", agency, {**order, "document_sha256": "a" * 64})
    )
    undecided = _ok(
        _post(running, "/v1/court-orders", agency, {**order, "document_sha256": "b" * 64})
    )
    _ok(
        _post(
            running,
            f"/v1/court-orders/{approved['court_order_id']}/decision",
            sos,
            {"decision": "approved"},
        )
    )
    sensitive = _ok(
        _post(
            running,
            "/v1/sensitive-data-requests",
            agency,
            {
                "voter_id": str(voters[0].voter_id),
                "fields": ["date_of_birth"],
                "court_order_id": approved["court_order_id"],
            },
        )
    )
    return Seeded(
        voter_id=voters[0].voter_id,
        request_id=UUID(request["request_id"]),
        export_id=UUID(export["export_id"]),
        court_order_id=UUID(approved["court_order_id"]),
        undecided_court_order_id=UUID(undecided["court_order_id"]),
        sensitive_request_id=UUID(sensitive["sensitive_request_id"]),
    )


@pytest.fixture(scope="module")
def session() -> Iterator[requests.Session]:
    with requests.Session() as http:
        yield http


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_its_schema_says(
    case: Any, running: Running, seeded: Seeded, session: requests.Session
) -> None:
    headers = _credentials(case, running)
    _steer(case, seeded)

    case.call_and_validate(base_url=running.base_url, session=session, headers=headers)


def test_the_document_fuzzed_is_the_one_served(running: Running, session: requests.Session) -> None:
    served = session.get(f"{running.base_url}/openapi.json", timeout=10)

    assert served.json() == published_openapi()


def _credentials(case: Any, running: Running) -> dict[str, str]:
    """A valid token of a role that may call the operation."""
    path = case.operation.path
    if path in {"/v1/court-orders", "/v1/sensitive-data-requests"}:
        return running.auth(Role.records_requester, subject=AGENCY)
    if path.startswith(("/v1/court-orders/", "/v1/sensitive-data-requests/")) or path.endswith(
        "/payments"
    ):
        return running.auth(Role.sos_admin, subject="sos-contract")
    if "{county}" in path:
        county = (case.path_parameters or {}).get("county")
        if county in COUNTIES:
            return running.auth(Role.county_clerk, County(county), subject="clerk-contract")
        return running.auth(Role.sos_admin, subject="sos-contract")
    if path in AUDITORS_READ:
        return running.auth(Role.auditor, subject="auditor-contract")
    return running.auth(Role.records_requester, subject=REQUESTER)


def _steer(case: Any, seeded: Seeded) -> None:
    """Bend generated ids, deterministically, towards the seeded records; every value stays
    within the schema."""
    targets = {
        "voter_id": seeded.voter_id,
        "request_id": seeded.request_id,
        "export_id": seeded.export_id,
        "court_order_id": seeded.undecided_court_order_id
        if case.operation.path.endswith("/decision")
        else seeded.court_order_id,
        "sensitive_request_id": seeded.sensitive_request_id,
    }
    for name, value in (case.path_parameters or {}).items():
        if name in targets and even_uuid(value):  # about half the ids name a real record
            case.path_parameters[name] = str(targets[name])
    body = case.body if isinstance(case.body, dict) else None
    if body is not None and even_uuid(body.get("voter_id")):
        body["voter_id"] = str(seeded.voter_id)
    if body is not None and even_uuid(body.get("court_order_id")):
        body["court_order_id"] = str(seeded.court_order_id)


def _voter(last_name: str) -> VoterRegistered:
    return VoterRegistered(
        voter_id=uuid4(),
        application_id=uuid4(),
        county=SEEDED_COUNTY,
        status=VoterStatus.active,
        registrant=Registrant(
            name=PersonName(first_name="Alma", last_name=last_name),
            date_of_birth=date(1980, 2, 3),
            ssn=SsnReference(blind_index="cd" * 32, last4="0042"),
            residence_address=Address(street="1 Plaza", city="Santa Fe", state="NM", zip="87501"),
        ),
        party="DEM",
        registered_on=date(2026, 11, 2),
        precinct="017",
    )


def _affidavit(kind: str, purpose: str) -> dict[str, object]:
    return {
        "name": "Pat Contract",
        "organisation": "Contract Test",
        "address": "1 Main St, Santa Fe NM 87501",
        "purpose": purpose,
        "requester_kind": kind,
        "attests_lawful_use": True,
        "signature": "Pat Contract",
        "signed_on": datetime.now(NEW_MEXICO).date().isoformat(),
    }


def _post(running: Running, path: str, headers: dict[str, str], body: object) -> requests.Response:
    return requests.post(f"{running.base_url}{path}", json=body, headers=headers, timeout=30)


def _ok(answer: requests.Response) -> dict[str, Any]:
    assert answer.status_code in {200, 201, 202}, answer.text
    found: dict[str, Any] = answer.json()
    return found


async def _connect(database_url: str) -> psycopg.AsyncConnection[dict[str, Any]]:
    return await psycopg.AsyncConnection.connect(
        database_url, options="-c search_path=records_requests", row_factory=dict_row
    )


async def _project(database_url: str, voters: list[VoterRegistered]) -> None:
    """The voters reach the projection, as registration's events would bring them."""
    async with await _connect(database_url) as conn, conn.transaction():
        for voter in voters:
            await on_voter_registered(
                conn, envelope(voter, source="/vrs/registration", correlation_id=uuid4())
            )


async def _build_exports(running: Running, database_url: str) -> None:
    """Run the export builder until every queued export is ready (its job is off here)."""
    cipher = cipher_of(running.app.state.runtime.settings)
    while True:
        async with await _connect(database_url) as conn, conn.transaction():
            step = await build_step(conn, cipher, now=datetime.now(UTC), chunk_rows=500, days=7)
        if step == {"exports": 0}:
            return
