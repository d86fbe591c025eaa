"""Matching's event handlers: keep the voter-file projection, look applicants up."""

import logging
from datetime import UTC, datetime
from typing import Any

from psycopg.types.json import Jsonb

from vrs_contracts.counties import County
from vrs_contracts.envelope import CloudEvent, envelope
from vrs_contracts.events import (
    ApplicationAccepted,
    MatchCompleted,
    VoterRecordUpdated,
    VoterRegistered,
    VoterStatusChanged,
)
from vrs_contracts.events.matching import MatchCandidate
from vrs_contracts.people import Registrant
from vrs_contracts.vocabulary import MatchKind, MatchStrength, ReviewSubject
from vrs_matching.adapters.candidate_search import (
    DEATHS,
    FELONIES,
    VOTERS,
    identity_of_row,
    reviewed_record,
    search,
)
from vrs_matching.domain.blocking import blocking_keys
from vrs_matching.domain.identity import Identity, normalise_name, normalise_street
from vrs_matching.domain.review import (
    Found,
    Settled,
    decide_application_match,
    field_evidence,
    record_of,
)
from vrs_matching.domain.scoring import (
    DEFAULT_THRESHOLDS,
    Comparison,
    Thresholds,
    compare,
    raise_as_duplicate,
    raise_for_maintenance,
)
from vrs_matching.service_layer.reviews import Trace, raise_reviews, settle_application
from vrs_plumbing.db import Connection
from vrs_plumbing.outbox import add_to_outbox

log = logging.getLogger(__name__)
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
        middle_name=normalise_name(registrant.name.middle_name),
        suffix=normalise_name(registrant.name.suffix),
        ssn_last4=registrant.ssn.last4,
        ssn_near=frozenset(registrant.ssn.near_indexes),
    )


def _stated_street(street: str | None) -> str:
    """The street as the comparison reads it; "confidential" (1.10.35.8 A(4)) states nothing,
    or every public official in one zip code would agree on an address."""
    normal = normalise_street(street)
    return "" if normal == "CONFIDENTIAL" else normal


async def project_voter(conn: Connection, event: CloudEvent[VoterRegistered]) -> None:
    """Keep matching's copy of the voter file (never the party: the matcher must not read it)."""
    voter = event.data
    columns = _projected_columns(voter.registrant, voter.county)
    await conn.execute(
        """
        INSERT INTO voter_projection (
            voter_id, county, status, first_name, last_name, middle_name, suffix, date_of_birth,
            ssn_index, ssn_last4, ssn_near, street, zip5, record, registered_on, source_id,
            blocking_keys
        ) VALUES (
            %(voter_id)s, %(county)s, %(status)s, %(first_name)s, %(last_name)s, %(middle_name)s,
            %(suffix)s, %(date_of_birth)s, %(ssn_index)s, %(ssn_last4)s, %(ssn_near)s, %(street)s,
            %(zip5)s, %(record)s, %(registered_on)s, %(source_id)s, %(blocking_keys)s
        )
        ON CONFLICT (voter_id) DO UPDATE SET
            county = EXCLUDED.county, status = EXCLUDED.status, first_name = EXCLUDED.first_name,
            last_name = EXCLUDED.last_name, middle_name = EXCLUDED.middle_name,
            suffix = EXCLUDED.suffix, date_of_birth = EXCLUDED.date_of_birth,
            ssn_index = EXCLUDED.ssn_index, ssn_last4 = EXCLUDED.ssn_last4,
            ssn_near = EXCLUDED.ssn_near, street = EXCLUDED.street, zip5 = EXCLUDED.zip5, record = EXCLUDED.record,
            registered_on = EXCLUDED.registered_on, source_id = EXCLUDED.source_id,
            blocking_keys = EXCLUDED.blocking_keys
        """,
        {
            **columns,
            "voter_id": voter.voter_id,
            "status": voter.status,
            "registered_on": voter.registered_on,
            "source_id": voter.source_id,
        },
    )


async def project_voter_update(conn: Connection, event: CloudEvent[VoterRecordUpdated]) -> None:
    """A later application updated (and perhaps transferred) a voter (1.10.35.8 A(1)): the
    projection follows, and the update counts as the voter's latest registration. An SSN the
    update does not state leaves the known one in place. An update without an application (the
    county's precinct assignment) is no new registration: the date stays."""
    update = event.data
    changed = await conn.execute(
        """
        UPDATE voter_projection SET
            county = %(county)s, first_name = %(first_name)s, last_name = %(last_name)s,
            middle_name = %(middle_name)s, suffix = %(suffix)s, date_of_birth = %(date_of_birth)s,
            ssn_index = COALESCE(%(ssn_index)s, ssn_index),
            ssn_last4 = COALESCE(%(ssn_last4)s, ssn_last4),
            ssn_near = CASE WHEN %(ssn_index)s::text IS NULL THEN ssn_near ELSE %(ssn_near)s END,
            street = %(street)s, zip5 = %(zip5)s, record = %(record)s,
            registered_on = COALESCE(%(registered_on)s, registered_on),
            blocking_keys = %(blocking_keys)s
        WHERE voter_id = %(voter_id)s
        """,
        {
            **_projected_columns(update.registrant, update.county),
            "voter_id": update.voter_id,
            "registered_on": update.updated_at.date() if update.application_id else None,
        },
    )
    if changed.rowcount == 0:
        raise LookupError(f"update of voter {update.voter_id}, never projected")


