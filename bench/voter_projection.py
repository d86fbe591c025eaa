"""The synthetic voter file as matching's voter-file projection, for the benchmarks that run
against PostgreSQL (bench/intake_matching.py, bench/sweep_db.py).

``load_voters`` COPYs the records into ``voter_projection`` with their near SSN indexes and
blocking keys, as the projection holds them after the registration events: every voter
``active``, in its county.
"""

from datetime import date
from uuid import uuid4

from synthetic_voters import VoterRecord

from vrs_contracts.counties import County
from vrs_matching.domain.blocking import blocking_keys
from vrs_matching.domain.identity import Identity
from vrs_plumbing.db import Connection

PROJECTED = (
    "voter_id", "county", "status", "first_name", "last_name", "middle_name", "suffix",
    "date_of_birth", "ssn_index", "ssn_last4", "ssn_near", "street", "zip5", "source_id",
    "registered_on", "blocking_keys",
)  # fmt: skip


def county_of(record: VoterRecord) -> County:
    """The record's county, or Bernalillo for a county name the vocabulary does not know."""
    try:
        return County(record.county)
    except ValueError:
        return County.bernalillo


async def load_voters(
    conn: Connection, people: list[tuple[VoterRecord, Identity]], voter_ids: dict[str, str]
) -> None:
    """COPY the projected voters, blocking keys and all; ``voter_ids`` gets each one's id."""
    columns = ", ".join(PROJECTED)
    copying = f"COPY voter_projection ({columns}) FROM STDIN"
    async with conn.cursor() as cursor, cursor.copy(copying) as copy:
        for record, who in people:
            voter_ids[record.source_id] = str(uuid4())
            await copy.write_row(
                (
                    voter_ids[record.source_id],
                    county_of(record).value,
                    "active",
                    who.first_name,
                    who.last_name,
                    who.middle_name,
                    who.suffix,
                    who.date_of_birth,
                    who.ssn_index,
                    who.ssn_last4,
                    sorted(who.ssn_near),
                    who.street,
                    who.zip5,
                    record.source_id,
                    date(2016, 3, 1),
                    sorted(blocking_keys(who)),
                )
            )
    await conn.execute("ANALYZE voter_projection")
