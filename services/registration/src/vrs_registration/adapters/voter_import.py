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
3. the SSNs go into ``ssn_vault`` (sealed with the active key, keyed by their blind index,
   with their near indexes, which the ``VoterRegistered`` events carry too);
4. one statement inserts the voters, their first status-history entry (old status NULL,
   clause "bulk load", actor ``import:<file name>``) and their ``VoterRegistered`` events into
   the outbox, so matching's projection learns of every voter loaded.

A failure half-way loads nothing. Nothing here writes a value into a message: problems name the
line and the column only, and a database error is reported by its SQLSTATE, because
PostgreSQL's details quote row values.
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from vrs_contracts.envelope import CONTENT_TYPE, envelope
from vrs_contracts.events import VoterRegistered
from vrs_contracts.people import Address, PersonName, Registrant, SsnReference
from vrs_contracts.topics import topic_of
from vrs_plumbing.blind_index import name_dob_blind_index
from vrs_plumbing.bulk_csv import BulkCsv, BulkFileError
from vrs_plumbing.bulk_load import (
    BulkLoadReport,
    ProblemSink,
    ProgressSink,
    copy_rows,
    load_transaction,
)
from vrs_registration.adapters.vault import SealedSsn, SsnVault
from vrs_registration.domain.voter_file import (
    RejectedRow,
    RowProblem,
    VoterRecord,
    missing_columns,
    read_voter_row,
)

log = logging.getLogger(__name__)

SCHEMA = "registration"
NEEDED = ("voters", "voters_county_source_id")
NOT_READY = (
    "this database has no voter file ready for loading (registration.voters with its "
    "index on county and source_id): run registration's migrations first "
    "(python -m vrs_registration migrate, or vrs up)"
)
SOURCE = "/vrs/registration"
CLAUSE = "bulk load"
EVENT_HEADERS = {"content-type": CONTENT_TYPE, "ce_type": VoterRegistered.event_type}
STAGED_COLUMNS = (
    "line",
    "voter_id",
    "county",
    "source_id",
    "status",
    "status_reason",
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
    "vault_near_indexes",
    "person_key",
    "gender",
    "street",
    "city",
    "state",
    "zip",
    "party",
    "registered_on",
    "precinct",
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
    status_reason    text,
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
    vault_near_indexes text[],
    person_key       text NOT NULL,
    gender           text,
    street           text NOT NULL,
    city             text,
    state            text,
    zip              text,
    party            text NOT NULL,
    registered_on    date NOT NULL,
    precinct         text,
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
# The columns of the file a stored voter is compared on, each with how it is stored. A precinct
# is compared only where the file gives one: a file without the column says nothing about the
# precinct the county has assigned since.
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
    ("precinct", "v.precinct", "COALESCE(s.precinct, v.precinct)"),
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
INSERT INTO ssn_vault (blind_index, key_id, nonce, ciphertext, last4, near_indexes)
SELECT DISTINCT ON (ssn_blind_index)
       ssn_blind_index, vault_key_id, vault_nonce, vault_ciphertext, ssn_last4, vault_near_indexes
FROM voter_staging WHERE ssn_blind_index IS NOT NULL
ORDER BY ssn_blind_index, line
ON CONFLICT (blind_index) DO NOTHING
"""
INSERT_VOTERS = """
WITH new_voters AS (
    INSERT INTO voters (
        voter_id, county, status, status_reason, first_name, middle_name, last_name, suffix,
        date_of_birth, ssn_blind_index, ssn_last4, person_key, gender, residence_address, party,
        source_id, registered_on, precinct
    )
    SELECT voter_id, county, status, status_reason, first_name, middle_name, last_name, suffix, date_of_birth,
           ssn_blind_index, ssn_last4, person_key, gender,
           jsonb_build_object('street', street, 'city', city, 'state', state, 'zip', zip,
                              'non_standard_description', NULL),
           party, source_id, registered_on, precinct
    FROM voter_staging ORDER BY line
    ON CONFLICT (county, source_id) DO NOTHING
    RETURNING voter_id
), history AS (
    INSERT INTO voter_status_history (voter_id, old_status, new_status, status_reason, clause, actor)
    SELECT s.voter_id, NULL, s.status, s.status_reason, %(clause)s, %(actor)s
    FROM new_voters n JOIN voter_staging s USING (voter_id)
), events AS (
    INSERT INTO outbox (event_id, topic, key, payload, headers)
    SELECT s.event_id, %(topic)s, s.person_key, convert_to(s.event, 'UTF8'), %(headers)s
    FROM new_voters n JOIN voter_staging s USING (voter_id)
)
SELECT count(*) FROM new_voters
"""


class VoterFileError(BulkFileError):
    """The county voter file cannot be loaded at all; the message never quotes a row."""


class VoterLoadError(Exception):
    """The database could not take the voter file; nothing was loaded. No row values in the text."""


@dataclass
class VoterImportReport(BulkLoadReport):
    """What one import did: rows read; voters new or already loaded as stated; rows rejected.
    ``rows_read == loaded + rejected``; ``loaded`` voters are in the voter file as stated."""


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
    index_name_dob = partial(name_dob_blind_index, index_key)
    with path.open("rb") as binary:
        file = BulkCsv(binary, missing_columns=missing_columns, error=VoterFileError)
        with load_transaction(
            database_url, SCHEMA, needs=NEEDED, not_ready=NOT_READY, error=VoterLoadError
        ) as cursor:
            parties = frozenset(
                str(row[0]) for row in cursor.execute("SELECT code FROM qualified_parties")
            )

            def read_row(
                fields: Mapping[str, str], line: int
            ) -> VoterRecord[SealedSsn] | RejectedRow:
                return read_voter_row(
                    fields,
                    line=line,
                    today=today,
                    qualified_parties=parties,
                    seal_ssn=vault.seal,
                    index_name_dob=index_name_dob,
                )

            cursor.execute(CREATE_STAGING)
            copy_rows(
                cursor,
                "voter_staging",
                STAGED_COLUMNS,
                file.rows(read_row),
                report=report,
                staged=partial(staging_row, correlation_id=correlation_id),
                on_problem=on_problem,
                on_progress=on_progress,
                bytes_read=file.bytes_read,
            )
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
        if on_progress:
            on_progress(file.bytes_read(), report.rows_read)
    log.info(
        "voter import finished",
        extra={**report.log_fields(), "correlation_id": str(correlation_id)},
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
            status_reason=record.status_reason,
            registrant=Registrant(
                name=PersonName(
                    first_name=record.first_name,
                    middle_name=record.middle_name,
                    last_name=record.last_name,
                    suffix=record.suffix,
                ),
                date_of_birth=record.date_of_birth,
                ssn=SsnReference(
                    blind_index=record.ssn_blind_index,
                    last4=record.ssn_last4,
                    near_indexes=sealed.near_indexes if sealed else (),
                ),
                residence_address=Address(
                    street=record.street, city=record.city, state=record.state, zip=record.zip
                ),
            ),
            party=record.party,
            registered_on=record.registered_on,
            precinct=record.precinct,
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
        record.status_reason.value if record.status_reason else None,
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
        list(sealed.near_indexes) if sealed else None,
        record.person_key,
        record.gender,
        record.street,
        record.city,
        record.state,
        record.zip,
        record.party,
        record.registered_on,
        record.precinct,
        event.id,
        event.model_dump_json(),
    )
