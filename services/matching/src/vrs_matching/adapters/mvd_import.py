"""Bulk load of the MVD file into the MVD index at COPY speed.

One pass over the file: each row is checked (:func:`vrs_matching.domain.mvd_file.read_mvd_row`,
which blind-indexes the SSN and drops it) and good rows stream through ``COPY`` into a
temporary staging table; then one statement upserts the staging table into ``mvd_records``
(a re-load of a licence number updates its record, never duplicates it). All of it is one
transaction: a failure half-way loads nothing. A licence number that appears twice in one file
is loaded from its first line; the later lines are reported as rejected.

Nothing here writes a value into a message: problems name the line and the column only, and a
database error is reported by its SQLSTATE, because PostgreSQL's details quote row values.
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from psycopg import sql

from vrs_matching.domain.mvd_file import (
    IMAGE_COLUMNS,
    MvdRecord,
    RejectedRow,
    RowProblem,
    missing_columns,
    read_mvd_row,
)
from vrs_plumbing.blind_index import ssn_blind_index
from vrs_plumbing.bulk_csv import BulkCsv, BulkFileError
from vrs_plumbing.bulk_load import (
    BulkLoadReport,
    ProblemSink,
    ProgressSink,
    copy_rows,
    load_transaction,
)

log = logging.getLogger(__name__)

SCHEMA = "matching"
NEEDED = ("mvd_records",)
NOT_READY = (
    "this database has no MVD index (matching.mvd_records): run matching's migrations "
    "first (python -m vrs_matching migrate, or vrs up)"
)
STAGED_COLUMNS = (
    "line",
    "mvd_id",
    "first_name",
    "middle_name",
    "last_name",
    "suffix",
    "first_name_norm",
    "last_name_norm",
    "date_of_birth",
    "ssn_index",
    "ssn_last4",
    "street",
    "city",
    "state",
    "zip",
    "county",
    "expired",
    "signature_ref",
    "photo_ref",
)
RECORD_COLUMNS = STAGED_COLUMNS[1:]
UPDATED_COLUMNS = tuple(c for c in RECORD_COLUMNS if c not in {"mvd_id", *IMAGE_COLUMNS})

CREATE_STAGING = """
CREATE TEMPORARY TABLE mvd_staging (
    line            integer NOT NULL,
    mvd_id          text NOT NULL,
    first_name      text NOT NULL,
    middle_name     text NOT NULL,
    last_name       text NOT NULL,
    suffix          text NOT NULL,
    first_name_norm text NOT NULL,
    last_name_norm  text NOT NULL,
    date_of_birth   date NOT NULL,
    ssn_index       text NOT NULL,
    ssn_last4       text NOT NULL,
    street          text NOT NULL,
    city            text NOT NULL,
    state           text NOT NULL,
    zip             text NOT NULL,
    county          text NOT NULL,
    expired         boolean NOT NULL,
    signature_ref   text,
    photo_ref       text
) ON COMMIT DROP
"""
REPEATED_LINES = """
SELECT s.line, r.first_line
FROM mvd_staging s
JOIN (
    SELECT mvd_id, min(line) AS first_line FROM mvd_staging GROUP BY mvd_id HAVING count(*) > 1
) r USING (mvd_id)
WHERE s.line <> r.first_line
ORDER BY s.line
"""


def _upsert() -> sql.Composed:
    """Staging into the index; the first line of a repeated number wins; counts new/updated.

    A record whose content is the same as stored is not rewritten (a daily re-load of the whole
    MVD file mostly repeats itself, and every rewrite costs index work). Image references are
    kept when a later file has none for the record.
    """
    columns = sql.SQL(", ").join(map(sql.Identifier, RECORD_COLUMNS))
    new_values = [sql.SQL("EXCLUDED.{}").format(sql.Identifier(c)) for c in UPDATED_COLUMNS]
    new_values += [
        sql.SQL("COALESCE(EXCLUDED.{0}, mvd_records.{0})").format(sql.Identifier(c))
        for c in IMAGE_COLUMNS
    ]
    targets = [sql.Identifier(c) for c in (*UPDATED_COLUMNS, *IMAGE_COLUMNS)]
    old_values = [sql.SQL("mvd_records.{}").format(target) for target in targets]
    updates = [
        sql.SQL("{} = {}").format(target, value)
        for target, value in zip(targets, new_values, strict=True)
    ]
    return sql.SQL(
        """
        WITH written AS (
            INSERT INTO mvd_records ({columns}, loaded_at)
            SELECT DISTINCT ON (mvd_id) {columns}, now() FROM mvd_staging ORDER BY mvd_id, line
            ON CONFLICT (mvd_id) DO UPDATE SET {updates}, loaded_at = EXCLUDED.loaded_at
            WHERE ({old_values}) IS DISTINCT FROM ({new_values})
            RETURNING (xmax = 0) AS inserted
        )
        SELECT count(*) FILTER (WHERE inserted) AS inserted,
               count(*) FILTER (WHERE NOT inserted) AS updated
        FROM written
        """
    ).format(
        columns=columns,
        updates=sql.SQL(", ").join(updates),
        old_values=sql.SQL(", ").join(old_values),
        new_values=sql.SQL(", ").join(new_values),
    )


class MvdFileError(BulkFileError):
    """The MVD file cannot be loaded at all; the message never quotes a row."""


class MvdLoadError(Exception):
    """The database could not take the MVD file; nothing was loaded. No row values in the text."""


@dataclass
class MvdImportReport(BulkLoadReport):
    """What one import did: rows read; records new, updated or already up to date; rows
    rejected. ``rows_read == loaded + rejected``."""

    updated: int = 0

    @property
    def loaded(self) -> int:
        """Good rows: their records are now in the index as the file states them."""
        return self.inserted + self.updated + self.unchanged


def import_mvd_file(
    path: Path,
    *,
    database_url: str,
    index_key: bytes,
    today: date,
    on_problem: ProblemSink,
    on_progress: ProgressSink | None = None,
) -> MvdImportReport:
    """Load an MVD file into ``matching.mvd_records``; every bad row goes to ``on_problem``.

    ``on_progress(bytes_read, rows_read)`` is called every few thousand rows and at the end.
    Raises :class:`MvdFileError` when the file itself is unusable (nothing is loaded) and
    :class:`MvdLoadError` when the database refuses (nothing is loaded).
    """
    report = MvdImportReport()
    log.info("mvd import started", extra={"file": str(path)})
    index_ssn = partial(ssn_blind_index, index_key)

    def read_row(fields: Mapping[str, str], line: int) -> MvdRecord | RejectedRow:
        return read_mvd_row(fields, line=line, index_ssn=index_ssn, today=today)

    with path.open("rb") as binary:
        file = BulkCsv(binary, missing_columns=missing_columns, error=MvdFileError)
        with load_transaction(
            database_url, SCHEMA, needs=NEEDED, not_ready=NOT_READY, error=MvdLoadError
        ) as cursor:
            cursor.execute(CREATE_STAGING)
            copy_rows(
                cursor,
                "mvd_staging",
                STAGED_COLUMNS,
                file.rows(read_row),
                report=report,
                staged=_staged,
                on_problem=on_problem,
                on_progress=on_progress,
                bytes_read=file.bytes_read,
            )
            cursor.execute("ANALYZE mvd_staging")
            for line, first_line in cursor.execute(REPEATED_LINES).fetchall():
                report.rejected += 1
                on_problem(
                    RowProblem(
                        line, "mvd_id", f"repeats the licence/ID number of line {first_line}"
                    )
                )
            counts = cursor.execute(_upsert()).fetchone()
            assert counts is not None  # an aggregate always answers one row
            report.inserted, report.updated = int(counts[0]), int(counts[1])
            report.unchanged = report.rows_read - report.rejected - report.inserted - report.updated
        if on_progress:
            on_progress(file.bytes_read(), report.rows_read)
    log.info("mvd import finished", extra=report.log_fields())
    return report


def _staged(record: MvdRecord) -> tuple[object, ...]:
    return (
        record.line,
        record.mvd_id,
        record.first_name,
        record.middle_name,
        record.last_name,
        record.suffix,
        record.first_name_norm,
        record.last_name_norm,
        record.date_of_birth,
        record.ssn_index,
        record.ssn_last4,
        record.street,
        record.city,
        record.state,
        record.zip,
        record.county,
        record.expired,
        record.signature_ref,
        record.photo_ref,
    )
