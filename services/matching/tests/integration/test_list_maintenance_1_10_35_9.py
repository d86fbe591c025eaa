"""List maintenance on a real PostgreSQL: each feed record is run once against the voter file;
a strong death or felony match acts without a clerk (1.10.35.9 D(1), E(1)); every other pair the
clerk shall investigate waits in the voter's county's queue, and changes nothing (SS, G, A(1))."""

import json
import os
import random
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest

from vrs_contracts.counties import County
from vrs_contracts.envelope import envelope
from vrs_contracts.events import VoterRegistered
from vrs_contracts.people import Address, PersonName, Registrant, SsnReference
from vrs_contracts.vocabulary import VoterStatus
from vrs_embedded.synthetic import issuable_ssn
from vrs_matching.adapters.feed_tables import store_feed_record
from vrs_matching.bootstrap import SPEC
from vrs_matching.domain.feed_files import DEATHS, FELONY, NCOA, OTHER_STATE, FeedKind
from vrs_matching.domain.scoring import DEFAULT_THRESHOLDS
from vrs_matching.service_layer.handlers import project_voter
from vrs_matching.service_layer.maintenance import run_feed_records
from vrs_plumbing.blind_index import ssn_blind_index, ssn_indexes, ssn_near_indexes
from vrs_plumbing.bulk_fields import RejectedRow
from vrs_plumbing.db import Pool, create_pool

KEY = os.urandom(32)
CONFIRMED = "gov.nm.sos.vrs.match.voter_confirmed.v1"
RAISED = "gov.nm.sos.vrs.match.review_raised.v1"
DRAW = random.Random(35_9)
ANA_SSN, BETO_SSN = issuable_ssn(DRAW), issuable_ssn(DRAW)


@pytest.fixture
async def pool(matching_db: str) -> AsyncIterator[Pool]:
    pool = create_pool(matching_db, SPEC.schema)
    await pool.open(wait=True)
    yield pool
    await pool.close()


async def voter(pool: Pool, first: str, last: str, ssn: str, county: County) -> UUID:
    voter_id = uuid4()
    registered = VoterRegistered(
        voter_id=voter_id,
        county=county,
        status=VoterStatus.active,
        registrant=Registrant(
            name=PersonName(first_name=first, last_name=last),
            date_of_birth=date(1948, 2, 17),
            ssn=SsnReference(
                blind_index=ssn_blind_index(KEY, ssn),
                last4=ssn[-4:],
                near_indexes=ssn_near_indexes(KEY, ssn),
            ),
            residence_address=Address(street="7 Calle Sol", city="Taos", state="NM", zip="87571"),
        ),
        party="DTS",
        registered_on=date(2010, 5, 1),
    )
    async with pool.connection() as conn, conn.transaction():
        await project_voter(conn, envelope(registered, source="/test", correlation_id=uuid4()))
    return voter_id


async def feed(pool: Pool, kind: FeedKind, **columns: str) -> None:
    row = dict.fromkeys(kind.columns, "") | columns
    record = kind.read_row(
        row, line=2, index_ssn=lambda ssn: ssn_indexes(KEY, ssn), today=date(2026, 11, 21)
    )
    assert not isinstance(record, RejectedRow), record
    async with pool.connection() as conn, conn.transaction():
        assert await store_feed_record(conn, kind, record)


async def run(pool: Pool) -> dict[str, object]:
    async with pool.connection() as conn, conn.transaction():
        return (await run_feed_records(conn, DEFAULT_THRESHOLDS)).counts()


async def published(pool: Pool) -> list[dict[str, Any]]:
    async with pool.connection() as conn:
        rows = await (await conn.execute("SELECT payload FROM outbox ORDER BY id")).fetchall()
    return [json.loads(bytes(r["payload"])) for r in rows]


async def test_a_strong_death_match_acts_and_a_weak_one_waits_for_the_clerk(pool: Pool) -> None:
    ana = await voter(pool, "Ana", "Romero", ANA_SSN, County.taos)
    beto = await voter(pool, "Beto", "Vigil", BETO_SSN, County.taos)
    person = {"date_of_birth": "1948-02-17", "date_of_death": "2026-10-01", "source": "doh"}
    await feed(pool, DEATHS, first_name="Ana", last_name="Romero", ssn=ANA_SSN, **person)
    await feed(pool, DEATHS, first_name="Beto", last_name="Vigil", **person)  # no SSN: weak

    assert await run(pool) == {"records": 2, "confirmed": 1, "reviews_raised": 1}

    events = await published(pool)
    [confirmed] = [e["data"] for e in events if e["type"] == CONFIRMED]
    assert (confirmed["voter_id"], confirmed["kind"], confirmed["basis"], confirmed["clause"]) == (
        str(ana), "deceased", "strong", "1.10.35.9 E(1)",
    )  # fmt: skip
    [raised] = [e["data"] for e in events if e["type"] == RAISED]
    assert (raised["subject"], raised["subject_id"], raised["kind"], raised["county"]) == (
        "voter", str(beto), "deceased", "taos",
    )  # fmt: skip
    assert ANA_SSN not in json.dumps(events)
    assert await run(pool) == {"records": 0, "confirmed": 0, "reviews_raised": 0}


