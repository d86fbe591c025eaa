"""The SOS election calendar and the county suspense query report (1.10.35.8 A(9)) over HTTP, on
the real app with real PostgreSQL and broker, and a clock the test sets."""

import base64
import json
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

import httpx
import pytest
from psycopg.types.json import Jsonb
from pydantic import SecretStr

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_embedded.testing import disclosed_voters
from vrs_plumbing.auth import mint_token, new_signing_key
from vrs_plumbing.migrations import upgrade
from vrs_plumbing.runtime import Runtime, create_service_app
from vrs_plumbing.settings import KafkaSettings
from vrs_registration.bootstrap import SPEC
from vrs_registration.config import RegistrationSettings
from vrs_registration.entrypoints.elections import build_router

DENVER = ZoneInfo("America/Denver")
GENERAL = date(2026, 11, 3)
PRIMARY = date(2026, 6, 2)
SANTA_FE, TAOS = County.santa_fe, County.taos


@dataclass
class Api:
    """A client of the app, the clock its routes read, and its database."""

    http: httpx.AsyncClient
    runtime: Runtime
    private_key: bytes
    clock: list[datetime]

    def auth(self, role: Role, county: County | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {mint_token(self.private_key, role=role, county=county)}"}

    def today_is(self, day: date) -> None:
        self.clock[0] = datetime(day.year, day.month, day.day, 9, tzinfo=DENVER)


@pytest.fixture
async def api(database_url: str, kafka_bootstrap: str) -> AsyncIterator[Api]:
    """Registration with only the election routes (no background jobs: the clock is the test's)."""
    private_key, public_key = new_signing_key()
    settings = RegistrationSettings(
        database_url=database_url,
        token_public_key=SecretStr(public_key.decode()),
        blind_index_key=SecretStr(base64.b64encode(os.urandom(32)).decode()),
        ssn_vault_keys=SecretStr(json.dumps({"dev-1": base64.b64encode(os.urandom(32)).decode()})),
        kafka=KafkaSettings(bootstrap_servers=kafka_bootstrap),
        outbox_poll_seconds=0.05,
    )
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    clock = [datetime.now(UTC)]
    spec = replace(
        SPEC,
        routers=lambda runtime: [build_router(runtime, lambda: clock[0])],
        subscriptions=lambda _runtime: (),
        background=(),
    )
    app = create_service_app(spec, settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://registration"
        ) as http,
    ):
        yield Api(http, app.state.runtime, private_key, clock)


async def put_election(api: Api, election_id: str, day: date, kind: str = "general") -> None:
    answer = await api.http.put(
        f"/v1/elections/{election_id}",
        json={"name": f"Election {election_id}", "kind": kind, "election_date": day.isoformat()},
        headers=api.auth(Role.sos_admin),
    )
    assert answer.status_code == 200, answer.text


async def voter(
    api: Api,
    born: date,
    last_name: str,
    *,
    county: County = SANTA_FE,
    status: str = "suspense",
    reason: str | None = "under_age",
) -> UUID:
    voter_id = uuid4()
    async with api.runtime.pool.connection() as conn, conn.transaction():
        await conn.execute(
            "INSERT INTO voters (voter_id, county, status, status_reason, first_name, last_name,"
            " date_of_birth, ssn_last4, person_key, residence_address, party, registered_on)"
            " VALUES (%s, %s, %s, %s, 'Joven', %s, %s, '4321', %s, %s, 'GRN', %s)",
            (
                voter_id,
                county,
                status,
                reason,
                last_name,
                born,
                f"pk-{voter_id}",
                Jsonb({"street": "1 Plaza"}),
                born,
            ),
        )
    return voter_id


async def report(api: Api, county: County, election_id: str, role: Role, of: County | None) -> Any:
    return await api.http.get(
        f"/v1/counties/{county}/suspense-report",
        params={"election_id": election_id},
        headers=api.auth(role, of),
    )


async def test_the_sos_keeps_the_calendar_and_every_role_reads_it(api: Api) -> None:
    await put_election(api, "2026-general", GENERAL)
    await put_election(api, "2026-primary", PRIMARY, kind="primary")
    await put_election(api, "2026-general", GENERAL + timedelta(days=7))  # a correction

    listed = await api.http.get("/v1/elections", headers=api.auth(Role.county_clerk, TAOS))

    assert listed.status_code == 200, listed.text
    assert listed.json() == [
        {
            "election_id": "2026-primary",
            "name": "Election 2026-primary",
            "kind": "primary",
            "election_date": "2026-06-02",
        },
        {
            "election_id": "2026-general",
            "name": "Election 2026-general",
            "kind": "general",
            "election_date": "2026-11-10",
        },
    ]
    assert (await api.http.get("/v1/elections")).status_code == 401


@pytest.mark.parametrize("role", [Role.county_clerk, Role.county_supervisor, Role.ovr_portal])
async def test_only_the_sos_may_change_the_calendar(api: Api, role: Role) -> None:
    county = SANTA_FE if role in {Role.county_clerk, Role.county_supervisor} else None
    answer = await api.http.put(
        "/v1/elections/2026-general",
        json={"name": "General", "kind": "general", "election_date": "2026-11-03"},
        headers=api.auth(role, county),
    )

    assert answer.status_code == 403, answer.text
    assert (await api.http.get("/v1/elections", headers=api.auth(Role.sos_admin))).json() == []


