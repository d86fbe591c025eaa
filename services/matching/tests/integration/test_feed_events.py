"""The feeds by event: matching's consumer of ``vrs.feeds.v1`` on a real broker and a real
PostgreSQL stores each event type as its feed record, through the bulk files' row checks and
insert, once however often it is sent; a record the checks refuse, or an SSN sealed to another
key, goes to the DLQ without a value in its error."""

import asyncio
import base64
import csv
import os
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any
from uuid import uuid4

import psycopg
import pytest
from aiokafka import AIOKafkaConsumer
from faststream.kafka import KafkaBroker
from psycopg.rows import dict_row
from pydantic import SecretStr

from vrs_contracts.base import Event
from vrs_contracts.envelope import envelope
from vrs_contracts.events import (
    ChangeOfAddressReported,
    DeathReported,
    FelonyIncarcerationReported,
    OtherStateRegistrationReported,
)
from vrs_contracts.events.feeds import DeathSource, FelonySource
from vrs_contracts.sealed import SealedValue
from vrs_contracts.topics import FEEDS
from vrs_embedded.synthetic import issuable_ssn
from vrs_matching.adapters.feed_import import import_feed_file
from vrs_matching.adapters.feed_tables import TABLES
from vrs_matching.bootstrap import SPEC
from vrs_matching.config import MatchingSettings
from vrs_matching.domain.feed_files import FELONY
from vrs_matching.entrypoints.consumers import subscriptions
from vrs_plumbing.auth import new_signing_key
from vrs_plumbing.blind_index import ssn_blind_index
from vrs_plumbing.runtime import Runtime, create_service_app
from vrs_plumbing.sealing import new_seal_keypair, seal
from vrs_plumbing.settings import KafkaSettings

draw = random.Random()


@dataclass
class Feeds:
    """Matching running with only its feeds consumer (a group of this test's own), a producer
    of the feeds' events, and the keys a producer and matching hold."""

    database_url: str
    bootstrap: str
    producer: KafkaBroker
    index_key: bytes
    seal_public_key: bytes
    run: str

    def sealed(self, ssn: str, report_id: str, public_key: bytes | None = None) -> SealedValue:
        return seal(
            public_key or self.seal_public_key, ssn, associated_data=report_id, key_id="feeds-1"
        )

    async def publish(self, event: Event, report_id: str, *, again: bytes | None = None) -> bytes:
        """Send ``event`` (or, with ``again``, those exact bytes once more); the bytes sent."""
        body = (
            again
            or envelope(event, source="/feeds/test", correlation_id=uuid4())
            .model_dump_json()
            .encode()
        )
        await self.producer.publish(body, FEEDS.name, key=report_id.encode())
        return body

    def rows(self, table: str, columns: str = "*") -> list[dict[str, Any]]:
        with psycopg.connect(self.database_url, row_factory=dict_row) as conn:
            return conn.execute(
                f"SELECT {columns} FROM matching.{table} WHERE last_name LIKE %s",  # noqa: S608 - names of our own
                (f"%{self.run}",),
            ).fetchall()

    async def dead_letters(self) -> list[dict[str, str]]:
        consumer = AIOKafkaConsumer(
            FEEDS.dlq, bootstrap_servers=self.bootstrap, auto_offset_reset="earliest", group_id=None
        )
        await consumer.start()
        try:
            batches = await consumer.getmany(timeout_ms=2000)
        finally:
            await consumer.stop()
        return [
            {key: value.decode() for key, value in record.headers}
            for records in batches.values()
            for record in records
            if self.run.encode() in record.value
        ]


async def eventually(check: Callable[[], Awaitable[bool]], seconds: float = 30) -> None:
    async with asyncio.timeout(seconds):
        while not await check():
            await asyncio.sleep(0.2)


@pytest.fixture
async def feeds(matching_db: str, kafka_bootstrap: str, tmp_path: Path) -> AsyncIterator[Feeds]:
    _, token_public_key = new_signing_key()
    index_key = os.urandom(32)
    seal_private, seal_public = new_seal_keypair()
    seal_file = tmp_path / "feeds-seal.pem"
    seal_file.write_bytes(seal_private)
    settings = MatchingSettings(
        database_url=matching_db,
        token_public_key=SecretStr(token_public_key.decode()),
        blind_index_key=SecretStr(base64.b64encode(index_key).decode()),
        feeds_seal_private_key_file=seal_file,
        kafka=KafkaSettings(bootstrap_servers=kafka_bootstrap),
        consumer_max_attempts=2,
    )
    run = "x" + uuid4().hex[:10]

    def feeds_only(runtime: Runtime) -> list[Any]:
        """Matching's own feeds subscription, in a group of this test's own."""
        return [
            replace(subscription, group=f"{subscription.group}-{run}")
            for subscription in subscriptions(runtime)
            if subscription.topic is FEEDS
        ]

    app = create_service_app(replace(SPEC, subscriptions=feeds_only), settings)
    producer = KafkaBroker(kafka_bootstrap)
    async with app.router.lifespan_context(app), producer:
        yield Feeds(matching_db, kafka_bootstrap, producer, index_key, seal_public, run)


