"""Applying matching's answer to an accepted application (1.10.35.8 A(1), A(3))."""

import logging
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from vrs_contracts.envelope import CloudEvent, envelope
from vrs_contracts.events import MatchCompleted, VoterRegistered
from vrs_contracts.vocabulary import MatchStrength, StatusReason, VoterStatus
from vrs_plumbing.db import Connection
from vrs_plumbing.outbox import add_to_outbox
from vrs_registration.service_layer.documents import attach_application_documents
from vrs_registration.service_layer.records import registrant_of

log = logging.getLogger(__name__)
SOURCE = "/vrs/registration"
ACTOR = "system:registration"


async def apply_match_completed(conn: Connection, event: CloudEvent[MatchCompleted]) -> None:
    """Create the voter of a new registrant; hold any other outcome for a clerk.

    No match: the applicant is a new registrant and becomes a voter (active, or in suspense
    with its reason). Any candidate: the application waits in ``awaiting_review``; acting on a
    match (update, transfer, death, felony) is the matching issue's work, and nothing is ever
    done to a voter on a weak match alone (1.10.35.7 SS, 1.10.35.9 D, E).
    """
    result = event.data
    application = await (
        await conn.execute(
            "SELECT * FROM applications WHERE application_id = %s FOR UPDATE",
            (result.application_id,),
        )
    ).fetchone()
    if application is None:
        raise LookupError(f"match result for unknown application {result.application_id}")
    if application["state"] != "awaiting_match":
        log.info(
            "match result for an application already settled",
            extra={"application_id": str(result.application_id)},
        )
        return
    if result.strength is not MatchStrength.none:
        await conn.execute(
            "UPDATE applications SET state = 'awaiting_review' WHERE application_id = %s",
            (result.application_id,),
        )
        return
    await _register_new_voter(conn, application, event)


async def _register_new_voter(
    conn: Connection, application: dict[str, Any], cause: CloudEvent[MatchCompleted]
) -> None:
    voter_id = uuid4()
    reason = StatusReason(application["status_reason"]) if application["status_reason"] else None
    status = VoterStatus.suspense if application["decision"] == "suspense" else VoterStatus.active
    registered_on = datetime.now(UTC).date()
    await conn.execute(
        """
        INSERT INTO voters (
            voter_id, county, status, status_reason, first_name, middle_name, last_name, suffix,
            date_of_birth, ssn_blind_index, ssn_last4, person_key, gender, residence_address,
            mailing_address, party, email, phone, language, registered_on, source_application_id,
            confidential_address
        )
        SELECT %s, county, %s, %s, first_name, middle_name, last_name, suffix, date_of_birth,
               ssn_blind_index, ssn_last4, person_key, gender, residence_address, mailing_address,
               party, details->>'email', details->>'phone', details->>'language', %s, application_id,
               COALESCE((details->>'confidential_address')::boolean, false)
        FROM applications WHERE application_id = %s
        """,
        (voter_id, status, reason, registered_on, application["application_id"]),
    )
    await conn.execute(
        "INSERT INTO voter_status_history (voter_id, old_status, new_status, status_reason, clause, actor, cause_event_id)"
        " VALUES (%s, NULL, %s, %s, %s, %s, %s)",
        (voter_id, status, reason, "1.10.35.8 A(1)", ACTOR, cause.id),
    )
    await attach_application_documents(conn, application, voter_id)  # A(6), D(9), E(2)
    await conn.execute(
        "UPDATE applications SET state = 'registered', voter_id = %s WHERE application_id = %s",
        (voter_id, application["application_id"]),
    )
    registered = VoterRegistered(
        voter_id=voter_id,
        application_id=application["application_id"],
        county=application["county"],
        status=status,
        status_reason=reason,
        registrant=registrant_of(application),
        party=application["party"],
        registered_on=registered_on,
    )
    await add_to_outbox(
        conn,
        envelope(
            registered,
            source=SOURCE,
            correlation_id=cause.correlation_id,
            causation_id=cause.id,
            subject=f"voter/{voter_id}",
        ),
        key=application["person_key"],
    )
