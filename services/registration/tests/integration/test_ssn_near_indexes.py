"""docs/adr/0041: every event that carries a registrant gives the near indexes of a vaulted SSN
(the blind indexes of the SSN with one digit left out, under the blind-index key), so matching
can tell a mistyped SSN from a different one; none when registration holds only the last four or
the MVD's index. Real PostgreSQL, the real intake, the A(2) link and matching's settlement."""

import json
import os
import random
from typing import Any
from urllib.parse import parse_qs, urlparse
from uuid import UUID, uuid4

import pytest

from vrs_contracts.api.matching import MvdRecordAnswer
from vrs_contracts.api.registration import ApplicationForm
from vrs_contracts.counties import County
from vrs_contracts.envelope import envelope
from vrs_contracts.events import ApplicationMatchSettled
from vrs_contracts.vocabulary import ApplicationOutcome, MatchBasis, Role
from vrs_embedded.synthetic import issuable_ssn
from vrs_plumbing.auth import Principal
from vrs_plumbing.blind_index import ssn_blind_index, ssn_near_indexes
from vrs_plumbing.db import Connection, Pool
from vrs_registration.adapters.vault import SsnVault
from vrs_registration.service_layer.full_ssn import accept_full_ssn
from vrs_registration.service_layer.intake import submit_application
from vrs_registration.service_layer.outcomes import apply_match_settled

ACCEPTED = "gov.nm.sos.vrs.application.accepted.v1"
REGISTERED = "gov.nm.sos.vrs.voter.registered.v1"
UPDATED = "gov.nm.sos.vrs.voter.record_updated.v1"
FULL_SSN_REQUESTED = "gov.nm.sos.vrs.application.full_ssn_requested.v1"
INDEX_KEY = os.urandom(32)
DRAW = random.Random()
CLERK = Principal(subject="clerk-santa_fe", role=Role.county_clerk, county=County.santa_fe)


@pytest.fixture
def vault() -> SsnVault:
    return SsnVault({"k1": os.urandom(32)}, "k1", INDEX_KEY)


def form(**changes: Any) -> ApplicationForm:
    base: dict[str, Any] = {
        "channel": "paper",
        "county": County.santa_fe,
        "first_name": "Josefa",
        "last_name": "Baca",
        "date_of_birth": "1969-10-11",
        "ssn": issuable_ssn(DRAW),
        "residence_address": {"street": "8 Old Pecos Trl", "city": "Santa Fe", "zip": "87505"},
        "citizen": True,
        "age_18_or_over": True,
        "signature_present": True,
        "email": "josefa@example.org",
    }
    return ApplicationForm.model_validate({**base, **changes})


async def apply(
    conn: Connection,
    vault: SsnVault,
    application: ApplicationForm,
    mvd_verification: MvdRecordAnswer | None = None,
) -> UUID:
    answer, _ = await submit_application(
        conn,
        application,
        principal=CLERK,
        idempotency_key=str(uuid4()),
        correlation_id=uuid4(),
        vault=vault,
        index_key=INDEX_KEY,
        mvd_verification=mvd_verification,
    )
    return answer.application_id


async def settle(
    conn: Connection, application_id: UUID, outcome: ApplicationOutcome, **fields: Any
) -> None:
    """Matching's settlement of an application, as it publishes it."""
    row = await (
        await conn.execute(
            "SELECT person_key FROM applications WHERE application_id = %s", (application_id,)
        )
    ).fetchone()
    assert row is not None
    settled = ApplicationMatchSettled(
        application_id=application_id,
        person_key=row["person_key"],
        outcome=outcome,
        **{"basis": MatchBasis.clerk, "clause": "1.10.35.8 A(1)", **fields},
    )
    await apply_match_settled(conn, envelope(settled, source="/m", correlation_id=uuid4()))


async def outbox_mark(conn: Connection) -> int:
    row = await (await conn.execute("SELECT coalesce(max(id), 0) AS id FROM outbox")).fetchone()
    assert row is not None
    return int(row["id"])


