"""Registration applies what matching settles (1.10.35.8 A(1), C(4), C(5)) and what a confirmed
match orders for a voter (1.10.35.9 A(3), D(1), E(1), G; docs/adr/0012). Real PostgreSQL, the
real intake; matching's events are built as matching publishes them."""

import json
import os
import random
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest

from vrs_contracts.api.registration import ApplicationForm
from vrs_contracts.counties import County
from vrs_contracts.envelope import envelope
from vrs_contracts.events import (
    ApplicationMatchSettled,
    MatchCompleted,
    VoterMatchConfirmed,
)
from vrs_contracts.events.matching import MatchCandidate
from vrs_contracts.vocabulary import (
    ApplicationOutcome,
    MatchBasis,
    MatchKind,
    MatchStrength,
    Role,
)
from vrs_embedded.synthetic import issuable_ssn
from vrs_plumbing.auth import Principal
from vrs_plumbing.db import Connection, Pool
from vrs_registration.adapters.vault import SsnVault
from vrs_registration.service_layer.confirmations import apply_voter_match_confirmed
from vrs_registration.service_layer.intake import submit_application
from vrs_registration.service_layer.outcomes import apply_match_completed, apply_match_settled

UPDATED = "gov.nm.sos.vrs.voter.record_updated.v1"
STATUS_CHANGED = "gov.nm.sos.vrs.voter.status_changed.v1"
REGISTERED = "gov.nm.sos.vrs.voter.registered.v1"
REJECTED = "gov.nm.sos.vrs.application.rejected.v1"
INDEX_KEY = os.urandom(32)
DRAW = random.Random()


@pytest.fixture
def vault() -> SsnVault:
    return SsnVault({"k1": os.urandom(32)}, "k1", INDEX_KEY)


def clerk(county: County) -> Principal:
    return Principal(subject=f"clerk-{county}", role=Role.county_clerk, county=county)


def form(county: County, **changes: Any) -> ApplicationForm:
    base: dict[str, Any] = {
        "channel": "paper",
        "county": county,
        "first_name": "Josefa",
        "last_name": "Baca",
        "date_of_birth": "1969-10-11",
        "ssn": issuable_ssn(DRAW),
        "gender": "F",
        "residence_address": {"street": "8 Old Pecos Trl", "city": "Santa Fe", "zip": "87505"},
        "citizen": True,
        "age_18_or_over": True,
        "signature_present": True,
        "party": "DEM",
        "email": "josefa@example.org",
    }
    return ApplicationForm.model_validate({**base, **changes})


async def apply(conn: Connection, vault: SsnVault, application: ApplicationForm) -> UUID:
    answer, _ = await submit_application(
        conn,
        application,
        principal=clerk(application.county),
        idempotency_key=str(uuid4()),
        correlation_id=uuid4(),
        vault=vault,
        index_key=INDEX_KEY,
    )
    return answer.application_id


async def person_key(conn: Connection, application_id: UUID) -> str:
    row = await (
        await conn.execute(
            "SELECT person_key FROM applications WHERE application_id = %s", (application_id,)
        )
    ).fetchone()
    assert row is not None
    return str(row["person_key"])


async def lookup(conn: Connection, application_id: UUID, strength: MatchStrength) -> None:
    """Matching's MatchCompleted: a candidate of ``strength``, or none."""
    candidates = (
        []
        if strength is MatchStrength.none
        else [
            MatchCandidate(
                kind=MatchKind.duplicate_same_county,
                strength=strength,
                score=0.5,
                record_id=str(uuid4()),
                agreeing_fields=["date_of_birth", "name"],
            )
        ]
    )
    completed = MatchCompleted(
        application_id=application_id,
        person_key=await person_key(conn, application_id),
        strength=strength,
        candidates=candidates,
        checked_at=datetime.now(UTC),
    )
    await apply_match_completed(conn, envelope(completed, source="/m", correlation_id=uuid4()))


async def settle(
    conn: Connection, application_id: UUID, outcome: ApplicationOutcome, **fields: Any
) -> None:
    settled = ApplicationMatchSettled(
        application_id=application_id,
        person_key=await person_key(conn, application_id),
        outcome=outcome,
        **{"basis": MatchBasis.clerk, "clause": "1.10.35.7 X", **fields},
    )
    await apply_match_settled(conn, envelope(settled, source="/m", correlation_id=uuid4()))


async def registered_voter(conn: Connection, vault: SsnVault, county: County) -> UUID:
    application_id = await apply(conn, vault, form(county))
    await settle(
        conn,
        application_id,
        ApplicationOutcome.new_registrant,
        basis=MatchBasis.no_match,
        clause="1.10.35.8 A(1)",
    )
    return await voter_of(conn, application_id)


