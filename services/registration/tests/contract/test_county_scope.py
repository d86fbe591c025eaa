"""Least privilege by county: a clerk of county A cannot read or write county B's records, and
every refusal is recorded as a denied access attempt in registration's outbox (1.10.35.8 D(10))."""

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role

A, B = County.santa_fe, County.taos
CLERK_A = "clerk-santa-fe"
ACCESS_ATTEMPTED = "gov.nm.sos.vrs.audit.access_attempted.v1"


def form(county: County, last_name: str) -> dict[str, Any]:
    return {
        "channel": "paper",
        "county": str(county),
        "first_name": "Benita",
        "last_name": last_name,
        "date_of_birth": "1975-06-07",
        "ssn": "523450123",  # synthetic
        "gender": "F",
        "residence_address": {"street": "4 Placitas Rd", "city": "Taos", "zip": "87571"},
        "citizen": True,
        "age_18_or_over": True,
        "signature_present": True,
    }


@dataclass(frozen=True)
class CountyB:
    """Records of county B, and the clients of a clerk of each county."""

    application_id: UUID
    voter_id: UUID
    clerk_a: httpx.AsyncClient
    clerk_b: httpx.AsyncClient


@pytest.fixture
async def county_b(
    registration: Any, no_match: Callable[..., Awaitable[UUID]]
) -> AsyncIterator[CountyB]:
    """Registration running, with one application of county B that made a voter of county B."""
    app = registration.app
    runtime = app.state.runtime
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=transport,
            base_url="http://registration",
            headers=registration.auth(Role.county_clerk, A, subject=CLERK_A),
        ) as clerk_a,
        httpx.AsyncClient(
            transport=transport,
            base_url="http://registration",
            headers=registration.auth(Role.county_clerk, B, subject="clerk-taos"),
        ) as clerk_b,
    ):
        answer = await clerk_b.post(
            "/v1/applications",
            json=form(B, "Countyb"),
            headers={"Idempotency-Key": str(uuid4())},
        )
        assert answer.status_code == 201, answer.text
        application_id = UUID(answer.json()["application_id"])
        async with runtime.pool.connection() as conn, conn.transaction():
            await no_match(conn, application_id)
        registered = await clerk_b.get(f"/v1/applications/{application_id}")
        assert registered.json()["state"] == "registered", registered.text
        voter_id = UUID(registered.json()["voter_id"])
        yield CountyB(application_id, voter_id, clerk_a, clerk_b)


async def refused(client: httpx.AsyncClient, method: str, path: str, **kwargs: Any) -> None:
    answer = await client.request(method, path, **kwargs)
    assert answer.status_code == 403, answer.text
    body = answer.json()
    assert body["error"]["code"] == "forbidden"
    assert "Countyb" not in answer.text  # nothing of B's record comes back


def attempts(registration: Any, method: str, resource: str) -> list[dict[str, Any]]:
    """Clerk A's recorded access attempts of ``method`` on ``resource``, from the outbox."""
    return [
        event["data"]
        for event in registration.outbox()
        if event["type"] == ACCESS_ATTEMPTED
        and event["data"]["action"].startswith(f"{method} ")
        and event["data"]["resource"] == resource
        and event["data"]["actor"] == CLERK_A
    ]


def assert_denied_once(registration: Any, method: str, resource: str) -> None:
    recorded = attempts(registration, method, resource)
    assert len(recorded) == 1, recorded
    attempt = recorded[0]
    assert attempt["outcome"] == "denied"
    assert attempt["status_code"] == 403
    assert attempt["role"] == "county_clerk"
    assert attempt["county"] == str(A)
    assert attempt["service"] == "registration"
    assert "another county" in (attempt["reason"] or "")


async def test_a_clerk_cannot_read_another_countys_application(
    registration: Any, county_b: CountyB
) -> None:
    path = f"/v1/applications/{county_b.application_id}"

    await refused(county_b.clerk_a, "GET", path)

    assert (await county_b.clerk_b.get(path)).status_code == 200
    assert_denied_once(registration, "GET", path)


async def test_a_clerk_cannot_read_another_countys_voter(
    registration: Any, county_b: CountyB
) -> None:
    path = f"/v1/voters/{county_b.voter_id}"

    await refused(county_b.clerk_a, "GET", path)

    mine = await county_b.clerk_b.get(path)
    assert mine.status_code == 200
    assert mine.json()["county"] == str(B)
    assert_denied_once(registration, "GET", path)


@pytest.mark.parametrize(
    "template",
    ["/v1/counties/{county}/commercial-mailboxes", "/v1/counties/{county}/contact-requests"],
)
async def test_a_clerk_cannot_read_another_countys_lists(
    registration: Any, county_b: CountyB, template: str
) -> None:
    path = template.format(county=B)

    await refused(county_b.clerk_a, "GET", path)

    assert (await county_b.clerk_b.get(path)).status_code == 200
    assert (await county_b.clerk_a.get(template.format(county=A))).status_code == 200
    assert_denied_once(registration, "GET", path)


async def test_a_clerk_cannot_change_another_countys_mailbox_list(
    registration: Any, county_b: CountyB
) -> None:
    path = f"/v1/counties/{B}/commercial-mailboxes"
    listed = {"name": "Box Co", "street": "100 Paseo del Pueblo Sur", "city": "Taos"}

    await refused(county_b.clerk_a, "POST", path, json=listed)

    assert (await county_b.clerk_b.get(path)).json() == []
    assert_denied_once(registration, "POST", path)


async def test_a_clerk_cannot_submit_an_application_for_another_county(
    registration: Any, county_b: CountyB
) -> None:
    before = await county_b.clerk_b.get(f"/v1/applications/{county_b.application_id}")

    await refused(
        county_b.clerk_a,
        "POST",
        "/v1/applications",
        json=form(B, "Countyb"),
        headers={"Idempotency-Key": str(uuid4())},
    )

    assert (
        await county_b.clerk_b.get(f"/v1/applications/{county_b.application_id}")
    ).json() == before.json()
    assert_denied_once(registration, "POST", "/v1/applications")
    submitted = [
        e for e in registration.outbox() if e["type"].startswith("gov.nm.sos.vrs.application.")
    ]
    assert len({e["data"]["application_id"] for e in submitted}) == 1  # only B's own


async def test_the_recorded_action_names_the_route_template(
    registration: Any, county_b: CountyB
) -> None:
    path = f"/v1/voters/{county_b.voter_id}"

    await refused(county_b.clerk_a, "GET", path)

    assert [a["action"] for a in attempts(registration, "GET", path)] == [
        "GET /v1/voters/{voter_id}"
    ]
