"""1.10.35.9 B, C on the real app and a real PostgreSQL: the county's staff (or the SOS) assign a
voter of the county to a precinct; the voter file keeps it, upper-case, and announces it as
``voter.record_updated`` with the whole record and no application; anything else is refused."""

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role

SANTA_FE, TAOS = County.santa_fe, County.taos
RECORD_UPDATED = "gov.nm.sos.vrs.voter.record_updated.v1"
FORM = {
    "channel": "paper",
    "county": "santa_fe",
    "first_name": "Lucia",
    "last_name": "Precinto",
    "date_of_birth": "1975-06-07",
    "ssn": "523450288",  # synthetic
    "residence_address": {"street": "4 Canyon Rd", "city": "Santa Fe", "zip": "87501"},
    "citizen": True,
    "age_18_or_over": True,
    "signature_present": True,
    "email": "lucia@example.invalid",
    "language": "es",
}


@dataclass(frozen=True)
class Running:
    registration: Any
    voter_id: UUID

    def client(self, role: Role, county: County | None = None) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.registration.app),
            base_url="http://registration",
            headers=self.registration.auth(role, county, subject=f"{role}-{county}"),
        )

    def assignments(self) -> list[dict[str, Any]]:
        return [e["data"] for e in self.registration.outbox() if e["type"] == RECORD_UPDATED]


@pytest.fixture
async def running(
    registration: Any, no_match: Callable[..., Awaitable[UUID]]
) -> AsyncIterator[Running]:
    app = registration.app
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://registration",
            headers=registration.auth(Role.county_clerk, SANTA_FE),
        ) as clerk:
            answer = await clerk.post(
                "/v1/applications", json=FORM, headers={"Idempotency-Key": str(uuid4())}
            )
        assert answer.status_code == 201, answer.text
        async with app.state.runtime.pool.connection() as conn, conn.transaction():
            voter_id = await no_match(conn, UUID(answer.json()["application_id"]))
        yield Running(registration, voter_id)


async def test_the_county_clerk_assigns_a_precinct_and_it_is_announced_with_the_whole_record(
    running: Running,
) -> None:
    async with running.client(Role.county_clerk, SANTA_FE) as clerk:
        assigned = await clerk.put(
            f"/v1/voters/{running.voter_id}/precinct", json={"precinct": "12-a"}
        )
        again = await clerk.put(
            f"/v1/voters/{running.voter_id}/precinct", json={"precinct": "12-A"}
        )
        read = await clerk.get(f"/v1/voters/{running.voter_id}")

    assert assigned.status_code == 200, assigned.text
    assert assigned.json()["precinct"] == "12-A"
    assert again.status_code == 200
    assert read.json()["precinct"] == "12-A"
    [event] = running.assignments()  # the same precinct again announces nothing
    assert event["voter_id"] == str(running.voter_id)
    assert event["precinct"] == "12-A"
    assert event["application_id"] is None
    assert event["transferred_from"] is None
    assert event["county"] == "santa_fe"
    assert event["party"] == "DTS"
    assert event["confidential_address"] is False
    assert (event["email"], event["language"]) == ("lucia@example.invalid", "es")
    assert event["registrant"]["name"]["last_name"] == "Precinto"
    assert event["registrant"]["ssn"]["last4"] == "0288"
    assert "523450288" not in str(running.registration.outbox())


async def test_a_new_precinct_is_announced_again_by_the_supervisor_or_the_sos(
    running: Running,
) -> None:
    async with running.client(Role.county_supervisor, SANTA_FE) as supervisor:
        first = await supervisor.put(
            f"/v1/voters/{running.voter_id}/precinct", json={"precinct": "017"}
        )
    async with running.client(Role.sos_admin) as sos:
        second = await sos.put(f"/v1/voters/{running.voter_id}/precinct", json={"precinct": "018"})

    assert (first.status_code, second.status_code) == (200, 200)
    assert [e["precinct"] for e in running.assignments()] == ["017", "018"]


@pytest.mark.parametrize(
    ("role", "county", "status"),
    [
        (Role.county_clerk, TAOS, 403),  # another county's voter
        (Role.county_supervisor, TAOS, 403),
        (Role.records_requester, None, 403),
        (Role.ovr_portal, None, 403),
        (Role.auditor, None, 403),
    ],
)
async def test_no_one_else_assigns_a_precinct(
    running: Running, role: Role, county: County | None, status: int
) -> None:
    async with running.client(role, county) as caller:
        answer = await caller.put(
            f"/v1/voters/{running.voter_id}/precinct", json={"precinct": "017"}
        )

    assert answer.status_code == status
    assert running.assignments() == []


@pytest.mark.parametrize(
    "body",
    [
        {"precinct": "12 A"},
        {"precinct": "-1"},
        {"precinct": ""},
        {"precinct": "1234567890ABCDEFG"},
        {"precinct": "Ⅻ"},
        {"precinct": 17},
        {},
    ],
)
async def test_a_precinct_that_is_no_code_is_a_422_naming_the_field(
    running: Running, body: dict[str, Any]
) -> None:
    async with running.client(Role.county_clerk, SANTA_FE) as clerk:
        answer = await clerk.put(f"/v1/voters/{running.voter_id}/precinct", json=body)

    assert answer.status_code == 422, answer.text
    assert [f["field"] for f in answer.json()["error"]["fields"]] == ["precinct"]
    assert running.assignments() == []


async def test_an_unknown_voter_is_a_404(running: Running) -> None:
    async with running.client(Role.county_clerk, SANTA_FE) as clerk:
        answer = await clerk.put(f"/v1/voters/{uuid4()}/precinct", json={"precinct": "017"})

    assert answer.status_code == 404
