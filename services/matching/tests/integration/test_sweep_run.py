"""The statewide duplicate sweep on a real PostgreSQL (1.10.35.7 L, JJ; 1.10.35.8 A(1)): a strong
pair is confirmed once, a likely pair goes to one clerk once, hard negatives are never raised,
and a second run raises nothing new."""

import json
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import pytest

from vrs_contracts.counties import County
from vrs_contracts.events import VoterRegistered
from vrs_contracts.people import Address, PersonName, Registrant, SsnReference
from vrs_contracts.vocabulary import MatchKind, MatchStrength, VoterStatus
from vrs_matching.domain.scoring import Thresholds
from vrs_matching.service_layer.sweep_run import (
    SweepAction,
    SweepError,
    SweptPair,
    sweep_database,
)
from vrs_plumbing.blind_index import ssn_blind_index, ssn_near_indexes
from vrs_plumbing.db import Pool

Projector = Callable[[Iterable[VoterRegistered]], Awaitable[None]]
CONFIRMED = "gov.nm.sos.vrs.match.voter_confirmed.v1"
REVIEWED = "gov.nm.sos.vrs.match.review_raised.v1"


@dataclass(frozen=True)
class Person:
    """One way a voter file writes a person."""

    first: str
    last: str
    born: date
    ssn_index: str | None
    last4: str
    street: str = "12 Calle Luna"
    zip: str = "87501"
    suffix: str | None = None
    near: tuple[str, ...] = ()

    def registered(
        self,
        county: County,
        *,
        source_id: str | None,
        registered_on: date = date(2016, 3, 1),
        status: VoterStatus = VoterStatus.active,
        voter_id: UUID | None = None,
    ) -> VoterRegistered:
        return VoterRegistered(
            voter_id=voter_id or uuid4(),
            source_id=source_id,
            county=county,
            status=status,
            registrant=Registrant(
                name=PersonName(first_name=self.first, last_name=self.last, suffix=self.suffix),
                date_of_birth=self.born,
                ssn=SsnReference(
                    blind_index=self.ssn_index, last4=self.last4, near_indexes=self.near
                ),
                residence_address=Address(street=self.street, city="X", state="NM", zip=self.zip),
            ),
            party="DTS",
            registered_on=registered_on,
        )


ROSA = Person("Rosa", "Trujillo", date(1961, 5, 9), "a1" * 32, "1111")
ROSA_MOVED = Person("Rosa", "Trujillo", date(1961, 5, 9), "a1" * 32, "1111", "4 Main St", "87571")
# Likely, not strong: a nickname and a transposed day and month, the same last four and home.
BOB = Person("Robert", "Martinez", date(1970, 3, 5), None, "2222", "9 Elm St", "87101")
BOB_AGAIN = Person("Bob", "Martinez", date(1970, 5, 3), None, "2222", "9 Elm St", "87101")
# Never raised: twins, father and son, two people with one name and birthday.
TWIN_1 = Person("Maria", "Baca", date(1990, 7, 7), "b1" * 32, "3331", "7 Pinon Ct", "87505")
TWIN_2 = Person("Marta", "Baca", date(1990, 7, 7), "b2" * 32, "3332", "7 Pinon Ct", "87505")
SON = Person("Juan", "Lucero", date(1985, 2, 11), None, "4441", "3 Acequia Rd", "87571", "Jr")
FATHER = Person("Juan", "Lucero", date(1958, 9, 1), None, "4442", "3 Acequia Rd", "87571", "Sr")
NAMESAKE_1 = Person("Jose", "Garcia", date(1975, 1, 1), "c1" * 32, "5551", "1 Uno St", "88001")
NAMESAKE_2 = Person("Jose", "Garcia", date(1975, 1, 1), "c2" * 32, "5552", "2 Dos St", "87401")


async def outbox(pool: Pool) -> list[dict[str, Any]]:
    async with pool.connection() as conn:
        rows = await (await conn.execute("SELECT payload FROM outbox ORDER BY id")).fetchall()
    return [json.loads(bytes(r["payload"])) for r in rows]


