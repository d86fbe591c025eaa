"""How to write to each voter, kept from registration's voter events: the breach notice's event
names only the voter (1.10.35.11), so notifications keeps its own small projection rather than
read registration's tables (docs/adr/0020).

Only what a letter needs: name, mailing address, e-mail, county, language. A field an event
leaves out (a status change made without the letter fields) keeps what was known; the county
is always the event's, so a transfer moves the voter's notices to the new county's clerk.
"""

from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb

from vrs_contracts.counties import County
from vrs_contracts.envelope import CloudEvent
from vrs_contracts.events import VoterRecordUpdated, VoterRegistered, VoterStatusChanged
from vrs_contracts.people import Address, PersonName
from vrs_contracts.vocabulary import Language
from vrs_notifications.domain.letter import Recipient
from vrs_plumbing.db import Connection

UPSERT = """
INSERT INTO voter_contacts (voter_id, county, name, mailing_address, email, language,
    as_of_event_id)
VALUES (%(voter_id)s, %(county)s, %(name)s, %(mailing_address)s, %(email)s,
    COALESCE(%(language)s, 'en'), %(event_id)s)
ON CONFLICT (voter_id) DO UPDATE SET
    county = EXCLUDED.county,
    name = COALESCE(EXCLUDED.name, voter_contacts.name),
    mailing_address = COALESCE(EXCLUDED.mailing_address, voter_contacts.mailing_address),
    email = CASE WHEN %(replaces_contact)s THEN EXCLUDED.email
                 ELSE COALESCE(EXCLUDED.email, voter_contacts.email) END,
    language = COALESCE(%(language)s, voter_contacts.language),
    as_of_event_id = EXCLUDED.as_of_event_id,
    updated_at = now()
"""


async def _keep(
    conn: Connection,
    event_id: UUID,
    voter_id: UUID,
    county: County,
    *,
    name: PersonName | None,
    mailing_address: Address | None,
    email: str | None,
    language: Language | None,
    replaces_contact: bool,
) -> None:
    await conn.execute(
        UPSERT,
        {
            "voter_id": voter_id,
            "county": county,
            "name": Jsonb(name.model_dump(mode="json")) if name else None,
            "mailing_address": Jsonb(mailing_address.model_dump(mode="json"))
            if mailing_address
            else None,
            "email": email,
            "language": language,
            "event_id": event_id,
            "replaces_contact": replaces_contact,
        },
    )


async def on_voter_record_made(
    conn: Connection, event: CloudEvent[VoterRegistered] | CloudEvent[VoterRecordUpdated]
) -> None:
    """A new voter record (from an application or a county's file), or one a later certificate
    updated: its name and address (the mailing address, else the residence) and contact are the
    voter's own now; an e-mail it leaves out is no longer given."""
    data = event.data
    await _keep(
        conn,
        event.id,
        data.voter_id,
        data.county,
        name=data.registrant.name,
        mailing_address=data.mailing_address or data.registrant.residence_address,
        email=data.email,
        language=data.language,
        replaces_contact=True,
    )


async def on_voter_status_changed(conn: Connection, event: CloudEvent[VoterStatusChanged]) -> None:
    """A status change: the county, and whatever letter fields it carries."""
    data = event.data
    await _keep(
        conn,
        event.id,
        data.voter_id,
        data.county,
        name=data.name,
        mailing_address=data.mailing_address,
        email=data.email,
        language=data.language,
        replaces_contact=False,
    )


async def contact_of(conn: Connection, voter_id: UUID) -> tuple[County, Language, Recipient] | None:
    """The voter's county, language and how to write to them; None for a voter not known."""
    row: dict[str, Any] | None = await (
        await conn.execute("SELECT * FROM voter_contacts WHERE voter_id = %s", (voter_id,))
    ).fetchone()
    if row is None:
        return None
    return (
        County(row["county"]),
        Language(row["language"]),
        Recipient(
            name=PersonName.model_validate(row["name"]) if row["name"] else None,
            mailing_address=Address.model_validate(row["mailing_address"])
            if row["mailing_address"]
            else None,
            email=row["email"],
        ),
    )
