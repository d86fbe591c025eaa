"""The review queue on the real app and a real PostgreSQL: what a lookup raises or settles, the
county's queue (masked, ranked, county-scoped, never filtered by a protected class), and what
the clerk's decision publishes (1.10.35.7 SS, X; 1.10.35.8 A(1); 1.10.35.9)."""

import base64
import json
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from pydantic import SecretStr

from vrs_contracts.api.reviews import ReviewedRecord
from vrs_contracts.counties import County
from vrs_contracts.envelope import envelope
from vrs_contracts.events import ApplicationAccepted, VoterRegistered
from vrs_contracts.events.matching import MatchCandidate
from vrs_contracts.people import Address, PersonName, Registrant, SsnReference
from vrs_contracts.vocabulary import (
    Channel,
    Decision,
    FieldAgreement,
    MatchKind,
    MatchStrength,
    ReviewSubject,
    Role,
    VoterStatus,
)
from vrs_matching.bootstrap import SPEC
from vrs_matching.domain.identity import Field
from vrs_matching.domain.review import Found
from vrs_matching.service_layer.handlers import match_application, project_voter
from vrs_matching.service_layer.reviews import Trace, raise_reviews
from vrs_plumbing.auth import mint_token, new_signing_key
from vrs_plumbing.db import Pool
from vrs_plumbing.migrations import upgrade
from vrs_plumbing.runtime import create_service_app
from vrs_plumbing.settings import KafkaSettings, Settings

HERE, THERE = County.santa_fe, County.taos
SSN_A, SSN_B = "a1" * 32, "b2" * 32  # blind indexes: matching never sees an SSN
REVIEWED = "gov.nm.sos.vrs.match.review_raised.v1"
RESOLVED = "gov.nm.sos.vrs.match.review_resolved.v1"
SETTLED = "gov.nm.sos.vrs.match.application_settled.v1"
CONFIRMED = "gov.nm.sos.vrs.match.voter_confirmed.v1"
COMPLETED = "gov.nm.sos.vrs.match.completed.v1"


def person(
    *,
    first: str = "Ana",
    last: str = "Romero",
    ssn: str | None = SSN_A,
    last4: str | None = "4321",
    street: str = "12 Calle Luna",
) -> Registrant:
    return Registrant(
        name=PersonName(first_name=first, middle_name="Luz", last_name=last),
        date_of_birth=date(1971, 4, 5),
        ssn=SsnReference(blind_index=ssn, last4=last4),
        residence_address=Address(street=street, city="Santa Fe", state="NM", zip="87501"),
    )


@dataclass
class Matching:
    """Matching's app with its pool, a client per token, and what it has published."""

    client: httpx.AsyncClient
    pool: Pool
    private_key: bytes

    def as_(
        self, role: Role, county: County | None = None, subject: str = "clerk"
    ) -> dict[str, str]:
        token = mint_token(self.private_key, role=role, county=county, subject=subject)
        return {"Authorization": f"Bearer {token}"}

    async def voter(
        self, registrant: Registrant, county: County, registered_on: date = date(2016, 3, 1)
    ) -> UUID:
        voter_id = uuid4()
        registered = VoterRegistered(
            voter_id=voter_id,
            county=county,
            status=VoterStatus.active,
            registrant=registrant,
            party="DTS",
            registered_on=registered_on,
        )
        async with self.pool.connection() as conn, conn.transaction():
            await project_voter(conn, envelope(registered, source="/test", correlation_id=uuid4()))
        return voter_id

    async def apply(self, registrant: Registrant, county: County = HERE) -> UUID:
        application_id = uuid4()
        await self.accept(application_id, registrant, county)
        return application_id

    async def accept(self, application_id: UUID, registrant: Registrant, county: County) -> None:
        accepted = ApplicationAccepted(
            application_id=application_id,
            channel=Channel.paper,
            county=county,
            decision=Decision.accepted,
            person_key=f"pk-{application_id}",
            registrant=registrant,
        )
        async with self.pool.connection() as conn, conn.transaction():
            await match_application(
                conn, envelope(accepted, source="/test", correlation_id=uuid4())
            )

    async def events(self, about: UUID | None = None) -> list[dict[str, Any]]:
        """Matching's published events, oldest first; ``about`` keeps those naming that id."""
        async with self.pool.connection() as conn:
            rows = await (await conn.execute("SELECT payload FROM outbox ORDER BY id")).fetchall()
        events = [json.loads(bytes(r["payload"])) for r in rows]
        if about is None:
            return events
        return [e for e in events if str(about) in json.dumps(e["data"])]

    async def queue(self, county: County = HERE) -> list[dict[str, Any]]:
        answer = await self.client.get("/v1/reviews", headers=self.as_(Role.county_clerk, county))
        assert answer.status_code == 200, answer.text
        reviews: list[dict[str, Any]] = answer.json()
        return reviews


