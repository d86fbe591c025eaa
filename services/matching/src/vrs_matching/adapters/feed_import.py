"""Bulk load of a list-maintenance feed file (deaths, felony, other-state, ncoa) at COPY speed.

Written once for every kind: one pass over the file, each row checked by the kind's reader
(:mod:`vrs_matching.domain.feed_files`, which blind-indexes an SSN and drops it); good rows
stream through ``COPY`` into a temporary staging table shaped like the kind's table, then one
statement inserts them (:func:`vrs_matching.adapters.feed_tables.insert_records`, the same
insert the feed events go through). A record already stored, by its natural key, is left as it
is: loading a file again changes nothing, and a row repeated within one file is stored once.
All of it is one transaction: a failure half-way loads nothing.

Nothing here writes a value into a message: problems name the line and the column only, and a
database error is reported by its SQLSTATE, because PostgreSQL's details quote row values.
"""

import logging
from collections.abc import Mapping
from datetime import date
from functools import partial
from pathlib import Path

from psycopg import sql

from vrs_matching.adapters.feed_tables import (
    TABLES,
    insert_records,
    stored_columns,
    stored_values,
)
from vrs_matching.domain.feed_files import FeedKind
from vrs_matching.domain.feed_records import FeedRecord
from vrs_plumbing.blind_index import ssn_indexes
from vrs_plumbing.bulk_csv import BulkCsv, BulkFileError
from vrs_plumbing.bulk_fields import RejectedRow
from vrs_plumbing.bulk_load import (
    BulkLoadReport,
    ProblemSink,
    ProgressSink,
    copy_rows,
    load_transaction,
)

log = logging.getLogger(__name__)

SCHEMA = "matching"
STAGING = "feed_staging"


class FeedFileError(BulkFileError):
    """The feed file cannot be loaded at all; the message never quotes a row."""


class FeedLoadError(Exception):
    """The database could not take the feed file; nothing was loaded. No row values in the text."""


def import_feed_file(
    kind: FeedKind,
    path: Path,
    *,
    database_url: str,
    index_key: bytes,
    today: date,
    on_problem: ProblemSink,
    on_progress: ProgressSink | None = None,
) -> BulkLoadReport:
    """Load a file of ``kind`` into its table in ``matching``; every bad row goes to
    ``on_problem``.

    ``on_progress(bytes_read, rows_read)`` is called every few thousand rows and at the end.
    The report counts records new (``inserted``) and already stored (``unchanged``).
    Raises :class:`FeedFileError` when the file itself is unusable (nothing is loaded) and
    :class:`FeedLoadError` when the database refuses (nothing is loaded).
    """
    report = BulkLoadReport()
    log.info("feed import started", extra={"kind": kind.name, "file": str(path)})
    index_ssn = partial(ssn_indexes, index_key)
    table = TABLES[kind.name]
    columns = stored_columns(kind)

    def read_row(fields: Mapping[str, str], line: int) -> FeedRecord | RejectedRow:
        return kind.read_row(fields, line=line, index_ssn=index_ssn, today=today)

    def staged(record: FeedRecord) -> tuple[object, ...]:
        return (record.line, *stored_values(kind, record))

    with path.open("rb") as binary:
        file = BulkCsv(binary, missing_columns=kind.missing_columns, error=FeedFileError)
        with load_transaction(
            database_url,
            SCHEMA,
            needs=(table,),
            not_ready=f"this database has no {kind.name} records (matching.{table}): run "
            "matching's migrations first (python -m vrs_matching migrate, or vrs up)",
            error=FeedLoadError,
        ) as cursor:
            cursor.execute(_create_staging(table, columns))
            copy_rows(
                cursor,
                STAGING,
                ("line", *columns),
                file.rows(read_row),
                report=report,
                staged=staged,
                on_problem=on_problem,
                on_progress=on_progress,
                bytes_read=file.bytes_read,
            )
            staged_rows = sql.SQL("SELECT {columns} FROM {staging} ORDER BY line").format(
                columns=sql.SQL(", ").join(map(sql.Identifier, columns)),
                staging=sql.Identifier(STAGING),
            )
            report.inserted = cursor.execute(insert_records(kind, staged_rows)).rowcount
            report.unchanged = report.rows_read - report.rejected - report.inserted
        if on_progress:
            on_progress(file.bytes_read(), report.rows_read)
    log.info("feed import finished", extra={"kind": kind.name, **report.log_fields()})
    return report


def _create_staging(table: str, columns: tuple[str, ...]) -> sql.Composed:
    """A temporary table with the line and the stored columns of ``table``, their types but
    none of their constraints (the final insert checks those), dropped at commit."""
    return sql.SQL(
        "CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS "
        "SELECT 0 AS line, {columns} FROM {table} WITH NO DATA"
    ).format(
        staging=sql.Identifier(STAGING),
        columns=sql.SQL(", ").join(map(sql.Identifier, columns)),
        table=sql.Identifier(table),
    )