async def project_status_change(conn: Connection, event: CloudEvent[VoterStatusChanged]) -> None:
    """A voter's status changed; the projection keeps the new one."""
    change = event.data
    changed = await conn.execute(
        "UPDATE voter_projection SET status = %s WHERE voter_id = %s",
        (change.new_status, change.voter_id),
    )
    if changed.rowcount == 0:
        raise LookupError(f"status change of voter {change.voter_id}, never projected")


def _projected_columns(registrant: Registrant, county: County) -> dict[str, Any]:
    """The projection's columns for a voter's identity: normalised for comparison, and the
    record as the clerk sees it in a review."""
    who = identity_of(registrant)
    return {
        "county": county,
        "first_name": who.first_name,
        "last_name": who.last_name,
        "middle_name": normalise_name(registrant.name.middle_name),
        "suffix": normalise_name(registrant.name.suffix),
        "date_of_birth": who.date_of_birth,
        "ssn_index": who.ssn_index,
        "ssn_last4": registrant.ssn.last4,
        "ssn_near": sorted(who.ssn_near),
        "street": who.street,
        "zip5": who.zip5,
        "record": Jsonb(record_of(registrant, county).model_dump(mode="json")),
        "blocking_keys": sorted(blocking_keys(who)),
    }


async def match_application(
    conn: Connection,
    event: CloudEvent[ApplicationAccepted],
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> None:
    """Look an accepted applicant up in the voter file (duplicate search, 1.10.35.8 A(1)), and
    settle the outcome or raise the pairs a clerk must decide (``decide_application_match``).

    One transaction: the result, ``MatchCompleted``, and either ``ApplicationMatchSettled`` or a
    ``ReviewRaised`` per pair. An application already looked up is not looked up again.
    """
    application = event.data
    who = identity_of(application.registrant)
    found = sorted(
        await look_up(conn, who, application.county, thresholds),
        key=lambda f: (STRENGTH_ORDER[f.candidate.strength], -f.candidate.score),
    )
    candidates = [f.candidate for f in found]
    strength = candidates[0].strength if candidates else MatchStrength.none
    checked_at = datetime.now(UTC)
    inserted = await (
        await conn.execute(
            "INSERT INTO match_results (application_id, person_key, strength, candidates, checked_at)"
            " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (application_id) DO NOTHING"
            " RETURNING application_id",
            (
                application.application_id,
                application.person_key,
                strength,
                Jsonb([c.model_dump(mode="json") for c in candidates]),
                checked_at,
            ),
        )
    ).fetchone()
    if inserted is None:
        log.info(
            "application already looked up",
            extra={"application_id": str(application.application_id)},
        )
        return
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
    trace = Trace(correlation_id=event.correlation_id, causation_id=event.id)
    decided = decide_application_match(found, application.county)
    if isinstance(decided, Settled):
        await settle_application(
            conn,
            application.application_id,
            decided,
            person_key=application.person_key,
            review_ids=[],
            trace=trace,
        )
        return
    await raise_reviews(
        conn,
        subject=ReviewSubject.application,
        subject_id=application.application_id,
        county=application.county,
        subject_record=record_of(application.registrant, application.county),
        found=decided.found,
        key=application.person_key,
        trace=trace,
    )


async def look_up(
    conn: Connection, who: Identity, county: County, thresholds: Thresholds
) -> list[Found]:
    """Every record an applicant of ``county`` must be checked against before acceptance: the
    voter file (duplicate search, 1.10.35.8 A(1): strong pairs and likely duplicates) and the
    death and felony-incarceration records (A(3): every pair a clerk shall investigate)."""
    found = [
        candidate_found(
            who,
            row,
            MatchKind.duplicate_same_county
            if row["county"] == county
            else MatchKind.duplicate_other_county,
            raise_as_duplicate(comparison, thresholds),
            comparison,
        )
        for row in await search(conn, VOTERS, who)
        for comparison in (compare(who, identity_of_row(row), thresholds),)
    ]
    for records, kind in ((DEATHS, MatchKind.deceased), (FELONIES, MatchKind.felony_incarceration)):
        found.extend(
            candidate_found(
                who, row, kind, raise_for_maintenance(comparison, thresholds), comparison
            )
            for row in await search(conn, records, who)
            for comparison in (compare(who, identity_of_row(row), thresholds),)
        )
    return [f for f in found if f is not None]


def candidate_found(
    who: Identity, row: dict[str, Any], kind: MatchKind, raised: bool, comparison: Comparison
) -> Found | None:
    """A searched record as a candidate for ``who``, or None when the rule does not raise it:
    its strength and score, the evidence per field and the scorer's explanation, and the
    record the clerk would see."""
    if not raised:
        return None
    candidate = MatchCandidate(
        kind=kind,
        strength=comparison.strength,
        score=comparison.score,
        record_id=row["record_id"],
        agreeing_fields=sorted(comparison.agreeing_fields),
    )
    return Found(
        candidate,
        field_evidence(who, identity_of_row(row)),
        reviewed_record(row),
        explanation=comparison.evidence,
        contrary=comparison.contrary,
    )