@pytest.fixture
async def matching(database_url: str, kafka_bootstrap: str) -> AsyncIterator[Matching]:
    private_key, public_key = new_signing_key()
    settings = Settings(
        database_url=database_url,
        token_public_key=SecretStr(public_key.decode()),
        blind_index_key=SecretStr(base64.b64encode(os.urandom(32)).decode()),
        kafka=KafkaSettings(bootstrap_servers=kafka_bootstrap),
        outbox_poll_seconds=0.05,
    )
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    app = create_service_app(replace(SPEC, subscriptions=lambda _runtime: ()), settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://matching") as client:
            yield Matching(client, app.state.runtime.pool, private_key)


def types(events: list[dict[str, Any]]) -> list[str]:
    return [e["type"] for e in events]


async def test_a1_nothing_found_settles_a_new_registrant_at_once(matching: Matching) -> None:
    application_id = await matching.apply(person(last="Nadie"))

    events = await matching.events(application_id)
    assert types(events) == [COMPLETED, SETTLED]
    assert {k: events[1]["data"][k] for k in ("outcome", "basis", "clause", "voter_id")} == {
        "outcome": "new_registrant", "basis": "no_match", "clause": "1.10.35.8 A(1)", "voter_id": None,
    }  # fmt: skip


async def test_a1_one_strong_duplicate_in_another_county_settles_a_transfer_without_a_clerk(
    matching: Matching,
) -> None:
    voter_id = await matching.voter(person(), THERE)

    application_id = await matching.apply(person())

    events = await matching.events(application_id)
    assert types(events) == [COMPLETED, SETTLED]
    settled = events[1]["data"]
    assert (settled["outcome"], settled["voter_id"], settled["transfer_from_county"]) == (
        "existing_voter", str(voter_id), "taos",
    )  # fmt: skip
    assert (settled["basis"], settled["review_ids"]) == ("strong", [])
    assert await matching.queue(HERE) == []


async def test_ss_a_weak_match_is_raised_once_in_the_owning_countys_queue_and_settles_nothing(
    matching: Matching,
) -> None:
    voter_id = await matching.voter(person(ssn=None), THERE)
    registrant = person()  # same name and DOB, no full SSN on the voter: weak (1.10.35.7 SS)
    application_id = await matching.apply(registrant)
    await matching.accept(application_id, registrant, HERE)  # announced again: nothing new

    events = await matching.events(application_id)
    assert types(events) == [COMPLETED, REVIEWED]
    raised = events[1]["data"]
    assert (raised["county"], raised["subject"], raised["kind"], raised["strength"]) == (
        "santa_fe", "application", "duplicate_other_county", "weak",
    )  # fmt: skip
    queue = await matching.queue(HERE)
    assert [(r["review_id"], r["record_id"], r["state"]) for r in queue] == [
        (raised["review_id"], str(voter_id), "open")
    ]
    assert await matching.queue(THERE) == []


async def test_the_queue_is_ranked_by_score_and_filtered_by_state_and_kind(
    matching: Matching,
) -> None:
    await matching.voter(person(ssn=None), HERE)
    await matching.apply(person())  # name, DOB, address and last four agree
    await matching.voter(person(first="Beto", last="Vigil", ssn=None), HERE)
    await matching.apply(  # a typo, no SSN digits in common, another street: a lower score
        person(first="Beto", last="Vigill", ssn="c3" * 32, last4=None, street="9 Otra Calle")
    )
    # Each applicant shares a birthday and a home with the other voter, under another first
    # name and with no SSN in common: twins, never raised as a duplicate.

    queue = await matching.queue(HERE)
    scores = [r["score"] for r in queue]
    assert len(scores) == 2
    assert scores == sorted(scores, reverse=True)
    assert scores[0] > scores[1]
    admin = matching.as_(Role.sos_admin)
    for params, count in (
        ({"county": "santa_fe", "kind": "duplicate_same_county"}, 2),
        ({"county": "santa_fe", "kind": "deceased"}, 0),
        ({"state": "resolved"}, 0),
        ({}, 2),
    ):
        answer = await matching.client.get("/v1/reviews", params=params, headers=admin)
        assert (answer.status_code, len(answer.json())) == (200, count), params


@pytest.mark.parametrize("parameter", ["party", "gender", "age", "residence", "race"])
async def test_1_10_35_9_the_queue_refuses_a_selection_by_a_protected_class_naming_it(
    matching: Matching, parameter: str
) -> None:
    answer = await matching.client.get(
        "/v1/reviews",
        params={"county": "santa_fe", parameter: "x"},
        headers=matching.as_(Role.sos_admin),
    )
    assert answer.status_code == 400
    assert [f["field"] for f in answer.json()["error"]["fields"]] == [parameter]


async def test_a_clerk_reads_and_decides_only_its_own_countys_reviews(matching: Matching) -> None:
    await matching.voter(person(ssn=None), HERE)
    await matching.apply(person())
    [review] = await matching.queue(HERE)
    taos = matching.as_(Role.county_clerk, THERE, subject="clerk-taos")
    path = f"/v1/reviews/{review['review_id']}"

    answers = [
        await matching.client.get("/v1/reviews", params={"county": "santa_fe"}, headers=taos),
        await matching.client.get(path, headers=taos),
        await matching.client.post(f"{path}/resolution", json={"decision": "match"}, headers=taos),
        await matching.client.get(path, headers=matching.as_(Role.ovr_portal)),
        await matching.client.get(path),
    ]
    assert [a.status_code for a in answers] == [403, 403, 403, 403, 401]
    assert (
        await matching.client.get(path, headers=matching.as_(Role.sos_admin))
    ).status_code == 200
    assert [r["state"] for r in await matching.queue(HERE)] == ["open"]


async def test_a_review_shows_both_records_side_by_side_masked_with_the_evidence(
    matching: Matching,
) -> None:
    voter_id = await matching.voter(person(ssn=None), THERE)
    await matching.apply(person())
    [review] = await matching.queue(HERE)

    answer = await matching.client.get(
        f"/v1/reviews/{review['review_id']}", headers=matching.as_(Role.county_clerk, HERE)
    )

    assert answer.status_code == 200
    body = answer.json()
    assert body["evidence"] == {
        "name": "agrees", "date_of_birth": "agrees", "ssn": "not_stated", "address": "agrees",
    }  # fmt: skip
    explained = {e["field"]: e for e in body["explanation"]}
    assert explained["date_of_birth"]["agrees"] is True
    assert "last four" in explained["ssn"]["note"]
    assert body["contrary"] == []
    subject, candidate = body["subject_record"], body["candidate_record"]
    assert (subject["name"]["first_name"], subject["ssn_last4"], subject["county"]) == (
        "Ana", "4321", "santa_fe",
    )  # fmt: skip
    assert (candidate["name"]["middle_name"], candidate["ssn_last4"], candidate["county"]) == (
        "Luz", "4321", "taos",
    )  # fmt: skip
    assert candidate["residence_address"]["city"] == "Santa Fe"
    assert body["record_id"] == str(voter_id)
    assert SSN_A not in answer.text
    assert SSN_B not in answer.text
    assert "blind_index" not in answer.text


async def test_x_not_a_match_on_every_pair_settles_a_new_registrant_and_the_note_stays_here(
    matching: Matching,
) -> None:
    await matching.voter(person(ssn=None), HERE)
    application_id = await matching.apply(person())
    [review] = await matching.queue(HERE)
    path = f"/v1/reviews/{review['review_id']}/resolution"
    clerk = matching.as_(Role.county_clerk, HERE, subject="clerk-santa-fe")
    note = "Called Ana Romero at home: a different person"

    answer = await matching.client.post(
        path, json={"decision": "not_a_match", "note": note}, headers=clerk
    )

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["state"], body["decision"], body["note"], body["resolved_by"]) == (
        "resolved", "not_a_match", note, "clerk-santa-fe",
    )  # fmt: skip
    events = await matching.events(application_id)
    assert types(events) == [COMPLETED, REVIEWED, RESOLVED, SETTLED]
    assert events[2]["data"]["decision"] == "not_a_match"
    settled = events[3]["data"]
    assert (settled["outcome"], settled["basis"], settled["review_ids"]) == (
        "new_registrant", "clerk", [review["review_id"]],
    )  # fmt: skip
    assert events[2]["correlation_id"] == answer.headers["X-Correlation-ID"]
    assert all("Called" not in json.dumps(e) for e in await matching.events())

    again = await matching.client.post(path, json={"decision": "match"}, headers=clerk)
    assert again.status_code == 409
    assert types(await matching.events(application_id)) == [COMPLETED, REVIEWED, RESOLVED, SETTLED]


