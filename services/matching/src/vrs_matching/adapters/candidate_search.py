"""The candidate search: which stored records are worth comparing with a person.

Three ways in, any one suffices, each served by an index of migration 0004:
- a shared blocking key (``vrs_matching.domain.blocking``: the same keys the sweep uses);
- a full name within trigram distance, born within a year (typos in the name);
- a surname that sounds the same (Double Metaphone of each surname), born on the same day or
  on the day with day and month swapped (names spelled by ear).
What comes back is only compared (``vrs_matching.domain.scoring``); nothing is decided here.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from psycopg import sql

from vrs_contracts.api.reviews import ReviewedRecord
from vrs_contracts.people import Address, PersonName
from vrs_matching.domain.blocking import blocking_keys
from vrs_matching.domain.identity import Identity
from vrs_plumbing.db import Connection

CANDIDATE_LIMIT = 500
NAME_SIMILARITY = "0.55"


@dataclass(frozen=True)
class SearchedRecords:
    """A table a person is looked up in, and which of its columns state each field."""

    table: str
    record_id: str
    county: str
    first_name: str = "first_name_norm"
    middle_name: str = "middle_name_norm"
    last_name: str = "last_name_norm"
    suffix: str = "suffix_norm"
    street: str = "''"
    zip5: str = "''"
    ssn_index: str = "ssn_index"
    ssn_last4: str = "ssn_last4"
    ssn_near: str = "ssn_near"
    date_of_birth: str = "date_of_birth"
    record: str = "NULL::jsonb"

    def identity_columns(self) -> sql.Composable:
        """The select list that reads one row as an :class:`Identity` (see :func:`identity_of_row`),
        with the record's id, county and, for a voter, the record as the clerk sees it."""
        columns = {
            "record_id": self.record_id,
            "county": self.county,
            "first_name": self.first_name,
            "middle_name": self.middle_name,
            "last_name": self.last_name,
            "suffix": self.suffix,
            "date_of_birth": self.date_of_birth,
            "ssn_index": self.ssn_index,
            "ssn_last4": self.ssn_last4,
            "ssn_near": self.ssn_near,
            "street": self.street,
            "zip5": self.zip5,
            "record": self.record,
        }
        return sql.SQL(", ").join(
            sql.SQL("{} AS {}").format(sql.SQL(expression), sql.Identifier(alias))
            for alias, expression in columns.items()
        )


VOTERS = SearchedRecords(
    table="voter_projection",
    record_id="voter_id::text",
    county="county",
    first_name="first_name",
    middle_name="middle_name",
    last_name="last_name",
    suffix="suffix",
    street="street",
    zip5="zip5",
    record="record",
)
NO_NEAR_INDEXES = "'{}'::text[]"
"""What a record without a full SSN states of near SSN indexes."""
DEATHS = SearchedRecords(
    table="death_records", record_id="record_id::text", county="NULLIF(county, '')"
)
FELONIES = SearchedRecords(table="felony_records", record_id="record_id::text", county="NULL")
OTHER_STATE = SearchedRecords(
    table="other_state_records",
    record_id="record_id::text",
    county="NULL",
    ssn_index="NULL",
    ssn_near=NO_NEAR_INDEXES,
)
NCOA = SearchedRecords(
    table="ncoa_records",
    record_id="record_id::text",
    county="NULL",
    middle_name="''",
    suffix="''",
    street="old_street_norm",
    zip5="old_zip5",
    ssn_index="NULL",
    ssn_last4="NULL",
    ssn_near=NO_NEAR_INDEXES,
    date_of_birth="NULL::date",
)
"""Other-state notices and NCOA records are only read (by list maintenance), never searched."""


def identity_of_row(row: dict[str, Any]) -> Identity:
    """A searched row, as the comparison reads it."""
    return Identity(
        first_name=row["first_name"],
        middle_name=row["middle_name"],
        last_name=row["last_name"],
        suffix=row["suffix"],
        date_of_birth=row["date_of_birth"],
        ssn_index=row["ssn_index"],
        ssn_last4=row["ssn_last4"],
        ssn_near=frozenset(row["ssn_near"]),
        street=row["street"],
        zip5=row["zip5"],
    )


