"""Bulk load of a county's voter file into the statewide voter file at COPY speed.

One pass over the file: each row is checked (:func:`vrs_registration.domain.voter_file.read_voter_row`,
which seals a full SSN in the vault's way and drops the number), and good rows stream through
``COPY`` into a temporary staging table together with their vault entry and the JSON of their
``VoterRegistered`` event. Then a few set-wise statements, all in one transaction:

1. a (county, source_id) repeated within the file loads from its first line; later lines are
   reported as rejected;
2. a voter already in the voter file under the same (county, source_id) is left as it is:
   unchanged when the row says the same, reported as rejected (naming the columns that differ)
   when it does not. A bulk load adds voters; it never changes one, because every change of a
   voter must come with its status history and its event (docs/adr/0010);
3. the SSNs go into ``ssn_vault`` (sealed with the active key, keyed by their blind index);
4. one statement inserts the voters, their first status-history entry (old status NULL,
   clause "bulk load", actor ``import:<file name>``) and their ``VoterRegistered`` events into
   the outbox, so matching's projection learns of every voter loaded.

A failure half-way loads nothing. Nothing here writes a value into a message: problems name the
line and the column only, and a database error is reported by its SQLSTATE, because
PostgreSQL's details quote row values.
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
from uuid import UUID, uuid4

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from vrs_contracts.envelope import CONTENT_TYPE, envelope
from vrs_contracts.events import VoterRegistered
from vrs_contracts.people import Address, PersonName, Registrant, SsnReference
from vrs_contracts.topics import topic_of
from vrs_plumbing.blind_index import name_dob_blind_index
from vrs_registration.adapters.vault import SealedSsn, SsnVault
from vrs_registration.domain.voter_file import (
    RejectedRow,
    RowProblem,
    VoterRecord,
    missing_columns,
    read_voter_row,
)

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

log = logging.getLogger(__name__)

SCHEMA = "registration"
SOURCE = "/vrs/registration"
CLAUSE = "bulk load"
PROGRESS_EVERY_ROWS = 2000
EVENT_HEADERS = {"content-type": CONTENT_TYPE, "ce_type": VoterRegistered.event_type}
STAGED_COLUMNS = (
    "line",
    "voter_id",
    "county",
    "source_id",
    "status",
    "first_name",
    "middle_name",
    "last_name",
    "suffix",
    "date_of_birth",
    "ssn_blind_index",
    "ssn_last4",
    "vault_key_id",
    "vault_nonce",
    "vault_ciphertext",
    "person_key",
    "gender",
    "street",
    "city",
    "state",
    "zip",
    "party",
    "registered_on",
    "event_id",
    "event",
)
CREATE_STAGING = """
CREATE TEMPORARY TABLE voter_staging (
    line             integer NOT NULL,
    voter_id         uuid NOT NULL,
    county           text NOT NULL,
    source_id        text NOT NULL,
    status           text NOT NULL,
    first_name       text NOT NULL,
    middle_name      text,
    last_name        text NOT NULL,
    suffix           text,
    date_of_birth    date NOT NULL,
    ssn_blind_index  text,
    ssn_last4        char(4),
    vault_key_id     text,
    vault_nonce      bytea,
    vault_ciphertext bytea,
    person_key       text NOT NULL,
    gender           text,
    street           text NOT NULL,
    city             text,
    state            text,
    zip              text,
    party            text NOT NULL,
    registered_on    date NOT NULL,
    event_id         uuid NOT NULL,
    event            text NOT NULL
) ON COMMIT DROP
"""
REPEATED_LINES = """
DELETE FROM voter_staging s
USING (
    SELECT county, source_id, min(line) AS first_line
    FROM voter_staging GROUP BY county, source_id HAVING count(*) > 1
) r
WHERE s.county = r.county AND s.source_id = r.source_id AND s.line <> r.first_line
RETURNING s.line, r.first_line
"""
# The columns of the file a stored voter is compared on, each with how it is stored.
COMPARED = (
    ("first_name", "v.first_name", "s.first_name"),
    ("middle_name", "v.middle_name", "s.middle_name"),
    ("last_name", "v.last_name", "s.last_name"),
    ("suffix", "v.suffix", "s.suffix"),
    ("date_of_birth", "v.date_of_birth", "s.date_of_birth"),
    ("ssn", "v.ssn_blind_index", "s.ssn_blind_index"),
    ("ssn_last4", "v.ssn_last4", "s.ssn_last4"),
    ("gender", "v.gender", "s.gender"),
    ("street", "v.residence_address->>'street'", "s.street"),
    ("city", "v.residence_address->>'city'", "s.city"),
    ("state", "v.residence_address->>'state'", "s.state"),
    ("zip", "v.residence_address->>'zip'", "s.zip"),
    ("party", "v.party", "s.party"),
    ("status", "v.status", "s.status"),
    ("registered_on", "v.registered_on", "s.registered_on"),
)
DIFFERING_LINES = sql.SQL(
    """
    WITH compared AS (
        SELECT s.line, array_remove(ARRAY[{differences}], NULL) AS columns
        FROM voter_staging s JOIN voters v ON v.county = s.county AND v.source_id = s.source_id
    ), removed AS (
        DELETE FROM voter_staging s USING compared c
        WHERE s.line = c.line AND cardinality(c.columns) > 0
        RETURNING s.line
    )
    SELECT c.line, c.columns FROM compared c JOIN removed USING (line) ORDER BY c.line
    """
).format(
    differences=sql.SQL(", ").join(
        sql.SQL("CASE WHEN {} IS DISTINCT FROM {} THEN {} END").format(
            sql.SQL(stored), sql.SQL(staged), sql.Literal(column)
        )
        for column, stored, staged in COMPARED
    )
)
STORE_SSNS = """
INSERT INTO ssn_vault (blind_index, key_id, nonce, ciphertext, last4)
SELECT DISTINCT ON (ssn_blind_index)
       ssn_blind_index, vault_key_id, vault_nonce, vault_ciphertext, ssn_last4
