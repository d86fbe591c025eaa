"""``POST /v1/mvd/identity-matches`` on the real app (real PostgreSQL and broker): 1.10.35.8 D(1)
exactly, no MVD data without a match, and only the roles that check identities."""

import base64
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import httpx
import psycopg
import pytest
from pydantic import SecretStr

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_matching.bootstrap import SPEC
from vrs_plumbing.auth import mint_token, new_signing_key
from vrs_plumbing.blind_index import ssn_blind_index
from vrs_plumbing.migrations import upgrade
from vrs_plumbing.runtime import create_service_app
from vrs_plumbing.settings import KafkaSettings, Settings

PATH = "/v1/mvd/identity-matches"
NO_MATCH = {"matched": False, "signature_ref": None, "photo_ref": None, "expired": None}


@dataclass
class Api:
    """A running matching app, a way to mint tokens for it, and the blind-index key."""

    client: httpx.AsyncClient
    private_key: bytes
    index_key: bytes
    database_url: str

    def token(self, role: Role, county: County | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {mint_token(self.private_key, role=role, county=county)}"}

    def add_licence(
        self,
        mvd_id: str,
        ssn: str,
        dob: date,
        *,
        expired: bool = False,
        images: bool = True,
    ) -> None:
        with psycopg.connect(self.database_url) as conn:
            conn.execute(
                """
                INSERT INTO matching.mvd_records (
                    mvd_id, first_name, last_name, first_name_norm, last_name_norm,
                    date_of_birth, ssn_index, ssn_last4, street, city, state, zip, county,
                    expired, signature_ref, photo_ref
                ) VALUES (%s, 'Alma', 'Example', 'ALMA', 'EXAMPLE', %s, %s, %s,
                          '1 Plaza', 'Santa Fe', 'NM', '87501', 'santa_fe', %s, %s, %s)
                """,
                (
                    mvd_id,
                    dob,
                    ssn_blind_index(self.index_key, ssn),
                    ssn[-4:],
                    expired,
                    f"mvd://signatures/{mvd_id}" if images else None,
                    f"mvd://photos/{mvd_id}" if images else None,
                ),
            )

    def query(self, mvd_id: str, ssn: str, dob: date) -> dict[str, Any]:
        return {
            "mvd_id": mvd_id,
            "ssn_blind_index": ssn_blind_index(self.index_key, ssn),
            "date_of_birth": dob.isoformat(),
        }


@pytest.fixture
async def api(database_url: str, kafka_bootstrap: str) -> AsyncIterator[Api]:
    private_key, public_key = new_signing_key()
    index_key = os.urandom(32)
    settings = Settings(
        database_url=database_url,
        token_public_key=SecretStr(public_key.decode()),
        blind_index_key=SecretStr(base64.b64encode(index_key).decode()),
        kafka=KafkaSettings(bootstrap_servers=kafka_bootstrap),
        outbox_poll_seconds=0.05,
    )
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    # Matching's real spec but for its Kafka consumers: each app would rejoin their consumer
    # groups, which costs seconds per test on the broker and has nothing to do with the route.
    app = create_service_app(replace(SPEC, subscriptions=lambda _runtime: ()), settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://matching") as client:
            yield Api(client, private_key, index_key, database_url)


SSN = "512340987"  # synthetic
DOB = date(1980, 2, 3)


async def test_all_three_equal_is_a_match_with_the_mvd_image_references(api: Api) -> None:
    api.add_licence("NM100200300", SSN, DOB)

    answer = await api.client.post(
        PATH, json=api.query("NM100200300", SSN, DOB), headers=api.token(Role.ovr_portal)
    )

    assert answer.status_code == 200
    assert answer.json() == {
        "matched": True,
        "signature_ref": "mvd://signatures/NM100200300",
        "photo_ref": "mvd://photos/NM100200300",
        "expired": False,
    }


async def test_an_expired_licence_still_matches(api: Api) -> None:
    api.add_licence("NM100200301", SSN, DOB, expired=True, images=False)

    answer = await api.client.post(
        PATH, json=api.query("NM100200301", SSN, DOB), headers=api.token(Role.sos_admin)
    )

    assert answer.json() == {
        "matched": True,
        "signature_ref": None,
        "photo_ref": None,
        "expired": True,
    }


async def test_the_licence_number_matches_however_the_applicant_spaces_or_cases_it(
    api: Api,
) -> None:
    api.add_licence("NM100200302", SSN, DOB)

    answer = await api.client.post(
        PATH,
        json=api.query("nm-100 200 302", SSN, DOB),
        headers=api.token(Role.county_clerk, County.taos),
    )

    assert answer.json()["matched"] is True


@pytest.mark.parametrize(
    "differs",
    [
        {"mvd_id": "NM100200399"},
        {"ssn": "512340988"},
        {"dob": date(1980, 3, 2)},
        {"mvd_id": "NM999999999", "ssn": "612340987", "dob": date(1990, 1, 1)},
    ],
    ids=["mvd_id", "ssn", "dob", "all three"],
)
async def test_one_differing_field_is_no_match_and_the_answer_holds_nothing_else(
    api: Api, differs: dict[str, Any]
) -> None:
    api.add_licence("NM100200303", SSN, DOB)
    given: dict[str, Any] = {"mvd_id": "NM100200303", "ssn": SSN, "dob": DOB, **differs}

    answer = await api.client.post(
        PATH,
        json=api.query(given["mvd_id"], given["ssn"], given["dob"]),
        headers=api.token(Role.county_supervisor, County.santa_fe),
    )

    assert answer.status_code == 200
    assert answer.json() == NO_MATCH
    assert "NM100200303" not in answer.text
    assert "Alma" not in answer.text


@pytest.mark.parametrize(
    "role", [Role.auditor, Role.records_requester, Role.mvd_system, Role.operator]
)
async def test_a_role_that_does_not_check_identities_is_refused(api: Api, role: Role) -> None:
    api.add_licence("NM100200304", SSN, DOB)

    answer = await api.client.post(
        PATH, json=api.query("NM100200304", SSN, DOB), headers=api.token(role)
    )

    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "forbidden"
    assert "matched" not in answer.text


async def test_no_token_is_refused_as_unauthenticated(api: Api) -> None:
    answer = await api.client.post(PATH, json=api.query("NM100200305", SSN, DOB))

    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"


async def test_a_full_ssn_in_place_of_the_blind_index_is_refused_without_being_echoed(
    api: Api,
) -> None:
    body = {"mvd_id": "NM100200306", "ssn_blind_index": SSN, "date_of_birth": "1980-02-03"}

    answer = await api.client.post(PATH, json=body, headers=api.token(Role.ovr_portal))

    assert answer.status_code == 422
    assert [f["field"] for f in answer.json()["error"]["fields"]] == ["ssn_blind_index"]
    assert SSN not in answer.text


async def test_every_identity_check_is_audited_allowed_or_refused(
    api: Api, database_url: str
) -> None:
    await api.client.post(
        PATH, json=api.query("NM100200307", SSN, DOB), headers=api.token(Role.ovr_portal)
    )
    await api.client.post(PATH, json=api.query("NM100200307", SSN, DOB))

    with psycopg.connect(database_url) as conn:
        payloads = [
            bytes(row[0]).decode()
            for row in conn.execute("SELECT payload FROM matching.outbox ORDER BY id")
        ]
    audited = [p for p in payloads if f"POST {PATH}" in p]
    assert len(audited) == 2
    assert '"outcome":"allowed"' in audited[0]
    assert '"outcome":"denied"' in audited[1]
    assert not any(ssn_blind_index(api.index_key, SSN) in p for p in payloads)