async def test_x_a_confirmed_weak_match_settles_the_existing_voter_with_its_transfer(
    matching: Matching,
) -> None:
    voter_id = await matching.voter(person(ssn=None), THERE)
    application_id = await matching.apply(person())
    [review] = await matching.queue(HERE)
    path = f"/v1/reviews/{review['review_id']}/resolution"
    clerk = matching.as_(Role.county_clerk, HERE)

    waiting = await matching.client.post(path, json={"decision": "needs_contact"}, headers=clerk)
    assert (waiting.status_code, waiting.json()["state"]) == (200, "needs_contact")
    assert [r["state"] for r in await matching.queue(HERE)] == ["needs_contact"]
    assert types(await matching.events(application_id)) == [COMPLETED, REVIEWED, RESOLVED]

    matched = await matching.client.post(path, json={"decision": "match"}, headers=clerk)

    assert matched.status_code == 200
    events = await matching.events(application_id)
    assert types(events) == [COMPLETED, REVIEWED, RESOLVED, RESOLVED, SETTLED]
    settled = events[-1]["data"]
    assert {k: settled[k] for k in ("outcome", "voter_id", "transfer_from_county", "basis", "clause")} == {
        "outcome": "existing_voter", "voter_id": str(voter_id), "transfer_from_county": "taos",
        "basis": "clerk", "clause": "1.10.35.7 X",
    }  # fmt: skip
    assert await matching.queue(HERE) == []


