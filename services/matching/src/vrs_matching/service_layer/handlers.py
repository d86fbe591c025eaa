"""Matching's event handlers: keep the voter-file projection, look applicants up."""

from datetime import UTC, datetime
from typing import Any

from psycopg.types.json import Jsonb

from vrs_contracts.envelope import CloudEvent, envelope
from vrs_contracts.events import ApplicationAccepted, MatchCompleted, VoterRegistered
from vrs_contracts.events.matching import MatchCandidate
from vrs_contracts.people import Registrant
from vrs_contracts.vocabulary import MatchKind, MatchStrength
from vrs_matching.domain.identity import (
    Identity,
    agreeing_fields,
    match_strength,
    normalise_name,
    normalise_street,
)
from vrs_plumbing.db import Connection
from vrs_plumbing.outbox import add_to_outbox

SOURCE = "/vrs/matching"
STRENGTH_ORDER = {MatchStrength.strong: 0, MatchStrength.weak: 1, MatchStrength.none: 2}


def identity_of(registrant: Registrant) -> Identity:
    """The normalised identity of a registrant as an event states it."""
    address = registrant.residence_address
    return Identity(
        first_name=normalise_name(registrant.name.first_name),
        last_name=normalise_name(registrant.name.last_name),
        date_of_birth=registrant.date_of_birth,
        ssn_index=registrant.ssn.blind_index,
        street=_stated_street(address.street),
        zip5=(address.zip or "")[:5],
    )


def _stated_street(street: str | None) -> str:
    """The street as the comparison reads it; "confidential" (1.10.35.8 A(4)) states nothing,
    or every public official in one zip code would agree on an address."""
    normal = normalise_street(street)
    return "" if normal == "CONFIDENTIAL" else normal


async def project_voter(conn: Connection, event: CloudEvent[VoterRegistered]) -> None:
    """Keep matching's copy of the voter file (never the party: the matcher must not read it)."""
    voter = event.data
    who = identity_of(voter.registrant)
    await conn.execute(
        """
        INSERT INTO voter_projection (
            voter_id, county, status, first_name, last_name, middle_name, suffix, date_of_birth,
            ssn_index, ssn_last4, street, zip5
        ) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
        ON CONFLICT (voter_id) DO UPDATE SET
            county = EXCLUDED.county, status = EXCLUDED.status, first_name = EXCLUDED.first_name,
            last_name = EXCLUDED.last_name, middle_name = EXCLUDED.middle_name,
            suffix = EXCLUDED.suffix, date_of_birth = EXCLUDED.date_of_birth,
            ssn_index = EXCLUDED.ssn_index, ssn_last4 = EXCLUDED.ssn_last4,
            street = EXCLUDED.street, zip5 = EXCLUDED.zip5
        """,
        (
            voter.voter_id,
            voter.county,
            voter.status,
            who.first_name,
            who.last_name,
            normalise_name(voter.registrant.name.middle_name),
            normalise_name(voter.registrant.name.suffix),
            who.date_of_birth,
            who.ssn_index,
            voter.registrant.ssn.last4,
            who.street,
            who.zip5,
        ),
    )


async def match_application(conn: Connection, event: CloudEvent[ApplicationAccepted]) -> None:
    """Look an accepted applicant up in the voter file (duplicate search, 1.10.35.8 A(1))."""
    application = event.data
    who = identity_of(application.registrant)
    rows = await (
        await conn.execute(
            """
            SELECT voter_id, county, first_name, last_name, date_of_birth, ssn_index, street, zip5
            FROM voter_projection
            WHERE (ssn_index IS NOT NULL AND ssn_index = %(ssn)s)
               OR (date_of_birth = %(dob)s AND last_name = %(last)s)
               OR (last_name = %(last)s AND first_name = %(first)s)
               OR (street <> '' AND street = %(street)s AND zip5 = %(zip)s)
            LIMIT 200
            """,
            {
                "ssn": who.ssn_index,
                "dob": who.date_of_birth,
                "last": who.last_name,
                "first": who.first_name,
                "street": who.street,
                "zip": who.zip5,
            },
        )
    ).fetchall()
    candidates = sorted(
        (c for c in (_candidate(who, row, application.county) for row in rows) if c is not None),
        key=lambda c: (STRENGTH_ORDER[c.strength], -c.score),
    )
    strength = candidates[0].strength if candidates else MatchStrength.none
    checked_at = datetime.now(UTC)
    await conn.execute(
        "INSERT INTO match_results (application_id, person_key, strength, candidates, checked_at)"
        " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (application_id) DO NOTHING",
        (
            application.application_id,
            application.person_key,
            strength,
            Jsonb([c.model_dump(mode="json") for c in candidates]),
            checked_at,
        ),
    )
    result = MatchCompleted(
        application_id=application.application_id,
        person_key=application.person_key,
        strength=strength,
        candidates=candidates,
        checked_at=checked_at,
    )
    await add_to_outbox(
        conn,
        envelope(
            result,
            source=SOURCE,
            correlation_id=event.correlation_id,
            causation_id=event.id,
            subject=f"application/{application.application_id}",
        ),
        key=application.person_key,
    )


def _candidate(who: Identity, row: dict[str, Any], county: str) -> MatchCandidate | None:
    other = Identity(
        first_name=row["first_name"],
        last_name=row["last_name"],
        date_of_birth=row["date_of_birth"],
        ssn_index=row["ssn_index"],
        street=row["street"],
        zip5=row["zip5"],
    )
    agree = agreeing_fields(who, other)
    strength = match_strength(agree)
    if strength is MatchStrength.none:
        return None
    kind = (
        MatchKind.duplicate_same_county
        if row["county"] == county
        else MatchKind.duplicate_other_county
    )
    return MatchCandidate(
        kind=kind,
        strength=strength,
        score=round(len(agree) / 4, 3),
        record_id=str(row["voter_id"]),
        agreeing_fields=sorted(agree),
    )
