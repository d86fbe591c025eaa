"""Where feed records are kept: one table per kind (migration 0003), one way to insert into it.

A record's dataclass fields after ``line`` are its table's columns, in order; the table fills in
``record_id``, ``received_at`` and leaves ``matched_at`` NULL. Every insert, by bulk file or by
event, is the same statement: a record whose ``natural_key`` is already stored is skipped, so a
re-load or a redelivery changes nothing.
"""

from dataclasses import fields

from psycopg import sql

from vrs_matching.domain.feed_files import DEATHS, FELONY, NCOA, OTHER_STATE, FeedKind
from vrs_matching.domain.feed_records import FeedRecord
from vrs_plumbing.db import Connection

TABLES: dict[str, str] = {
    DEATHS.name: "death_records",
    FELONY.name: "felony_records",
    OTHER_STATE.name: "other_state_records",
    NCOA.name: "ncoa_records",
}
"""The table of each kind of feed, by the kind's name."""


def stored_columns(kind: FeedKind) -> tuple[str, ...]:
    """The table columns a record of ``kind`` fills, in its fields' order."""
    return tuple(field.name for field in fields(kind.record_type) if field.name != "line")


def stored_values(kind: FeedKind, record: FeedRecord) -> tuple[object, ...]:
    """A record's values for :func:`stored_columns`, in the same order."""
    return tuple(getattr(record, column) for column in stored_columns(kind))


def insert_records(kind: FeedKind, rows: sql.Composable) -> sql.Composed:
    """``INSERT`` of the records ``rows`` gives (a ``SELECT`` or ``VALUES`` of the stored
    columns) into the kind's table; a record already stored, by its natural key, is skipped."""
    return sql.SQL(
        "INSERT INTO {table} ({columns}) {rows} ON CONFLICT (natural_key) DO NOTHING"
    ).format(
        table=sql.Identifier(TABLES[kind.name]),
        columns=sql.SQL(", ").join(map(sql.Identifier, stored_columns(kind))),
        rows=rows,
    )


async def store_feed_record(conn: Connection, kind: FeedKind, record: FeedRecord) -> bool:
    """Store one record of ``kind``; False when the same record was already stored."""
    values = stored_values(kind, record)
    placeholders = sql.SQL("VALUES ({})").format(
        sql.SQL(", ").join(sql.Placeholder() * len(values))
    )
    cursor = await conn.execute(insert_records(kind, placeholders), values)
    return cursor.rowcount == 1