async def raise_felony_review(
    matching: Matching, subject: ReviewSubject, subject_id: UUID, key: str
) -> UUID:
    """A felony-incarceration record raised against an application or a voter, as a lookup
    raises one (1.10.35.8 A(3), 1.10.35.9 D(1))."""
    felony = Found(
        candidate=MatchCandidate(
            kind=MatchKind.felony_incarceration,
            strength=MatchStrength.strong,
            score=0.99,
            record_id=str(uuid4()),
            agreeing_fields=["date_of_birth", "name", "ssn"],
        ),
        evidence={Field.name: FieldAgreement.agrees, Field.ssn: FieldAgreement.agrees},
        record=ReviewedRecord(name=person().name, county=None),
    )
    async with matching.pool.connection() as conn, conn.transaction():
        [review_id] = await raise_reviews(
            conn,
            subject=subject,
            subject_id=subject_id,
            county=HERE,
            subject_record=ReviewedRecord(name=person().name, county=HERE),
            found=[felony],
            key=key,
            trace=Trace(correlation_id=uuid4()),
        )
    return review_id


async def test_c4_a_felony_match_cleared_in_person_accepts_the_applicant_as_a_new_registrant(
    matching: Matching,
) -> None:
    await matching.voter(person(ssn=None), HERE)
    application_id = await matching.apply(person())
    [duplicate] = await matching.queue(HERE)
    felony = await raise_felony_review(
        matching, ReviewSubject.application, application_id, f"pk-{application_id}"
    )
    clerk = matching.as_(Role.county_clerk, HERE)

    cleared = await matching.client.post(
        f"/v1/reviews/{felony}/resolution",
        json={"decision": "match", "appeared_in_person": True, "note": "signed before me"},
        headers=clerk,
    )
    assert cleared.status_code == 200, cleared.text
    assert (cleared.json()["decision"], cleared.json()["appeared_in_person"]) == ("match", True)
    assert SETTLED not in types(await matching.events(application_id)), "a pair is still open"

    await matching.client.post(
        f"/v1/reviews/{duplicate['review_id']}/resolution",
        json={"decision": "not_a_match"},
        headers=clerk,
    )

    events = await matching.events(application_id)
    [resolved_felony] = [
        e["data"] for e in events if e["type"] == RESOLVED and e["data"]["review_id"] == str(felony)
    ]
    assert resolved_felony["appeared_in_person"] is True
    [settled] = [e["data"] for e in events if e["type"] == SETTLED]
    assert (settled["outcome"], settled["basis"], settled["clause"]) == (
        "new_registrant", "clerk", "1.10.35.8 C(4)",
    )  # fmt: skip