async def voter_of(conn: Connection, application_id: UUID) -> UUID:
    row = await (
        await conn.execute(
            "SELECT state, voter_id FROM applications WHERE application_id = %s", (application_id,)
        )
    ).fetchone()
    assert row is not None
    assert row["state"] == "registered"
    return UUID(str(row["voter_id"]))


async def voter(conn: Connection, voter_id: UUID) -> dict[str, Any]:
    row = await (
        await conn.execute("SELECT * FROM voters WHERE voter_id = %s", (voter_id,))
    ).fetchone()
    assert row is not None
    return row


async def history(conn: Connection, voter_id: UUID) -> list[tuple[Any, ...]]:
    rows = await (
        await conn.execute(
            "SELECT old_status, new_status, status_reason, clause FROM voter_status_history"
            " WHERE voter_id = %s ORDER BY id",
            (voter_id,),
        )
    ).fetchall()
    return [tuple(r.values()) for r in rows]


async def events_since(conn: Connection, mark: int) -> list[dict[str, Any]]:
    rows = await (
        await conn.execute("SELECT payload FROM outbox WHERE id > %s ORDER BY id", (mark,))
    ).fetchall()
    return [json.loads(bytes(r["payload"])) for r in rows]


async def outbox_mark(conn: Connection) -> int:
    row = await (await conn.execute("SELECT coalesce(max(id), 0) AS id FROM outbox")).fetchone()
    assert row is not None
    return int(row["id"])


async def test_a_candidate_makes_the_application_wait_for_review_and_no_candidate_does_not(
    pool: Pool, vault: SsnVault
) -> None:
    async with pool.connection() as conn, conn.transaction():
        weak = await apply(conn, vault, form(County.santa_fe))
        none = await apply(conn, vault, form(County.santa_fe, first_name="Other"))
        await lookup(conn, weak, MatchStrength.weak)
        await lookup(conn, none, MatchStrength.none)
        states = await (
            await conn.execute(
                "SELECT application_id, state, voter_id FROM applications"
                " WHERE application_id = ANY(%s)",
                ([weak, none],),
            )
        ).fetchall()
    assert {r["application_id"]: (r["state"], r["voter_id"]) for r in states} == {
        weak: ("awaiting_review", None),
        none: ("awaiting_match", None),
    }


async def test_a1_a_new_registrant_settled_after_review_becomes_a_voter(
    pool: Pool, vault: SsnVault
) -> None:
    async with pool.connection() as conn, conn.transaction():
        application_id = await apply(conn, vault, form(County.santa_fe))
        await lookup(conn, application_id, MatchStrength.weak)
        mark = await outbox_mark(conn)
        await settle(
            conn, application_id, ApplicationOutcome.new_registrant, clause="1.10.35.8 A(1)"
        )
        voter_id = await voter_of(conn, application_id)
        assert (await voter(conn, voter_id))["status"] == "active"
        assert await history(conn, voter_id) == [(None, "active", None, "1.10.35.8 A(1)")]
        (registered,) = await events_since(conn, mark)
        assert registered["type"] == REGISTERED
        assert registered["data"]["mailing_address"] is not None  # the acknowledgement's address
        assert registered["data"]["language"] in {"en", "es"}


async def test_a1_an_existing_voter_in_the_county_is_updated_and_keeps_its_status(
    pool: Pool, vault: SsnVault
) -> None:
    async with pool.connection() as conn, conn.transaction():
        voter_id = await registered_voter(conn, vault, County.santa_fe)
        application_id = await apply(
            conn,
            vault,
            form(
                County.santa_fe,
                last_name="Baca Ortiz",
                residence_address={"street": "3 Agua Fria St", "city": "Santa Fe", "zip": "87501"},
                email="new@example.org",
                party=None,
            ),
        )
        await lookup(conn, application_id, MatchStrength.weak)
        mark = await outbox_mark(conn)

        await settle(conn, application_id, ApplicationOutcome.existing_voter, voter_id=voter_id)

        assert await voter_of(conn, application_id) == voter_id
        row = await voter(conn, voter_id)
        assert (row["last_name"], row["residence_address"]["street"], row["email"]) == (
            "Baca Ortiz", "3 Agua Fria St", "new@example.org",
        )  # fmt: skip
        assert (row["county"], row["status"], row["party"]) == ("santa_fe", "active", "DTS")
        assert (await history(conn, voter_id))[-1] == ("active", "active", None, "1.10.35.7 X")
        events = await events_since(conn, mark)
        assert [e["type"] for e in events] == [UPDATED]
        updated = events[0]["data"]
        assert (updated["voter_id"], updated["county"], updated["transferred_from"]) == (
            str(voter_id), "santa_fe", None,
        )  # fmt: skip
        assert updated["registrant"]["name"]["last_name"] == "Baca Ortiz"
        # what notifications needs for a letter, from the updated record
        assert updated["email"] == "new@example.org"
        assert updated["mailing_address"]["street"] == "3 Agua Fria St"
        assert updated["language"] in {"en", "es"}