FROM voter_staging WHERE ssn_blind_index IS NOT NULL
ORDER BY ssn_blind_index, line
ON CONFLICT (blind_index) DO NOTHING
"""
INSERT_VOTERS = """
WITH new_voters AS (
    INSERT INTO voters (
        voter_id, county, status, first_name, middle_name, last_name, suffix, date_of_birth,
        ssn_blind_index, ssn_last4, person_key, gender, residence_address, party, source_id,
        registered_on
    )
    SELECT voter_id, county, status, first_name, middle_name, last_name, suffix, date_of_birth,
           ssn_blind_index, ssn_last4, person_key, gender,
           jsonb_build_object('street', street, 'city', city, 'state', state, 'zip', zip,
                              'non_standard_description', NULL),
           party, source_id, registered_on
    FROM voter_staging ORDER BY line
    ON CONFLICT (county, source_id) DO NOTHING
    RETURNING voter_id
), history AS (
    INSERT INTO voter_status_history (voter_id, old_status, new_status, clause, actor)
    SELECT s.voter_id, NULL, s.status, %(clause)s, %(actor)s
    FROM new_voters n JOIN voter_staging s USING (voter_id)
), events AS (
    INSERT INTO outbox (event_id, topic, key, payload, headers)
    SELECT s.event_id, %(topic)s, s.person_key, convert_to(s.event, 'UTF8'), %(headers)s
    FROM new_voters n JOIN voter_staging s USING (voter_id)
)
SELECT count(*) FROM new_voters
"""


class VoterFileError(Exception):
    """The file cannot be loaded at all (empty, no usable header, missing columns).

    The message names the file's problem and never quotes a row.
    """


class VoterLoadError(Exception):
    """The database could not take the load; nothing was loaded. No row values in the text."""


@dataclass
class VoterImportReport:
    """What one import did: rows read; voters new or already loaded as stated; rows rejected.
    ``rows_read == loaded + rejected``."""

    rows_read: int = 0
    inserted: int = 0
    unchanged: int = 0
    rejected: int = 0

    @property
    def loaded(self) -> int:
        """Good rows: their voters are now in the voter file as the file states them."""
        return self.inserted + self.unchanged


ProblemSink = Callable[[RowProblem], None]
ProgressSink = Callable[[int, int], None]


def import_voter_file(
    path: Path,
    *,
    database_url: str,
    vault: SsnVault,
    index_key: bytes,
    today: date,
    on_problem: ProblemSink,
    on_progress: ProgressSink | None = None,
) -> VoterImportReport:
    """Load a county voter file into ``registration.voters``; every bad row goes to ``on_problem``.

    ``vault`` seals full SSNs (active key) and gives their blind index; ``index_key`` is the
    blind-index key, for the name+DOB person key of voters without a full SSN.
    ``on_progress(bytes_read, rows_read)`` is called every few thousand rows and at the end.
    Raises :class:`VoterFileError` when the file itself is unusable (nothing is loaded) and
    :class:`VoterLoadError` when the database refuses (nothing is loaded).
    """
    report = VoterImportReport()
    actor = f"import:{path.name}"
    correlation_id = uuid4()  # one load is one flow: every event of it shares this id
    log.info(
        "voter import started", extra={"file": str(path), "correlation_id": str(correlation_id)}
    )
    with path.open("rb") as binary:
        reader = csv.reader(_decoded_lines(binary), strict=True)
        header = _header(reader)
        try:
            with _connect(database_url) as conn, conn.transaction():
                cursor = conn.cursor()
                parties = frozenset(
                    str(row[0]) for row in cursor.execute("SELECT code FROM qualified_parties")
                )
                cursor.execute(CREATE_STAGING)
                with cursor.copy(
                    sql.SQL("COPY voter_staging ({}) FROM STDIN").format(
                        sql.SQL(", ").join(map(sql.Identifier, STAGED_COLUMNS))
                    )
                ) as copy:
                    rows = _rows(
                        reader,
                        header,
                        vault=vault,
                        index_key=index_key,
                        today=today,
                        parties=parties,
                    )
                    for item in rows:
                        report.rows_read += 1
                        if isinstance(item, RejectedRow):
                            report.rejected += 1
                            for problem in item.problems:
                                on_problem(problem)
                        else:
                            copy.write_row(staging_row(item, correlation_id))
                        if on_progress and report.rows_read % PROGRESS_EVERY_ROWS == 0:
                            on_progress(binary.tell(), report.rows_read)
                cursor.execute("ANALYZE voter_staging")
                later_problems = _repeated_or_changed(cursor)
                for problem in later_problems:
                    on_problem(problem)
                report.rejected += len({problem.line for problem in later_problems})
                cursor.execute(STORE_SSNS)
                inserted = cursor.execute(
                    INSERT_VOTERS,
                    {
                        "clause": CLAUSE,
                        "actor": actor,
                        "topic": topic_of(VoterRegistered).name,
                        "headers": Jsonb(EVENT_HEADERS),
                    },
                ).fetchone()
                assert inserted is not None  # an aggregate always answers one row
                report.inserted = int(inserted[0])
                report.unchanged = report.rows_read - report.rejected - report.inserted
        except psycopg.OperationalError as exc:  # the connection or the server gave out
            raise VoterLoadError(
                f"the database failed during the load ({_first_line(exc)}); nothing was loaded"
            ) from None
        except psycopg.Error as exc:
            raise VoterLoadError(
                f"the database refused the load (SQLSTATE {exc.sqlstate or 'unknown'}); "
                "nothing was loaded"
            ) from None
        if on_progress:
            on_progress(binary.tell(), report.rows_read)
    log.info(
        "voter import finished",
        extra={
            "outcome": "partial" if report.rejected else "complete",
            "correlation_id": str(correlation_id),
            "rows_read": report.rows_read,
            "inserted": report.inserted,
            "unchanged": report.unchanged,
            "rejected": report.rejected,
        },
    )
    return report


def _repeated_or_changed(cursor: "psycopg.Cursor[tuple[Any, ...]]") -> list[RowProblem]:
    """Take out of the staging table the rows that repeat an earlier line's (county, source_id)
    and those that say otherwise about a voter already loaded; their problems, by line."""
    problems = [
        RowProblem(line, "source_id", f"repeats the county and source_id of line {first_line}")
        for line, first_line in cursor.execute(REPEATED_LINES).fetchall()
    ]
    problems += [
        RowProblem(
            line,
            column,
            "differs from the voter already loaded with this county and source_id; "
            "a bulk load does not change a loaded voter",
        )
        for line, columns in cursor.execute(DIFFERING_LINES).fetchall()
        for column in columns
    ]
    return sorted(problems, key=lambda problem: problem.line)


def _connect(database_url: str) -> "psycopg.Connection[tuple[Any, ...]]":
    """A connection working in registration's schema, whose one transaction is the caller's."""
    try:
        conn = psycopg.connect(database_url, options=f"-c search_path={SCHEMA}", autocommit=True)
    except psycopg.Error as exc:
        raise VoterLoadError(f"cannot reach the database: {_first_line(exc)}") from None
    found = conn.execute(
        "SELECT to_regclass('voters'), to_regclass('voters_county_source_id')"
    ).fetchone()
    if found is None or found[0] is None or found[1] is None:
        conn.close()
        raise VoterLoadError(
            "this database has no voter file ready for loading (registration.voters with its "
            "index on county and source_id): run registration's migrations first "
            "(python -m vrs_registration migrate, or vrs up)"
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
    """The column names of the header row; VoterFileError if it is not usable."""
    try:
        row = next(reader, None)
    except csv.Error as exc:
        raise VoterFileError(f"line 1 (the header) is not valid CSV: {exc}") from None
    if row is None:
        raise VoterFileError("the file is empty: expected a header row naming the columns")
    names = [name.strip().lower() for name in row]
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        raise VoterFileError(f"the header names a column twice: {', '.join(repeated)}")
    missing = missing_columns(names)
    if missing:
        raise VoterFileError(f"the header lacks the column(s): {', '.join(missing)}")
    return names


def _rows(
    reader: "CsvReader",
    header: list[str],
    *,
    vault: SsnVault,
    index_key: bytes,
    today: date,
    parties: frozenset[str],
) -> Iterator[VoterRecord[SealedSsn] | RejectedRow]:
    """Each data row checked, with the line it starts on; blank lines are skipped.

    A row csv cannot parse (a stray quote) is rejected and the reading goes on at the next line.
    """
    index_name_dob = partial(name_dob_blind_index, index_key)
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
        yield read_voter_row(
            fields,
            line=line,
            today=today,
            qualified_parties=parties,
            seal_ssn=vault.seal,
            index_name_dob=index_name_dob,
        )


def staging_row(record: VoterRecord[SealedSsn], correlation_id: UUID) -> tuple[object, ...]:
    """The staging row of a voter: its columns, vault entry and ``VoterRegistered`` event."""
    voter_id = uuid4()
    sealed = record.ssn
    event = envelope(
        VoterRegistered(
            voter_id=voter_id,
            source_id=record.source_id,
            county=record.county,
            status=record.status,
            registrant=Registrant(
                name=PersonName(
                    first_name=record.first_name,
                    middle_name=record.middle_name,
                    last_name=record.last_name,
                    suffix=record.suffix,
                ),
                date_of_birth=record.date_of_birth,
                ssn=SsnReference(blind_index=record.ssn_blind_index, last4=record.ssn_last4),
                residence_address=Address(
                    street=record.street, city=record.city, state=record.state, zip=record.zip
                ),
            ),
            party=record.party,
            registered_on=record.registered_on,
        ),
        source=SOURCE,
        correlation_id=correlation_id,
        subject=f"voter/{voter_id}",
    )
    return (
        record.line,
        voter_id,
        record.county.value,
        record.source_id,
        record.status.value,
        record.first_name,
        record.middle_name,
        record.last_name,
        record.suffix,
        record.date_of_birth,
        record.ssn_blind_index,
        record.ssn_last4,
        sealed.key_id if sealed else None,
        sealed.nonce if sealed else None,
        sealed.ciphertext if sealed else None,
        record.person_key,
        record.gender,
        record.street,
        record.city,
        record.state,
        record.zip,
        record.party,
        record.registered_on,
        event.id,
        event.model_dump_json(),
    )


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