async def test_d2_a_voters_felony_match_cleared_in_person_changes_nothing(
    matching: Matching,
) -> None:
    voter_id = await matching.voter(person(), HERE)
    felony = await raise_felony_review(matching, ReviewSubject.voter, voter_id, str(voter_id))

    answer = await matching.client.post(
        f"/v1/reviews/{felony}/resolution",
        json={"decision": "match", "appeared_in_person": True},
        headers=matching.as_(Role.county_supervisor, HERE),
    )

    assert answer.status_code == 200, answer.text
    assert CONFIRMED not in types(await matching.events(voter_id))
    assert RESOLVED in types(await matching.events(voter_id))


@pytest.mark.parametrize(
    ("kind", "decision"),
    [("felony", "not_a_match"), ("felony", "needs_contact"), ("duplicate", "match")],
)
async def test_c4_in_person_is_refused_except_on_a_felony_record_decided_match(
    matching: Matching, kind: str, decision: str
) -> None:
    await matching.voter(person(ssn=None), HERE)
    application_id = await matching.apply(person())
    [duplicate] = await matching.queue(HERE)
    review_id = (
        await raise_felony_review(
            matching, ReviewSubject.application, application_id, f"pk-{application_id}"
        )
        if kind == "felony"
        else duplicate["review_id"]
    )

    answer = await matching.client.post(
        f"/v1/reviews/{review_id}/resolution",
        json={"decision": decision, "appeared_in_person": True},
        headers=matching.as_(Role.county_clerk, HERE),
    )

    assert answer.status_code == 422
    assert [f["field"] for f in answer.json()["error"]["fields"]] == ["appeared_in_person"]
    assert RESOLVED not in types(await matching.events(application_id))


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"decision": "maybe"}, "decision"),
        ({}, "decision"),
        ({"decision": "match", "note": "x" * 2001}, "note"),
        ({"decision": "match", "party": "DEM"}, "party"),
    ],
)
async def test_a_bad_resolution_is_refused_naming_the_field(
    matching: Matching, body: dict[str, Any], field: str
) -> None:
    await matching.voter(person(ssn=None), HERE)
    await matching.apply(person())
    [review] = await matching.queue(HERE)

    answer = await matching.client.post(
        f"/v1/reviews/{review['review_id']}/resolution",
        json=body,
        headers=matching.as_(Role.county_clerk, HERE),
    )

    assert answer.status_code == 422
    assert [f["field"] for f in answer.json()["error"]["fields"]] == [field]