async def test_a1_an_existing_voter_of_another_county_is_transferred_and_made_active(
    pool: Pool, vault: SsnVault
) -> None:
    async with pool.connection() as conn, conn.transaction():
        voter_id = await registered_voter(conn, vault, County.taos)
        await conn.execute(
            "UPDATE voters SET status = 'removable', status_reason = 'moved_outside_county'"
            " WHERE voter_id = %s",
            (voter_id,),
        )
        application_id = await apply(conn, vault, form(County.santa_fe))
        await lookup(conn, application_id, MatchStrength.strong)
        mark = await outbox_mark(conn)

        await settle(
            conn,
            application_id,
            ApplicationOutcome.existing_voter,
            voter_id=voter_id,
            transfer_from_county=County.taos,
            basis=MatchBasis.strong,
            clause="1.10.35.8 A(1)",
        )

        row = await voter(conn, voter_id)
        assert (row["county"], row["status"], row["status_reason"]) == ("santa_fe", "active", None)
        assert (await history(conn, voter_id))[-1] == (
            "removable", "active", None, "1.10.35.8 A(1)",
        )  # fmt: skip
        events = await events_since(conn, mark)
        assert [e["type"] for e in events] == [STATUS_CHANGED, UPDATED]
        assert events[0]["data"]["county"] == "santa_fe"
        assert events[0]["data"]["name"]["last_name"] == row["last_name"]  # for the letter
        assert events[1]["data"]["transferred_from"] == "taos"
        assert events[1]["data"]["mailing_address"] is not None  # A(5): the new certificate


@pytest.mark.parametrize(
    ("changes", "county", "precinct"),
    [
        ({"email": "other@example.org"}, County.santa_fe, "017"),
        (
            {"residence_address": {"street": "3 Agua Fria St", "city": "Santa Fe", "zip": "87501"}},
            County.santa_fe,
            None,
        ),
        ({}, County.taos, None),
    ],
    ids=["same residence", "another residence", "another county"],
)
async def test_1_10_35_9_c_an_update_keeps_the_precinct_unless_the_voter_moved(
    pool: Pool, vault: SsnVault, changes: dict[str, Any], county: County, precinct: str | None
) -> None:
    async with pool.connection() as conn, conn.transaction():
        voter_id = await registered_voter(conn, vault, County.santa_fe)
        await conn.execute("UPDATE voters SET precinct = '017' WHERE voter_id = %s", (voter_id,))
        application_id = await apply(conn, vault, form(county, **changes))
        await lookup(conn, application_id, MatchStrength.strong)
        mark = await outbox_mark(conn)

        await settle(conn, application_id, ApplicationOutcome.existing_voter, voter_id=voter_id)

        assert (await voter(conn, voter_id))["precinct"] == precinct
        [updated] = [e for e in await events_since(conn, mark) if e["type"] == UPDATED]
        assert updated["data"]["precinct"] == precinct


async def test_a1_an_update_from_an_application_in_suspense_puts_the_voter_in_suspense(
    pool: Pool, vault: SsnVault
) -> None:
    async with pool.connection() as conn, conn.transaction():
        voter_id = await registered_voter(conn, vault, County.santa_fe)
        application_id = await apply(conn, vault, form(County.santa_fe, date_of_birth="2010-01-01"))
        await lookup(conn, application_id, MatchStrength.weak)

        await settle(conn, application_id, ApplicationOutcome.existing_voter, voter_id=voter_id)

        row = await voter(conn, voter_id)
        assert (row["status"], row["status_reason"]) == ("suspense", "under_age")


async def test_c5_a_confirmed_death_record_rejects_the_application_as_deceased(
    pool: Pool, vault: SsnVault
) -> None:
    async with pool.connection() as conn, conn.transaction():
        application_id = await apply(conn, vault, form(County.santa_fe))
        await lookup(conn, application_id, MatchStrength.strong)
        mark = await outbox_mark(conn)

        await settle(conn, application_id, ApplicationOutcome.deceased, clause="1.10.35.8 C(5)")

        row = await (
            await conn.execute(
                "SELECT decision, state, rejection_reasons, voter_id FROM applications"
                " WHERE application_id = %s",
                (application_id,),
            )
        ).fetchone()
        assert row == {
            "decision": "rejected", "state": "rejected", "rejection_reasons": ["deceased"],
            "voter_id": None,
        }  # fmt: skip
        events = await events_since(conn, mark)
        assert [(e["type"], e["data"]["rejection_reasons"]) for e in events] == [
            (REJECTED, ["deceased"])
        ]