async def review_tasks(pool: Pool) -> list[dict[str, Any]]:
    async with pool.connection() as conn:
        cursor = await conn.execute(
            "SELECT county, subject, subject_id, kind, record_id, strength FROM review_tasks"
        )
        return await cursor.fetchall()


def by_source(pairs: list[SweptPair]) -> dict[tuple[str, str], SweptPair]:
    return {(p.source_id_a, p.source_id_b): p for p in pairs}


async def test_l_jj_a_strong_pair_is_confirmed_once_and_the_later_registration_survives(
    matching_db: str, matching_pool: Pool, project_voters: Projector
) -> None:
    older = ROSA.registered(County.santa_fe, source_id="SF-1", registered_on=date(2004, 1, 1))
    newer = ROSA_MOVED.registered(County.taos, source_id="TA-1", registered_on=date(2020, 6, 1))
    await project_voters([older, newer])

    first = await sweep_database(matching_db, Thresholds())
    second = await sweep_database(matching_db, Thresholds())

    [pair] = first.pairs
    assert (pair.source_id_a, pair.source_id_b, pair.strength, pair.action) == (
        "SF-1", "TA-1", MatchStrength.strong, SweepAction.confirmed,
    )  # fmt: skip
    assert (pair.kind, pair.voter_id_a, pair.voter_id_b) == (
        MatchKind.duplicate_other_county, older.voter_id, newer.voter_id,
    )  # fmt: skip
    [confirmed] = await outbox(matching_pool)
    assert confirmed["type"] == CONFIRMED
    assert confirmed["correlation_id"] == str(first.sweep_id)
    data = confirmed["data"]
    subject = min(older.voter_id, newer.voter_id, key=str)
    assert (data["voter_id"], data["basis"], data["clause"], data["review_id"]) == (
        str(subject), "strong", "1.10.35.7 L", None,
    )  # fmt: skip
    assert data["duplicate_of"] == str(newer.voter_id)
    assert [p.action for p in second.pairs] == [SweepAction.already_raised]
    assert len(await outbox(matching_pool)) == 1
    assert await review_tasks(matching_pool) == []


async def test_a1_a_likely_pair_goes_once_to_the_clerk_of_its_first_voter(
    matching_db: str, matching_pool: Pool, project_voters: Projector
) -> None:
    one = BOB.registered(County.bernalillo, source_id="BE-7")
    other = BOB_AGAIN.registered(County.santa_fe, source_id="SF-3")
    await project_voters([one, other])

    first = await sweep_database(matching_db, Thresholds())
    second = await sweep_database(matching_db, Thresholds())

    [pair] = first.pairs
    assert (pair.source_id_a, pair.source_id_b) == ("BE-7", "SF-3")
    assert pair.strength is not MatchStrength.strong
    assert pair.action is SweepAction.reviewed
    subject, record = sorted((one, other), key=lambda v: str(v.voter_id))
    [task] = await review_tasks(matching_pool)
    assert task == {
        "county": subject.county, "subject": "voter", "subject_id": subject.voter_id,
        "kind": "duplicate_other_county", "record_id": str(record.voter_id),
        "strength": pair.strength,
    }  # fmt: skip
    assert [e["type"] for e in await outbox(matching_pool)] == [REVIEWED]
    assert [p.action for p in second.pairs] == [SweepAction.already_raised]
    assert len(await review_tasks(matching_pool)) == 1
    assert len(await outbox(matching_pool)) == 1


async def test_twins_father_and_son_and_different_full_ssns_are_never_raised(
    matching_db: str, matching_pool: Pool, project_voters: Projector
) -> None:
    people = [TWIN_1, TWIN_2, SON, FATHER, NAMESAKE_1, NAMESAKE_2]
    await project_voters(
        p.registered(County.santa_fe, source_id=f"SF-{n}") for n, p in enumerate(people)
    )

    report = await sweep_database(matching_db, Thresholds())

    assert report.voters_read == 6
    assert report.pairs == []
    assert await outbox(matching_pool) == []