async def test_an_unknown_review_is_not_found(matching: Matching) -> None:
    admin = matching.as_(Role.sos_admin)
    path = f"/v1/reviews/{uuid4()}"
    assert (await matching.client.get(path, headers=admin)).status_code == 404
    answer = await matching.client.post(
        f"{path}/resolution", json={"decision": "match"}, headers=admin
    )
    assert answer.status_code == 404


async def test_maintenance_a_pair_is_never_raised_twice_and_a_confirmed_duplicate_names_the_survivor(
    matching: Matching,
) -> None:
    older = await matching.voter(person(ssn=SSN_B), HERE, registered_on=date(2012, 1, 1))
    newer = await matching.voter(person(), THERE, registered_on=date(2024, 6, 1))
    pair = Found(
        candidate=MatchCandidate(
            kind=MatchKind.duplicate_other_county,
            strength=MatchStrength.weak,
            score=0.75,
            record_id=str(newer),
            agreeing_fields=["address", "date_of_birth", "name"],
        ),
        evidence={Field.name: FieldAgreement.agrees, Field.ssn: FieldAgreement.differs},
        record=ReviewedRecord(name=person().name, county=THERE),
    )
    raised = []
    for _ in range(2):
        async with matching.pool.connection() as conn, conn.transaction():
            raised.append(
                await raise_reviews(
                    conn,
                    subject=ReviewSubject.voter,
                    subject_id=older,
                    county=HERE,
                    subject_record=ReviewedRecord(name=person().name, county=HERE),
                    found=[pair],
                    key=str(older),
                    trace=Trace(correlation_id=uuid4()),
                )
            )
    assert [len(r) for r in raised] == [1, 0]

    answer = await matching.client.post(
        f"/v1/reviews/{raised[0][0]}/resolution",
        json={"decision": "match"},
        headers=matching.as_(Role.county_supervisor, HERE),
    )

    assert answer.status_code == 200
    confirmed = [e for e in await matching.events(older) if e["type"] == CONFIRMED]
    assert [
        (e["data"]["basis"], e["data"]["clause"], e["data"]["duplicate_of"], e["data"]["review_id"])
        for e in confirmed
    ] == [("clerk", "1.10.35.7 L", str(newer), str(raised[0][0]))]


async def test_reading_a_task_is_audited_with_the_voters_it_shows(matching: Matching) -> None:
    voter_id = await matching.voter(person(ssn=None), THERE)
    registrant = person()  # an applicant weakly matching a registered voter
    await matching.apply(registrant)
    [task] = await matching.queue(HERE)

    read = await matching.client.get(
        f"/v1/reviews/{task['review_id']}", headers=matching.as_(Role.county_clerk, HERE)
    )
    refused = await matching.client.get(
        f"/v1/reviews/{task['review_id']}", headers=matching.as_(Role.county_clerk, THERE)
    )

    assert (read.status_code, refused.status_code) == (200, 403)
    attempts = {
        e["correlation_id"]: e["data"]["voter_ids"]
        for e in await matching.events()
        if e["type"] == "gov.nm.sos.vrs.audit.access_attempted.v1"
    }
    assert attempts[read.headers["x-correlation-id"]] == [str(voter_id)]
    assert attempts[refused.headers["x-correlation-id"]] == []


async def test_every_status_a_review_route_answers_is_documented(matching: Matching) -> None:
    paths = (await matching.client.get("/openapi.json")).json()["paths"]
    documented = {
        (path, method): set(operation["responses"])
        for path, operations in paths.items()
        if path.startswith("/v1/reviews")
        for method, operation in operations.items()
    }
    assert documented == {
        ("/v1/reviews", "get"): {"200", "400", "401", "403", "422"},
        ("/v1/reviews/{review_id}", "get"): {"200", "401", "403", "404", "422"},
        ("/v1/reviews/{review_id}/resolution", "post"): {
            "200", "400", "401", "403", "404", "409", "422",
        },
    }  # fmt: skip
