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

import codecs
import csv
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import psycopg
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

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

log = logging.getLogger(__name__)

SCHEMA = "matching"
PROGRESS_EVERY_ROWS = 2000
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


class MvdFileError(Exception):
    """The file cannot be loaded at all (empty, no usable header, missing columns).

    The message names the file's problem and never quotes a row.
    """


class MvdLoadError(Exception):
    """The database could not take the load; nothing was loaded. No row values in the text."""


@dataclass
class MvdImportReport:
    """What one import did: rows read; records new, updated or already up to date; rows
    rejected. ``rows_read == loaded + rejected``."""

    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0

    @property
    def loaded(self) -> int:
        """Good rows: their records are now in the index as the file states them."""
        return self.inserted + self.updated + self.unchanged


ProblemSink = Callable[[RowProblem], None]
ProgressSink = Callable[[int, int], None]


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
    with path.open("rb") as binary:
        reader = csv.reader(_decoded_lines(binary), strict=True)
        header = _header(reader)
        try:
            with _connect(database_url) as conn, conn.transaction():
                cursor = conn.cursor()
                cursor.execute(CREATE_STAGING)
                with cursor.copy(
                    sql.SQL("COPY mvd_staging ({}) FROM STDIN").format(
                        sql.SQL(", ").join(map(sql.Identifier, STAGED_COLUMNS))
                    )
                ) as copy:
                    for item in _rows(reader, header, index_key, today):
                        report.rows_read += 1
                        if isinstance(item, RejectedRow):
                            report.rejected += 1
                            for problem in item.problems:
                                on_problem(problem)
                        else:
                            copy.write_row(_staged(item))
                        if on_progress and report.rows_read % PROGRESS_EVERY_ROWS == 0:
                            on_progress(binary.tell(), report.rows_read)
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
                report.unchanged = (
                    report.rows_read - report.rejected - report.inserted - report.updated
                )
        except psycopg.OperationalError as exc:  # the connection or the server gave out
            raise MvdLoadError(
                f"the database failed during the load ({_first_line(exc)}); nothing was loaded"
            ) from None
        except psycopg.Error as exc:
            raise MvdLoadError(
                f"the database refused the load (SQLSTATE {exc.sqlstate or 'unknown'}); "
                "nothing was loaded"
            ) from None
        if on_progress:
            on_progress(binary.tell(), report.rows_read)
    log.info(
        "mvd import finished",
        extra={
            "outcome": "partial" if report.rejected else "complete",
            "rows_read": report.rows_read,
            "inserted": report.inserted,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rejected": report.rejected,
        },
    )
    return report


def _connect(database_url: str) -> "psycopg.Connection[tuple[Any, ...]]":
    """A connection working in matching's schema, whose one transaction is the caller's."""
    try:
        conn = psycopg.connect(database_url, options=f"-c search_path={SCHEMA}", autocommit=True)
    except psycopg.Error as exc:
        raise MvdLoadError(f"cannot reach the database: {_first_line(exc)}") from None
    found = conn.execute("SELECT to_regclass('mvd_records')").fetchone()
    if found is None or found[0] is None:
        conn.close()
        raise MvdLoadError(
            "this database has no MVD index (matching.mvd_records): run matching's migrations "
            "first (python -m vrs_matching migrate, or vrs up)"
        )
    return conn


def _decoded_lines(binary: BinaryIO) -> Iterator[str]:
    """The file's lines as text, line endings kept (as csv wants them), byte-order mark dropped.

    Each line is decoded on its own, so a byte that is not UTF-8 spoils only its row: it reads
    as U+FFFD, which the row check reports as a column that is not UTF-8 text.
    """
    first = True
    for raw in binary:
        if first:
            raw = raw.removeprefix(codecs.BOM_UTF8)  # noqa: PLW2901 - the one line with a BOM
            first = False
        yield raw.decode("utf-8", errors="replace")


def _header(reader: "CsvReader") -> list[str]:
    """The column names of the header row; MvdFileError if it is not usable."""
    try:
        row = next(reader, None)
    except csv.Error as exc:
        raise MvdFileError(f"line 1 (the header) is not valid CSV: {exc}") from None
    if row is None:
        raise MvdFileError("the file is empty: expected a header row naming the columns")
    names = [name.strip().lower() for name in row]
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        raise MvdFileError(f"the header names a column twice: {', '.join(repeated)}")
    missing = missing_columns(names)
    if missing:
        raise MvdFileError(f"the header lacks the column(s): {', '.join(missing)}")
    return names


def _rows(
    reader: "CsvReader", header: list[str], index_key: bytes, today: date
) -> Iterator[MvdRecord | RejectedRow]:
    """Each data row checked, with the line it starts on; blank lines are skipped.

    A row csv cannot parse (a stray quote) is rejected and the reading goes on at the next line.
    """
    index_ssn = partial(ssn_blind_index, index_key)
    positions = {name: position for position, name in enumerate(header) if name}
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            # csv's messages describe the syntax ("',' expected after '\"'"), never the text.
            yield RejectedRow(line, (RowProblem(line, "row", f"not valid CSV: {exc}"),))
            continue
        if row is None:
            return
        if not row:
            continue
        if len(row) != len(header):
            problem = f"has {len(row)} values; the header names {len(header)} columns"
            yield RejectedRow(line, (RowProblem(line, "row", problem),))
            continue
        fields = {name: row[position] for name, position in positions.items()}
        yield read_mvd_row(fields, line=line, index_ssn=index_ssn, today=today)


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


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