async def events_since(conn: Connection, mark: int) -> list[dict[str, Any]]:
    rows = await (
        await conn.execute("SELECT payload FROM outbox WHERE id > %s ORDER BY id", (mark,))
    ).fetchall()
    return [json.loads(bytes(r["payload"])) for r in rows]


def the_event(events: list[dict[str, Any]], event_type: str) -> dict[str, Any]:
    (event,) = [e for e in events if e["type"] == event_type]
    return event


def ssn_of(event: dict[str, Any]) -> dict[str, Any]:
    return dict(event["data"]["registrant"]["ssn"])


async def test_an_accepted_form_and_the_voter_it_becomes_and_updates_carry_its_near_indexes(
    pool: Pool, vault: SsnVault
) -> None:
    first = form()
    assert first.ssn is not None
    near = list(ssn_near_indexes(INDEX_KEY, first.ssn))
    async with pool.connection() as conn, conn.transaction():
        mark = await outbox_mark(conn)
        application_id = await apply(conn, vault, first)
        await settle(conn, application_id, ApplicationOutcome.new_registrant)
        events = await events_since(conn, mark)
        voter_id = the_event(events, REGISTERED)["data"]["voter_id"]

        again = await apply(conn, vault, first.model_copy(update={"email": "new@example.org"}))
        await settle(conn, again, ApplicationOutcome.existing_voter, voter_id=voter_id)
        events = await events_since(conn, mark)

    with_registrant = [e for e in events if e["type"] in {ACCEPTED, REGISTERED, UPDATED}]
    assert [e["type"] for e in with_registrant] == [ACCEPTED, REGISTERED, ACCEPTED, UPDATED]
    for event in with_registrant:
        assert ssn_of(event) == {
            "blind_index": ssn_blind_index(INDEX_KEY, first.ssn),
            "last4": first.ssn[-4:],
            "near_indexes": near,
        }, event["type"]
    payloads = json.dumps(events)
    assert first.ssn not in payloads
    assert first.ssn[:5] not in payloads  # not even the digits before the last four


async def test_a_form_the_mvd_verified_from_the_last_four_carries_its_index_and_no_near_indexes(
    pool: Pool, vault: SsnVault
) -> None:
    mvd_index = ssn_blind_index(INDEX_KEY, issuable_ssn(DRAW))
    async with pool.connection() as conn, conn.transaction():
        mark = await outbox_mark(conn)
        application_id = await apply(
            conn,
            vault,
            form(ssn=None, ssn_last4="4321"),
            MvdRecordAnswer(verified=True, ssn_blind_index=mvd_index),
        )
        await settle(conn, application_id, ApplicationOutcome.new_registrant)
        events = await events_since(conn, mark)

    for event_type in (ACCEPTED, REGISTERED):
        assert ssn_of(the_event(events, event_type)) == {
            "blind_index": mvd_index,
            "last4": "4321",
            "near_indexes": [],
        }, event_type


async def test_a2_the_full_ssn_given_through_the_link_brings_its_near_indexes(
    pool: Pool, vault: SsnVault
) -> None:
    ssn = issuable_ssn(DRAW)
    async with pool.connection() as conn, conn.transaction():
        mark = await outbox_mark(conn)
        await apply(conn, vault, form(ssn=None, ssn_last4=ssn[-4:]))
        waiting = await events_since(conn, mark)
        assert ACCEPTED not in [e["type"] for e in waiting]  # the form awaits the full SSN
        requested = the_event(waiting, FULL_SSN_REQUESTED)
        token = parse_qs(urlparse(requested["data"]["secure_link"]).query)["token"][0]

        given = await accept_full_ssn(
            conn, token=token, ssn=ssn, vault=vault, correlation_id=uuid4()
        )
        events = await events_since(conn, mark)

    assert given.refusal is None
    assert ssn_of(the_event(events, ACCEPTED)) == {
        "blind_index": ssn_blind_index(INDEX_KEY, ssn),
        "last4": ssn[-4:],
        "near_indexes": list(ssn_near_indexes(INDEX_KEY, ssn)),
    }
