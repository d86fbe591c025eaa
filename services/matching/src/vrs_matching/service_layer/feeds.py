"""The list-maintenance feeds by event (``vrs.feeds.v1``): each event becomes a feed record.

An event carries the columns of its bulk file, so it is read by the same row check as a file's
row (:mod:`vrs_matching.domain.feed_files`) and stored by the same insert
(:func:`vrs_matching.adapters.feed_tables.store_feed_record`): a record means the same whichever
way it came, and the same record sent again, by file or event, is stored once. The SSN of a death
or felony record arrives sealed to matching's key with the event's ``report_id`` as associated
data; it is opened here, blind-indexed by the row check, and dropped.

A record that fails the row check raises :class:`FeedRecordRejectedError`, naming the columns
and never their values; after its retries the message goes to the topic's DLQ.
"""

import logging
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from vrs_contracts.base import Event
from vrs_contracts.envelope import CloudEvent
from vrs_contracts.events import (
    ChangeOfAddressReported,
    DeathReported,
    FelonyIncarcerationReported,
    OtherStateRegistrationReported,
)
from vrs_matching.adapters.feed_tables import store_feed_record
from vrs_matching.domain.feed_files import DEATHS, FELONY, NCOA, OTHER_STATE, FeedKind
from vrs_plumbing.blind_index import ssn_indexes
from vrs_plumbing.bulk_fields import RejectedRow
from vrs_plumbing.db import Connection
from vrs_plumbing.messaging import EventHandler
from vrs_plumbing.sealing import open_sealed

log = logging.getLogger(__name__)

KIND_OF_EVENT: dict[type[Event], FeedKind] = {
    DeathReported: DEATHS,
    FelonyIncarcerationReported: FELONY,
    OtherStateRegistrationReported: OTHER_STATE,
    ChangeOfAddressReported: NCOA,
}
"""The kind of feed record each feed event reports."""
NOT_COLUMNS = frozenset({"report_id", "ssn"})


class FeedSealKeyMissingError(RuntimeError):
    """Matching was started without the key that opens the feeds' sealed SSNs."""


class FeedRecordRejectedError(ValueError):
    """A feed event whose record fails the row check; the message names columns, not values."""


def columns_of(report: Event, ssn: str) -> dict[str, str]:
    """An event's fields as its bulk file's columns would write them: dates ``YYYY-MM-DD``,
    codes by their value, a missing value blank; ``ssn`` the opened SSN, or blank."""
    written = report.model_dump(mode="json", exclude=set(NOT_COLUMNS))
    columns = {name: "" if value is None else str(value) for name, value in written.items()}
    columns["ssn"] = ssn
    return columns


def feed_record_handler(index_key: bytes, seal_key_file: Path | None) -> EventHandler:
    """The handler of every feed event: one feed record per event, whatever its redeliveries.

    The seal key is read once, here: a wrong path fails the service's start, not every message.
    """
    seal_key = seal_key_file.read_bytes() if seal_key_file is not None else None
    index_ssn = partial(ssn_indexes, index_key)

    def opened_ssn(report: Event) -> str:
        if not isinstance(report, DeathReported | FelonyIncarcerationReported):
            return ""
        if report.ssn is None:
            return ""
        if seal_key is None:
            raise FeedSealKeyMissingError("VRS_FEEDS_SEAL_PRIVATE_KEY_FILE is not set")
        return open_sealed(seal_key, report.ssn, associated_data=report.report_id)

    async def store_reported_record(conn: Connection, event: CloudEvent[Any]) -> None:
        report: Event = event.data
        kind = KIND_OF_EVENT[type(report)]
        record = kind.read_row(
            columns_of(report, opened_ssn(report)),
            line=1,
            index_ssn=index_ssn,
            # The UTC date is never before New Mexico's: no date of the state's today is refused.
            today=datetime.now(UTC).date(),
        )
        if isinstance(record, RejectedRow):
            problems = "; ".join(f"{p.column}: {p.problem}" for p in record.problems)
            raise FeedRecordRejectedError(f"{kind.name} record refused: {problems}")
        stored = await store_feed_record(conn, kind, record)
        log.info(
            "feed record stored" if stored else "feed record already stored",
            extra={"kind": kind.name, "event_id": str(event.id)},
        )

    return store_reported_record