async def test_a_strong_felony_match_acts_and_a_stranger_raises_nothing(pool: Pool) -> None:
    ana = await voter(pool, "Ana", "Romero", ANA_SSN, County.santa_fe)
    inmate = {"date_of_birth": "1948-02-17", "incarcerated_on": "2026-01-05", "source": "courts"}
    await feed(pool, FELONY, first_name="Ana", last_name="Romero", ssn=ANA_SSN, **inmate)
    stranger = {**inmate, "date_of_birth": "1990-06-30"}
    await feed(pool, FELONY, first_name="Zoe", last_name="Quintana", ssn=BETO_SSN, **stranger)

    assert await run(pool) == {"records": 2, "confirmed": 1, "reviews_raised": 0}
    [confirmed] = [e["data"] for e in await published(pool) if e["type"] == CONFIRMED]
    assert (confirmed["voter_id"], confirmed["kind"], confirmed["clause"]) == (
        str(ana), "felony_incarceration", "1.10.35.9 D(1)",
    )  # fmt: skip


async def test_d1_a_felony_record_whose_ssn_is_a_typo_of_a_voters_goes_to_the_clerk(
    pool: Pool,
) -> None:
    ana = await voter(pool, "Ana", "Romero", ANA_SSN, County.santa_fe)
    mistyped = ANA_SSN[:-1] + str((int(ANA_SSN[-1]) + 1) % 10)
    inmate = {"date_of_birth": "1948-02-19", "incarcerated_on": "2026-01-05", "source": "courts"}
    await feed(pool, FELONY, first_name="Ana", last_name="Romero", ssn=mistyped, **inmate)

    assert await run(pool) == {"records": 1, "confirmed": 0, "reviews_raised": 1}
    [raised] = [e["data"] for e in await published(pool) if e["type"] == RAISED]
    assert (raised["subject_id"], raised["kind"]) == (str(ana), "felony_incarceration")
    assert mistyped not in json.dumps(raised)


async def test_other_state_and_ncoa_records_are_never_strong_and_always_go_to_the_clerk(
    pool: Pool,
) -> None:
    ana = await voter(pool, "Ana", "Romero", ANA_SSN, County.taos)
    await feed(
        pool, OTHER_STATE, first_name="Ana", last_name="Romero", date_of_birth="1948-02-17",
        ssn_last4=ANA_SSN[-4:], state="AZ", registered_on="2026-03-01",
    )  # fmt: skip
    await feed(
        pool, NCOA, first_name="Ana", last_name="Romero", old_street="7 Calle Sol",
        old_city="Taos", old_zip="87571", new_street="1 Main St", new_city="Mesa",
        new_state="AZ", new_zip="85201", move_date="2026-02-01",
    )  # fmt: skip

    assert await run(pool) == {"records": 2, "confirmed": 0, "reviews_raised": 2}
    raised = [e["data"] for e in await published(pool) if e["type"] == RAISED]
    assert {(r["subject_id"], r["kind"], r["strength"]) for r in raised} == {
        (str(ana), "other_state", "weak"), (str(ana), "ncoa", "weak"),
    }  # fmt: skip


async def test_a_record_is_run_once_whatever_the_runs_and_keeps_its_blocking_keys(
    pool: Pool,
) -> None:
    await voter(pool, "Ana", "Romero", ANA_SSN, County.taos)
    await feed(
        pool, DEATHS, first_name="Ana", last_name="Romero", ssn=ANA_SSN,
        date_of_birth="1948-02-17", date_of_death="2026-10-01", source="tribal",
    )  # fmt: skip
    await run(pool)
    await run(pool)

    assert [e["type"] for e in await published(pool)] == [CONFIRMED]
    async with pool.connection() as conn:
        row = await (
            await conn.execute("SELECT matched_at, blocking_keys FROM death_records")
        ).fetchone()
    assert row is not None
    assert row["matched_at"] <= datetime.now(UTC)
    assert row["blocking_keys"]