def _swapped(day: date) -> date | None:
    """The date with day and month swapped, when that is a date and a different one."""
    if day.day > 12 or day.day == day.month:
        return None
    return date(day.year, day.day, day.month)


async def search(
    conn: Connection, records: SearchedRecords, who: Identity, *, exclude: str | None = None
) -> list[dict[str, Any]]:
    """The rows of ``records`` worth comparing with ``who`` (``exclude``: a record id to leave
    out, the person's own record when a stored record is looked up)."""
    dob = who.date_of_birth
    dobs = [d for d in (dob, _swapped(dob) if dob else None) if d is not None]
    sounds = await conn.execute(
        "SELECT ARRAY(SELECT dmetaphone(part) FROM unnest(%s::text[]) AS part) AS sounds",
        (who.last_name.split(),),
    )
    surname_sounds = (await sounds.fetchone() or {"sounds": []})["sounds"]
    # One branch per index, so that each is searched through its own (an OR of the three would
    # leave the planner a sequential scan).
    query = sql.SQL(
        """
        SELECT {columns} FROM {table}
        WHERE blocking_keys && %(keys)s AND {record_id} IS DISTINCT FROM %(exclude)s
        UNION
        SELECT {columns} FROM {table}
        WHERE {full_name} %% %(full_name)s
          AND date_of_birth BETWEEN %(born_after)s AND %(born_before)s
          AND {record_id} IS DISTINCT FROM %(exclude)s
        UNION
        SELECT {columns} FROM {table}
        WHERE dmetaphone({surname}) = ANY(%(surname_sounds)s)
          AND date_of_birth = ANY(%(dobs)s)
          AND {record_id} IS DISTINCT FROM %(exclude)s
        LIMIT %(limit)s
        """
    ).format(
        columns=records.identity_columns(),
        table=sql.Identifier(records.table),
        full_name=sql.SQL("({} || ' ' || {})").format(
            sql.SQL(records.last_name), sql.SQL(records.first_name)
        ),
        surname=sql.SQL(records.last_name),
        record_id=sql.SQL(records.record_id),
    )
    # The planner estimates an array overlap at 5% of the table whatever the statistics, and
    # then prefers reading the whole voter file to the blocking-key index; the search is an
    # index look-up by design, so sequential scans are off for this transaction.
    await conn.execute(
        "SELECT set_config('pg_trgm.similarity_threshold', %s, true),"
        " set_config('enable_seqscan', 'off', true)",
        (NAME_SIMILARITY,),
    )
    cursor = await conn.execute(
        query,
        {
            "keys": sorted(blocking_keys(who)),
            "full_name": f"{who.last_name} {who.first_name}",
            "born_after": dob - timedelta(days=366) if dob else None,
            "born_before": dob + timedelta(days=366) if dob else None,
            "surname_sounds": surname_sounds,
            "dobs": dobs,
            "exclude": exclude,
            "limit": CANDIDATE_LIMIT,
        },
    )
    return await cursor.fetchall()


def reviewed_record(row: dict[str, Any]) -> ReviewedRecord:
    """A searched row as the clerk sees it: a voter's record as written, else (a feed record,
    or a voter projected before the projection kept the record) its normalised columns."""
    if row["record"] is not None:
        return ReviewedRecord.model_validate(row["record"])
    return ReviewedRecord(
        name=PersonName(
            first_name=row["first_name"],
            middle_name=row["middle_name"] or None,
            last_name=row["last_name"],
            suffix=row["suffix"] or None,
        ),
        date_of_birth=row["date_of_birth"],
        ssn_last4=row["ssn_last4"],
        residence_address=Address(street=row["street"] or None, zip=row["zip5"] or None),
        county=row["county"],
    )