@pytest.mark.parametrize(
    ("election_id", "body", "field"),
    [
        ("2026-general", {"name": "G", "kind": "runoff", "election_date": "2026-11-03"}, "kind"),
        (
            "2026-general",
            {"name": "G", "kind": "general", "election_date": "0001-01-05"},
            "election_date",
        ),
        (
            "2026-general",
            {"name": "G", "kind": "general", "election_date": "11/03/2026"},
            "election_date",
        ),
        ("2026-general", {"name": "", "kind": "general", "election_date": "2026-11-03"}, "name"),
        (
            "2026 General",
            {"name": "G", "kind": "general", "election_date": "2026-11-03"},
            "path.election_id",
        ),
    ],
)
async def test_an_election_that_is_not_valid_is_a_422_naming_the_field(
    api: Api, election_id: str, body: dict[str, str], field: str
) -> None:
    answer = await api.http.put(
        f"/v1/elections/{election_id}", json=body, headers=api.auth(Role.sos_admin)
    )

    assert answer.status_code == 422, answer.text
    assert [f["field"] for f in answer.json()["error"]["fields"]] == [field]


@dataclass(frozen=True)
class SantaFe:
    on_election_day: UUID
    day_after: UUID
    by_primary: UUID
    incomplete: UUID


@pytest.fixture
async def santa_fe(api: Api) -> SantaFe:
    """Santa Fe's voters in suspense (and others that the report must leave out)."""
    await put_election(api, "2026-primary", PRIMARY, kind="primary")
    await put_election(api, "2026-general", GENERAL)
    voters = SantaFe(
        on_election_day=await voter(api, date(2008, 11, 3), "Baca"),
        day_after=await voter(api, date(2008, 11, 4), "Apodaca"),
        by_primary=await voter(api, date(2008, 5, 1), "Chavez"),
        incomplete=await voter(api, date(1990, 1, 1), "Duran", reason="incomplete_application"),
    )
    await voter(api, date(1990, 1, 1), "Active", status="active", reason=None)
    await voter(api, date(2008, 11, 3), "Taoseno", county=TAOS)
    return voters


async def test_a9_the_suspense_report_lists_the_countys_suspense_voters_with_their_activation_day(
    api: Api, santa_fe: SantaFe
) -> None:
    api.today_is(GENERAL - timedelta(days=35))

    answer = await report(api, SANTA_FE, "2026-general", Role.county_clerk, SANTA_FE)

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["county"] == "santa_fe"
    assert body["election"]["election_id"] == "2026-general"
    assert body["today"] == "2026-09-29"
    assert body["days_before_election"] == 35
    assert body["report_days"] == 35
    assert [
        (v["voter_id"], v["last_name"], v["status_reason"], v["activates_on"])
        for v in body["voters"]
    ] == [
        (str(santa_fe.day_after), "Apodaca", "under_age", None),  # 18 the day after
        (str(santa_fe.on_election_day), "Baca", "under_age", "2026-10-13"),
        (str(santa_fe.by_primary), "Chavez", "under_age", "2026-05-12"),  # the primary's 21st day
        (str(santa_fe.incomplete), "Duran", "incomplete_application", None),
    ]
    assert set(body["voters"][0]) == {
        "voter_id",
        "first_name",
        "middle_name",
        "last_name",
        "suffix",
        "date_of_birth",
        "status_reason",
        "activates_on",
    }
    assert body["voters"][1]["date_of_birth"] == "2008-11-03"
    assert "4321" not in answer.text  # no SSN digits
    assert "GRN" not in answer.text  # no party
    assert sorted(await disclosed_voters(api.runtime.pool, answer)) == sorted(
        UUID(v["voter_id"]) for v in body["voters"]
    )  # the audit entry names every voter the report showed


@pytest.mark.parametrize(("days_before", "expected"), [(36, None), (35, 35), (21, 21), (20, None)])
async def test_a9_the_report_says_whether_today_is_its_35th_or_21st_day(
    api: Api, santa_fe: SantaFe, days_before: int, expected: int | None
) -> None:
    api.today_is(GENERAL - timedelta(days=days_before))

    answer = await report(api, SANTA_FE, "2026-general", Role.county_clerk, SANTA_FE)

    assert answer.json()["report_days"] == expected
    assert answer.json()["days_before_election"] == days_before


@pytest.mark.parametrize(
    ("role", "of", "status"),
    [
        (Role.county_supervisor, SANTA_FE, 200),
        (Role.sos_admin, None, 200),
        (Role.county_clerk, TAOS, 403),
        (Role.county_supervisor, TAOS, 403),
        (Role.ovr_portal, None, 403),
        (Role.records_requester, None, 403),
    ],
)
async def test_a9_the_report_is_for_the_countys_clerks_and_the_sos_only(
    api: Api, santa_fe: SantaFe, role: Role, of: County | None, status: int
) -> None:
    answer = await report(api, SANTA_FE, "2026-general", role, of)

    assert answer.status_code == status, answer.text
    if status == 403:
        assert "Baca" not in answer.text


async def test_a9_another_countys_report_lists_only_its_own_voters(
    api: Api, santa_fe: SantaFe
) -> None:
    answer = await report(api, TAOS, "2026-general", Role.county_clerk, TAOS)

    assert [v["last_name"] for v in answer.json()["voters"]] == ["Taoseno"]


async def test_a_report_for_an_election_not_in_the_calendar_is_a_404(
    api: Api, santa_fe: SantaFe
) -> None:
    missing = await report(api, SANTA_FE, "2030-general", Role.county_clerk, SANTA_FE)
    malformed = await report(api, SANTA_FE, "2030 General", Role.county_clerk, SANTA_FE)

    assert missing.status_code == 404, missing.text
    assert malformed.status_code == 422, malformed.text
    assert [f["field"] for f in malformed.json()["error"]["fields"]] == ["query.election_id"]
