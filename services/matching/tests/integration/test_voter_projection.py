"""Matching's projection of the voter file follows registration's events: a registration, an
update or transfer by a later application (1.10.35.8 A(1)), a change of status."""

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest

from vrs_contracts.counties import County
from vrs_contracts.envelope import envelope
from vrs_contracts.events import VoterRecordUpdated, VoterRegistered, VoterStatusChanged
from vrs_contracts.people import Address, PersonName, Registrant, SsnReference
from vrs_contracts.vocabulary import StatusReason, VoterStatus
from vrs_matching.service_layer.handlers import (
    project_status_change,
    project_voter,
    project_voter_update,
)
from vrs_plumbing.db import Pool

INDEX = "d4" * 32


def registrant(last: str, *, street: str, ssn: str | None, last4: str | None) -> Registrant:
    return Registrant(
        name=PersonName(first_name="Rosa", last_name=last),
        date_of_birth=date(1966, 8, 9),
        ssn=SsnReference(blind_index=ssn, last4=last4),
        residence_address=Address(street=street, city="Taos", state="NM", zip="87571"),
    )


async def projected(pool: Pool, voter_id: UUID) -> dict[str, Any]:
    async with pool.connection() as conn:
        row = await (
            await conn.execute(
                "SELECT county, status, last_name, ssn_index, ssn_last4, street, record,"
                " registered_on FROM voter_projection WHERE voter_id = %s",
                (voter_id,),
            )
        ).fetchone()
    assert row is not None
    return row


async def test_an_update_moves_the_projected_voter_and_keeps_the_ssn_it_does_not_state(
    matching_pool: Pool,
) -> None:
    voter_id = uuid4()
    registered = VoterRegistered(
        voter_id=voter_id,
        county=County.santa_fe,
        status=VoterStatus.active,
        registrant=registrant("Martinez", street="1 Canyon Rd", ssn=INDEX, last4="1234"),
        party="DTS",
        registered_on=date(2010, 1, 1),
    )
    updated = VoterRecordUpdated(
        voter_id=voter_id,
        county=County.taos,
        transferred_from=County.santa_fe,
        application_id=uuid4(),
        registrant=registrant("Martínez-Gallegos", street="5 Kit Carson Rd", ssn=None, last4=None),
        updated_at=datetime(2026, 11, 21, 10, tzinfo=UTC),
    )
    changed = VoterStatusChanged(
        voter_id=voter_id,
        county=County.taos,
        old_status=VoterStatus.active,
        new_status=VoterStatus.inactive,
        status_reason=StatusReason.confirmation_mailing,
        clause="1.10.35.9 A(3)",
        actor="system:registration",
        changed_at=datetime(2026, 11, 22, tzinfo=UTC),
    )
    async with matching_pool.connection() as conn, conn.transaction():
        await project_voter(conn, envelope(registered, source="/t", correlation_id=uuid4()))
        await project_voter_update(conn, envelope(updated, source="/t", correlation_id=uuid4()))
        await project_status_change(conn, envelope(changed, source="/t", correlation_id=uuid4()))

    row = await projected(matching_pool, voter_id)
    assert (row["county"], row["status"], row["last_name"], row["street"]) == (
        "taos", "inactive", "MARTINEZ GALLEGOS", "5 KIT CARSON RD",
    )  # fmt: skip
    assert (row["ssn_index"], row["ssn_last4"]) == (INDEX, "1234")
    assert row["registered_on"] == date(2026, 11, 21)
    assert row["record"]["name"]["last_name"] == "Martínez-Gallegos"
    assert row["record"]["county"] == "taos"
    assert "blind_index" not in str(row["record"])


async def test_an_update_of_a_voter_never_projected_is_refused_not_dropped(
    matching_pool: Pool,
) -> None:
    updated = VoterRecordUpdated(
        voter_id=uuid4(),
        county=County.taos,
        application_id=uuid4(),
        registrant=registrant("Nadie", street="1 Main", ssn=None, last4=None),
        updated_at=datetime(2026, 11, 21, tzinfo=UTC),
    )
    async with matching_pool.connection() as conn:
        with pytest.raises(LookupError, match="never projected"):
            await project_voter_update(conn, envelope(updated, source="/t", correlation_id=uuid4()))


async def test_a_precinct_assignment_is_no_new_registration_so_the_date_stays(
    matching_pool: Pool,
) -> None:
    """The later registration survives a duplicate (docs/adr/0012): a clerk's precinct
    assignment (an update without an application) must not make a record the later one."""
    voter_id = uuid4()
    registered = VoterRegistered(
        voter_id=voter_id,
        county=County.taos,
        status=VoterStatus.active,
        registrant=registrant("Romero", street="2 Paseo", ssn=INDEX, last4="1234"),
        party="DTS",
        registered_on=date(2010, 1, 1),
    )
    assigned = VoterRecordUpdated(
        voter_id=voter_id,
        county=County.taos,
        application_id=None,
        registrant=registrant("Romero", street="2 Paseo", ssn=INDEX, last4="1234"),
        updated_at=datetime(2026, 11, 21, 10, tzinfo=UTC),
        precinct="017",
    )
    async with matching_pool.connection() as conn, conn.transaction():
        await project_voter(conn, envelope(registered, source="/t", correlation_id=uuid4()))
        await project_voter_update(conn, envelope(assigned, source="/t", correlation_id=uuid4()))

    assert (await projected(matching_pool, voter_id))["registered_on"] == date(2010, 1, 1)