async def test_a1_ssns_one_typo_apart_are_a_likely_duplicate_for_a_clerk_never_strong(
    matching_db: str, matching_pool: Pool, project_voters: Projector
) -> None:
    key = b"k" * 32

    def stating(ssn: str, source_id: str) -> VoterRegistered:
        ssn_index, near = ssn_blind_index(key, ssn), ssn_near_indexes(key, ssn)
        written = Person(ROSA.first, ROSA.last, ROSA.born, ssn_index, ssn[-4:], near=near)
        return written.registered(County.santa_fe, source_id=source_id)

    await project_voters([stating("585123456", "SF-1"), stating("585124356", "SF-2")])

    [pair] = (await sweep_database(matching_db, Thresholds())).pairs

    assert (pair.strength, pair.action) == (MatchStrength.weak, SweepAction.reviewed)
    assert [e["type"] for e in await outbox(matching_pool)] == [REVIEWED]


async def test_a_cancelled_voter_is_not_swept_and_a_voter_without_source_id_is_listed_by_its_id(
    matching_db: str, matching_pool: Pool, project_voters: Projector
) -> None:
    loaded = ROSA.registered(County.santa_fe, source_id="SF-1")
    applied = ROSA_MOVED.registered(County.taos, source_id=None, registered_on=date(2024, 1, 2))
    gone = ROSA.registered(County.luna, source_id="LU-1", status=VoterStatus.cancelled)
    await project_voters([loaded, applied, gone])

    report = await sweep_database(matching_db, Thresholds())

    assert report.voters_read == 2
    [pair] = report.pairs
    assert (pair.source_id_a, pair.source_id_b) == tuple(sorted(("SF-1", str(applied.voter_id))))


async def test_a_reviewed_pair_that_has_become_strong_is_confirmed_once(
    matching_db: str, matching_pool: Pool, project_voters: Projector
) -> None:
    unknown_ssn = Person(ROSA.first, ROSA.last, ROSA.born, None, ROSA.last4)
    loaded = unknown_ssn.registered(County.santa_fe, source_id="SF-1")
    other = ROSA.registered(County.santa_fe, source_id="SF-2", registered_on=date(2022, 1, 1))
    await project_voters([loaded, other])
    [reviewed] = (await sweep_database(matching_db, Thresholds())).pairs
    assert reviewed.action is SweepAction.reviewed
    await project_voters(
        [ROSA.registered(County.santa_fe, source_id="SF-1", voter_id=loaded.voter_id)]
    )

    [confirmed] = (await sweep_database(matching_db, Thresholds())).pairs
    [again] = (await sweep_database(matching_db, Thresholds())).pairs

    assert (confirmed.strength, confirmed.action) == (MatchStrength.strong, SweepAction.confirmed)
    assert again.action is SweepAction.already_raised
    assert [e["type"] for e in await outbox(matching_pool)] == [REVIEWED, CONFIRMED]


async def test_with_no_likely_duplicates_wanted_only_strong_pairs_are_raised(
    matching_db: str, project_voters: Projector
) -> None:
    await project_voters([
        ROSA.registered(County.santa_fe, source_id="SF-1"),
        ROSA_MOVED.registered(County.taos, source_id="TA-1"),
        BOB.registered(County.bernalillo, source_id="BE-7"),
        BOB_AGAIN.registered(County.santa_fe, source_id="SF-3"),
    ])  # fmt: skip

    report = await sweep_database(matching_db, Thresholds(review=1.0, duplicate=1.0))

    assert list(by_source(report.pairs)) == [("SF-1", "TA-1")]


async def test_a_database_without_matchings_tables_is_refused_naming_the_migrations(
    database_url: str,
) -> None:
    with pytest.raises(SweepError, match="run matching's migrations first"):
        await sweep_database(database_url, Thresholds())