def name(feeds: Feeds) -> dict[str, str]:
    """A made-up person's name, marked with the test's run so its records can be told apart."""
    return {"first_name": draw.choice(["Alma", "Benito", "Celia"]), "last_name": f"Test{feeds.run}"}


async def test_each_feed_event_is_stored_once_as_its_record_with_the_ssn_as_its_index_only(
    feeds: Feeds, tmp_path: Path
) -> None:
    ssn = issuable_ssn(draw)
    death = DeathReported(
        report_id="doh-1",
        **name(feeds),
        date_of_birth=date(1931, 4, 5),
        ssn=feeds.sealed(ssn, "doh-1"),
        date_of_death=date(2026, 1, 2),
        source=DeathSource.tribal,
    )
    felony = FelonyIncarcerationReported(
        report_id="nmcd-1",
        **name(feeds),
        middle_name="Q",
        date_of_birth=date(1980, 4, 5),
        incarcerated_on=date(2025, 6, 7),
        source=FelonySource.corrections,
    )
    notice = OtherStateRegistrationReported(
        report_id="co-1",
        **name(feeds),
        date_of_birth=date(1980, 4, 5),
        ssn_last4=ssn[-4:],
        state="CO",
        registered_on=date(2026, 3, 1),
    )
    move = ChangeOfAddressReported(
        report_id="ncoa-1",
        **name(feeds),
        old_street="12 Synthetic Way",
        old_zip="87501-1234",
        move_date=date(2026, 2, 1),
    )
    felony_file = tmp_path / "felony.csv"
    with felony_file.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=FELONY.columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerow({**felony.model_dump(mode="json"), "ssn": ""})
    import_feed_file(
        FELONY,
        felony_file,
        database_url=feeds.database_url,
        index_key=feeds.index_key,
        today=date.today(),  # noqa: DTZ011 - a calendar date
        on_problem=lambda problem: pytest.fail(str(problem)),
    )

    sent = await feeds.publish(death, "doh-1")
    await feeds.publish(death, "doh-1", again=sent)  # a redelivery: the inbox knows it
    await feeds.publish(death, "doh-1")  # sent again as a new event: the natural key knows it
    for event in (felony, notice, move):
        await feeds.publish(event, event.report_id)

    async def all_four_stored() -> bool:
        tables = ("death_records", "felony_records", "other_state_records", "ncoa_records")
        return all(feeds.rows(table) for table in tables)

    await eventually(all_four_stored)
    await asyncio.sleep(1)  # give a second copy the chance to appear
    [stored_death] = feeds.rows("death_records")
    assert stored_death["ssn_index"] == ssn_blind_index(feeds.index_key, ssn)
    assert stored_death["ssn_last4"] == ssn[-4:]
    assert (stored_death["source"], stored_death["county"]) == ("tribal", "")
    assert stored_death["matched_at"] is None
    assert len(feeds.rows("felony_records")) == 1, "the file's record and the event's are one"
    [stored_notice] = feeds.rows("other_state_records")
    assert (stored_notice["state"], stored_notice["ssn_last4"]) == ("CO", ssn[-4:])
    [stored_move] = feeds.rows("ncoa_records")
    assert (stored_move["old_street_norm"], stored_move["old_zip5"]) == (
        "12 SYNTHETIC WAY",
        "87501",
    )
    everything = str(
        [feeds.rows(f"{table} t", "row_to_json(t)::text") for table in TABLES.values()]
    )
    assert ssn not in everything
    assert await feeds.dead_letters() == []


async def test_a_record_the_row_checks_refuse_or_an_ssn_sealed_to_another_key_is_dead_lettered(
    feeds: Feeds,
) -> None:
    ssn = issuable_ssn(draw)
    _, stranger = new_seal_keypair()
    home_state = OtherStateRegistrationReported(
        report_id="nm-1",
        **name(feeds),
        date_of_birth=date(1980, 4, 5),
        state="NM",
        registered_on=date(2026, 3, 1),
    )
    wrong_key = DeathReported(
        report_id="doh-2",
        **name(feeds),
        date_of_birth=date(1931, 4, 5),
        ssn=feeds.sealed(ssn, "doh-2", public_key=stranger),
        date_of_death=date(2026, 1, 2),
        source=DeathSource.doh,
    )
    moved_seal = DeathReported(
        report_id="doh-3",
        **name(feeds),
        date_of_birth=date(1931, 4, 5),
        ssn=feeds.sealed(ssn, "doh-2"),  # sealed for another report
        date_of_death=date(2026, 1, 2),
        source=DeathSource.doh,
    )
    for event in (home_state, wrong_key, moved_seal):
        await feeds.publish(event, event.report_id)

    async def three_dead_letters() -> bool:
        return len(await feeds.dead_letters()) == 3

    await eventually(three_dead_letters)
    errors = sorted(letter["x-dlq-error"] for letter in await feeds.dead_letters())
    assert errors == [
        "FeedRecordRejectedError: other-state record refused: state: must be another state than NM",
        "SealError: the sealed value does not open with this key for this message",
        "SealError: the sealed value does not open with this key for this message",
    ]
    assert ssn not in str(await feeds.dead_letters())
    assert feeds.rows("death_records") == []
    assert feeds.rows("other_state_records") == []
