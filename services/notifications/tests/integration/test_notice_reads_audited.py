"""A read of a voter's notice, its letter or a print batch holding its letter is audited with
that voter (docs/adr/0030): the access log can then say who saw the voter's notice, and a breach
can be traced to it."""

from datetime import UTC, datetime
from uuid import UUID, uuid4

from services.notifications.tests.conftest import Notifications, wrapped
from vrs_contracts.counties import County
from vrs_contracts.events import VoterStatusChanged
from vrs_contracts.people import Address, PersonName
from vrs_contracts.vocabulary import Role, StatusReason, VoterStatus
from vrs_embedded.testing import disclosed_voters
from vrs_notifications.adapters.letters import LetterLinks, LetterRenderer
from vrs_notifications.service_layer.delivery import Outlets, deliver_notices
from vrs_notifications.service_layer.scheduling import on_voter_status_changed

RENDERER = LetterRenderer(
    LetterLinks("https://vrs.example", "https://ovr.example", "https://form.example")
)


def felony_notice_of(voter_id: UUID) -> VoterStatusChanged:
    """The status change that makes a felony-incarceration notice for a voter of Taos."""
    return VoterStatusChanged(
        voter_id=voter_id,
        county=County.taos,
        old_status=VoterStatus.active,
        new_status=VoterStatus.not_eligible,
        status_reason=StatusReason.felony_incarceration,
        clause="1.10.35.9 D(2)",
        actor="clerk-taos",
        changed_at=datetime(2026, 11, 16, 17, 0, tzinfo=UTC),
        name=PersonName(first_name="Ray", last_name="Baca"),
        mailing_address=Address(street="1 Plaza", city="Taos", state="NM"),
    )


async def test_reading_a_voters_notice_or_its_letter_is_audited_with_the_voter(
    notifications: Notifications,
) -> None:
    voter_id = uuid4()
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        await on_voter_status_changed(conn, wrapped(felony_notice_of(voter_id)))
    async with notifications.client(Role.county_clerk, County.taos) as clerk:
        listed = await clerk.get("/v1/notices", params={"voter_id": str(voter_id)})
        notice_id = listed.json()[0]["notice_id"]
        reads = [
            listed,
            await clerk.get(f"/v1/notices/{notice_id}"),
            await clerk.get(f"/v1/notices/{notice_id}/letter.pdf"),
        ]
    async with notifications.client(Role.county_clerk, County.santa_fe) as other:
        refused = await other.get(f"/v1/notices/{notice_id}")

    for read in reads:
        assert read.status_code == 200, read.text
        assert await disclosed_voters(notifications.runtime.pool, read) == [voter_id]
    assert refused.status_code == 403
    assert await disclosed_voters(notifications.runtime.pool, refused) == []


async def test_reading_a_print_batch_is_audited_with_every_voter_whose_letter_it_holds(
    notifications: Notifications,
) -> None:
    voters = sorted([uuid4(), uuid4()])
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        for voter_id in voters:
            await on_voter_status_changed(conn, wrapped(felony_notice_of(voter_id)))
        await deliver_notices(conn, Outlets(RENDERER), datetime(2026, 11, 16, 17, 0, tzinfo=UTC))
    async with notifications.client(Role.county_clerk, County.taos) as clerk:
        (batch,) = (await clerk.get("/v1/print-batches")).json()
        reads = [
            await clerk.get(f"/v1/print-batches/{batch['batch_id']}/bundle.pdf"),
            await clerk.get(f"/v1/print-batches/{batch['batch_id']}/manifest.csv"),
        ]

    for read in reads:
        assert read.status_code == 200, read.text
        assert await disclosed_voters(notifications.runtime.pool, read) == voters