async def test_c4_a_confirmed_felony_record_makes_a_voter_not_eligible(
    pool: Pool, vault: SsnVault
) -> None:
    async with pool.connection() as conn, conn.transaction():
        application_id = await apply(conn, vault, form(County.santa_fe))
        await lookup(conn, application_id, MatchStrength.weak)

        await settle(
            conn, application_id, ApplicationOutcome.felony_incarceration, clause="1.10.35.8 C(4)"
        )

        voter_id = await voter_of(conn, application_id)
        row = await voter(conn, voter_id)
        assert (row["status"], row["status_reason"]) == ("not_eligible", "felony_incarceration")
        assert await history(conn, voter_id) == [
            (None, "not_eligible", "felony_incarceration", "1.10.35.8 C(4)")
        ]


async def test_a_settlement_applied_twice_changes_nothing_more(pool: Pool, vault: SsnVault) -> None:
    async with pool.connection() as conn, conn.transaction():
        application_id = await apply(conn, vault, form(County.santa_fe))
        await settle(conn, application_id, ApplicationOutcome.new_registrant)
        mark = await outbox_mark(conn)
        await settle(conn, application_id, ApplicationOutcome.deceased)
        assert await events_since(conn, mark) == []
        assert (await voter(conn, await voter_of(conn, application_id)))["status"] == "active"


async def confirm(conn: Connection, voter_id: UUID, kind: MatchKind, **fields: Any) -> None:
    confirmed = VoterMatchConfirmed(
        voter_id=voter_id,
        county=(await voter(conn, voter_id))["county"],
        kind=kind,
        **{"basis": MatchBasis.clerk, "record_id": "record-1", "clause": "1.10.35.9", **fields},
    )
    await apply_voter_match_confirmed(
        conn, envelope(confirmed, source="/m", correlation_id=uuid4())
    )


@pytest.mark.parametrize(
    ("kind", "clause", "status", "reason"),
    [
        (MatchKind.deceased, "1.10.35.9 E(1)", "removable", "deceased"),
        (MatchKind.felony_incarceration, "1.10.35.9 D(1)", "not_eligible", "felony_incarceration"),
        (MatchKind.other_state, "1.10.35.9 G", "removable", "moved_outside_county"),
        (MatchKind.ncoa, "1.10.35.9 A(3)", "inactive", "confirmation_mailing"),
    ],
)
async def test_a_confirmed_maintenance_record_changes_the_voter_once_with_history_and_event(
    pool: Pool, vault: SsnVault, kind: MatchKind, clause: str, status: str, reason: str
) -> None:
    async with pool.connection() as conn, conn.transaction():
        voter_id = await registered_voter(conn, vault, County.santa_fe)
        mark = await outbox_mark(conn)

        for _ in range(2):
            await confirm(conn, voter_id, kind, clause=clause)

        row = await voter(conn, voter_id)
        assert (row["status"], row["status_reason"]) == (status, reason)
        assert (await history(conn, voter_id))[1:] == [("active", status, reason, clause)]
        events = await events_since(conn, mark)
        assert [(e["type"], e["data"]["new_status"]) for e in events] == [(STATUS_CHANGED, status)]


@pytest.mark.parametrize(
    ("other_county", "reason"),
    [(County.santa_fe, "ineligible_other"), (County.taos, "moved_outside_county")],
)
async def test_adr_0012_of_two_registrations_the_one_not_surviving_is_cancelled(
    pool: Pool, vault: SsnVault, other_county: County, reason: str
) -> None:
    async with pool.connection() as conn, conn.transaction():
        subject = await registered_voter(conn, vault, County.santa_fe)
        survivor = await registered_voter(conn, vault, other_county)
        kind = (
            MatchKind.duplicate_same_county
            if other_county is County.santa_fe
            else MatchKind.duplicate_other_county
        )

        await confirm(
            conn,
            subject,
            kind,
            record_id=str(survivor),
            duplicate_of=survivor,
            clause="1.10.35.7 L",
        )

        cancelled = await voter(conn, subject)
        assert (cancelled["status"], cancelled["status_reason"]) == ("cancelled", reason)
        assert (await voter(conn, survivor))["status"] == "active"
