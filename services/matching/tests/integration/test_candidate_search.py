"""The candidate search on a real PostgreSQL (blocking keys, trigram and Double Metaphone indexes
of migration 0004) finds a voter despite the ways a name and a date get written differently,
and the intake look-up raises the pair with the scorer's explanation (1.10.35.8 A(1))."""

import os
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date
from uuid import UUID, uuid4

import pytest

from vrs_contracts.counties import County
from vrs_contracts.envelope import envelope
from vrs_contracts.events import VoterRegistered
from vrs_contracts.people import Address, PersonName, Registrant, SsnReference
from vrs_contracts.vocabulary import MatchKind, VoterStatus
from vrs_matching.adapters.candidate_search import VOTERS, search
from vrs_matching.bootstrap import SPEC
from vrs_matching.domain.identity import Identity
from vrs_matching.domain.scoring import DEFAULT_THRESHOLDS
from vrs_matching.service_layer.handlers import identity_of, look_up, project_voter
from vrs_plumbing.blind_index import ssn_blind_index
from vrs_plumbing.db import Pool, create_pool

KEY = os.urandom(32)
SSN_INDEX = ssn_blind_index(KEY, "123456780")


def registrant(
    first: str, last: str, born: date, *, ssn: str | None = SSN_INDEX, last4: str | None = "6780"
) -> Registrant:
    return Registrant(
        name=PersonName(first_name=first, last_name=last),
        date_of_birth=born,
        ssn=SsnReference(blind_index=ssn, last4=last4),
        residence_address=Address(
            street="31 Camino Real", city="Española", state="NM", zip="87532"
        ),
    )


VOTER = registrant("José", "García López", date(1975, 3, 8))
ROBERT = registrant("Robert", "Sandoval", date(1961, 11, 23))


@pytest.fixture
async def pool(matching_db: str) -> AsyncIterator[Pool]:
    pool = create_pool(matching_db, SPEC.schema)
    await pool.open(wait=True)
    async with pool.connection() as conn, conn.transaction():
        for voter in (VOTER, ROBERT):
            registered = VoterRegistered(
                voter_id=uuid4(),
                county=County.rio_arriba,
                status=VoterStatus.active,
                registrant=voter,
                party="DTS",
                registered_on=date(2012, 1, 9),
            )
            await project_voter(conn, envelope(registered, source="/t", correlation_id=uuid4()))
    yield pool
    await pool.close()


def written(first: str, last: str, born: date = date(1975, 3, 8)) -> Identity:
    """The voter as another form writes it, without any SSN digits: the name and the date find it."""
    return identity_of(registrant(first, last, born, ssn=None, last4=None))


VARIANTS = {
    "one surname of a double surname": written("Jose", "Garcia"),
    "the second surname alone": written("Jose", "Lopez"),
    "hyphenated surnames": written("Jose", "Garcia-Lopez"),
    "surnames run together": written("Jose", "GarciaLopez"),
    "accents dropped": written("Jose", "Garcia Lopez"),
    "a typo in the surname": written("Jose", "Garsia Lopez"),
    "day and month transposed": written("Jose", "Garcia Lopez", date(1975, 8, 3)),
    "first and last swapped": written("Garcia Lopez", "Jose"),
    "a typo in the year": written("Jose", "Garcia Lopez", date(1976, 3, 8)),
}


@pytest.mark.parametrize("variant", VARIANTS, ids=list(VARIANTS))
async def test_the_search_finds_the_voter_written_another_way(pool: Pool, variant: str) -> None:
    async with pool.connection() as conn, conn.transaction():
        rows = await search(conn, VOTERS, VARIANTS[variant])
    assert "GARCIA LOPEZ" in {r["last_name"] for r in rows}


async def test_a_nickname_finds_the_voter(pool: Pool) -> None:
    bob = identity_of(registrant("Bob", "Sandoval", date(1961, 11, 23), ssn=None))
    async with pool.connection() as conn, conn.transaction():
        rows = await search(conn, VOTERS, bob)
    assert [r["first_name"] for r in rows] == ["ROBERT"]


async def test_the_look_up_raises_the_pair_with_the_scorers_explanation(pool: Pool) -> None:
    who = replace(VARIANTS["day and month transposed"], street="", zip5="", ssn_last4="6780")
    async with pool.connection() as conn, conn.transaction():
        found = await look_up(conn, who, County.santa_fe, DEFAULT_THRESHOLDS)
    [pair] = found
    assert pair.candidate.kind is MatchKind.duplicate_other_county
    assert UUID(pair.candidate.record_id)
    notes = " ".join(reading.note for reading in pair.explanation)
    assert "transposed" in notes
    assert "last four" in notes
    assert pair.contrary == ()
