"""The two announcements notifications acts on, on the real app and a real PostgreSQL: an online
applicant's contact request after a failed MVD check (1.10.35.8 D(1)) and a clerk's referral of a
suspicious application to the election prosecutor (C(7)). Each is kept, put in the outbox with
what the answer or the referral needs, never an SSN, and each request is audited."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import httpx
import psycopg
import pytest

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role

SANTA_FE, TAOS = County.santa_fe, County.taos
PORTAL = "portal-sf"
SSN = "523450199"  # synthetic
CONTACT_REQUESTED = "gov.nm.sos.vrs.application.contact_requested.v1"
FRAUD_REFERRED = "gov.nm.sos.vrs.application.fraud_referred.v1"
ACCESS_ATTEMPTED = "gov.nm.sos.vrs.audit.access_attempted.v1"
BLIND_INDEX = "ab" * 32


@dataclass(frozen=True)
class Running:
    """Registration running, with a paper application of Santa Fe and an unmatched check."""

    registration: Any
    application_id: UUID
    unmatched_check_id: UUID

    def client(self, role: Role, county: County | None = None, subject: str | None = None) -> Any:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.registration.app),
            base_url="http://registration",
            headers=self.registration.auth(role, county, subject=subject),
        )

    def outbox_of(self, event_type: str) -> list[dict[str, Any]]:
        return [e for e in self.registration.outbox() if e["type"] == event_type]


@pytest.fixture
async def running(registration: Any) -> AsyncIterator[Running]:
    app = registration.app
    check_id = uuid4()
    async with app.router.lifespan_context(app):
        with psycopg.connect(registration.database_url) as conn:
            conn.execute(
                "INSERT INTO registration.identity_checks (identity_check_id, requested_by, matched,"
                " mvd_id, ssn_blind_index, date_of_birth, expires_at)"
                " VALUES (%s, %s, false, 'NM000000002', %s, '1981-03-04', %s)",
                (check_id, PORTAL, BLIND_INDEX, datetime.now(UTC) + timedelta(hours=1)),
            )
        running = Running(registration, uuid4(), check_id)
        async with running.client(Role.county_clerk, SANTA_FE, "clerk-sf") as clerk:
            answer = await clerk.post(
                "/v1/applications",
                json={
                    "channel": "paper",
                    "county": "santa_fe",
                    "first_name": "Ramona",
                    "last_name": "Suspicious",
                    "date_of_birth": "1970-01-02",
                    "ssn": SSN,
                    "gender": "F",
                    "residence_address": {"street": "9 Alameda St", "city": "Santa Fe"},
                    "citizen": True,
                    "age_18_or_over": True,
                    "signature_present": True,
                },
                headers={"Idempotency-Key": str(uuid4())},
            )
        assert answer.status_code == 201, answer.text
        yield Running(registration, UUID(answer.json()["application_id"]), check_id)


async def test_d1_a_contact_request_is_kept_and_announced_with_what_the_answer_needs(
    running: Running,
) -> None:
    async with running.client(Role.ovr_portal, subject=PORTAL) as portal:
        by_mail = await portal.post(
            "/v1/contact-requests",
            json={
                "identity_check_id": str(running.unmatched_check_id),
                "county": "taos",
                "first_name": "Inés",
                "last_name": "Gallegos",
                "phone": "505-555-0101",
                "language": "es",
                "mailing_address": {"street": "PO Box 7", "city": "Taos", "zip": "87571"},
            },
        )
    async with running.client(Role.county_clerk, TAOS) as clerk:
        listed = await clerk.get("/v1/counties/taos/contact-requests")

    assert by_mail.status_code == 201, by_mail.text
    assert by_mail.json()["mailing_address"]["street"] == "PO Box 7"
    assert listed.json()[0]["mailing_address"]["city"] == "Taos"
    (event,) = running.outbox_of(CONTACT_REQUESTED)
    data = event["data"]
    assert data["contact_request_id"] == by_mail.json()["contact_request_id"]
    assert data["identity_check_id"] == str(running.unmatched_check_id)
    assert (data["county"], data["language"]) == ("taos", "es")
    assert data["name"] == {
        "first_name": "Inés",
        "middle_name": None,
        "last_name": "Gallegos",
        "suffix": None,
    }
    assert data["email"] is None
    assert data["mailing_address"]["street"] == "PO Box 7"
    assert "phone" not in data  # the clerk's own business: the answer does not need it
    with psycopg.connect(running.registration.database_url) as conn:
        keys = [
            key
            for key, payload in conn.execute("SELECT key, payload FROM registration.outbox")
            if CONTACT_REQUESTED.encode() in bytes(payload)
        ]
    assert keys == [BLIND_INDEX]  # the person key of the check: one person's events in order


async def test_d1_a_contact_request_for_a_matched_or_foreign_check_announces_nothing(
    running: Running,
) -> None:
    form = {
        "identity_check_id": str(running.unmatched_check_id),
        "county": "taos",
        "first_name": "Inés",
        "last_name": "Gallegos",
        "email": "ines@example.org",
    }
    async with running.client(Role.ovr_portal, subject="another-portal") as other:
        refused = await other.post("/v1/contact-requests", json=form)
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"][0]["field"] == "identity_check_id"
    assert running.outbox_of(CONTACT_REQUESTED) == []


async def test_c7_a_clerk_refers_a_suspicious_application_with_the_reasons(
    running: Running,
) -> None:
    path = f"/v1/applications/{running.application_id}/fraud-referrals"
    reasons = ["the signature differs from the one on file", "twelve forms from one address"]
    async with running.client(Role.county_supervisor, SANTA_FE, "supervisor-sf") as supervisor:
        referred = await supervisor.post(path, json={"reasons": reasons})

    assert referred.status_code == 201, referred.text
    answer = referred.json()
    assert answer["reasons"] == reasons
    assert (answer["county"], answer["referred_by"]) == ("santa_fe", "supervisor-sf")
    (event,) = running.outbox_of(FRAUD_REFERRED)
    data = event["data"]
    assert data["referral_id"] == answer["referral_id"]
    assert data["application_id"] == str(running.application_id)
    assert (data["county"], data["channel"], data["reasons"]) == ("santa_fe", "paper", reasons)
    assert data["referred_by"] == "supervisor-sf"
    assert SSN not in str(event)
    audited = [
        e["data"]
        for e in running.outbox_of(ACCESS_ATTEMPTED)
        if e["data"]["action"] == "POST /v1/applications/{application_id}/fraud-referrals"
    ]
    assert [(a["actor"], a["outcome"], a["status_code"]) for a in audited] == [
        ("supervisor-sf", "allowed", 201)
    ]


@pytest.mark.parametrize(
    ("role", "county", "body", "status", "field"),
    [
        pytest.param(Role.county_clerk, TAOS, {"reasons": ["x"]}, 403, None, id="other-county"),
        pytest.param(Role.sos_admin, None, {"reasons": ["x"]}, 403, None, id="not-a-clerk"),
        pytest.param(Role.ovr_portal, None, {"reasons": ["x"]}, 403, None, id="portal"),
        pytest.param(Role.county_clerk, SANTA_FE, {"reasons": []}, 422, "reasons", id="no-reason"),
        pytest.param(Role.county_clerk, SANTA_FE, {"reasons": [""]}, 422, "reasons.0", id="blank"),
        pytest.param(Role.county_clerk, SANTA_FE, {}, 422, "reasons", id="missing"),
    ],
)
async def test_c7_only_a_clerk_of_the_county_refers_and_only_with_reasons(
    running: Running,
    role: Role,
    county: County | None,
    body: dict[str, Any],
    status: int,
    field: str | None,
) -> None:
    async with running.client(role, county) as caller:
        answer = await caller.post(
            f"/v1/applications/{running.application_id}/fraud-referrals", json=body
        )
    assert answer.status_code == status, answer.text
    if field is not None:
        assert [f["field"] for f in answer.json()["error"]["fields"]] == [field]
    assert running.outbox_of(FRAUD_REFERRED) == []
    denied = [
        e["data"]
        for e in running.outbox_of(ACCESS_ATTEMPTED)
        if e["data"]["action"] == "POST /v1/applications/{application_id}/fraud-referrals"
    ]
    assert [d["status_code"] for d in denied] == [status]


async def test_c7_an_unknown_application_is_not_found(running: Running) -> None:
    async with running.client(Role.county_clerk, SANTA_FE) as clerk:
        answer = await clerk.post(
            f"/v1/applications/{uuid4()}/fraud-referrals", json={"reasons": ["x"]}
        )
    assert answer.status_code == 404
