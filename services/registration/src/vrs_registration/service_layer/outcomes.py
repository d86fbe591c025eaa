"""Applying matching's answer to an accepted application (1.10.35.8 A(1), A(3), C(4), C(5)).

Matching first reports the lookup (``MatchCompleted``), then, on the same partition, what is
settled (``ApplicationMatchSettled``): at once for no match or one strong duplicate, after the
clerk's investigation otherwise. Nothing is done to a voter on a weak match alone (1.10.35.7 SS).
"""

import logging
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from vrs_contracts.envelope import CloudEvent, envelope
from vrs_contracts.events import (
    ApplicationMatchSettled,
    MatchCompleted,
    VoterRecordUpdated,
    VoterRegistered,
)
from vrs_contracts.people import Address
from vrs_contracts.vocabulary import (
    ApplicationOutcome,
    RejectionReason,
    StatusReason,
    VoterStatus,
)
from vrs_plumbing.db import Connection
from vrs_plumbing.outbox import add_to_outbox
from vrs_registration.domain.precincts import precinct_after_update
from vrs_registration.service_layer.announcements import announce_decision, voter_letter_fields
from vrs_registration.service_layer.documents import attach_application_documents
from vrs_registration.service_layer.records import registrant_of
from vrs_registration.service_layer.status import StatusChange, change_status, record_history

log = logging.getLogger(__name__)
SOURCE = "/vrs/registration"
ACTOR = "system:registration"
AWAITING_OUTCOME = ("awaiting_match", "awaiting_review")


async def apply_match_completed(conn: Connection, event: CloudEvent[MatchCompleted]) -> None:
    """Record the wait: an application with candidates awaits matching's settlement (a clerk's
    review, or for one strong duplicate the settlement that follows at once). An application
    without any is settled by the ``ApplicationMatchSettled`` right behind this event."""
    result = event.data
    if not result.candidates:
        return
    await conn.execute(
        "UPDATE applications SET state = 'awaiting_review'"
        " WHERE application_id = %s AND state = 'awaiting_match'",
        (result.application_id,),
    )


async def apply_match_settled(conn: Connection, event: CloudEvent[ApplicationMatchSettled]) -> None:
    """Apply what matching settled about an application, once.

    - new_registrant: a new voter, active or in suspense with its reason (1.10.35.8 A(1));
    - existing_voter: that voter updated from the application, transferred when its county is
      another (A(1));
    - deceased: the application rejected, reason deceased (C(5)); notifications refers it to
      the election prosecutor;
    - felony_incarceration: a voter not eligible, reason felony incarceration (C(4)).
    """
    settled = event.data
    application = await (
        await conn.execute(
            "SELECT * FROM applications WHERE application_id = %s FOR UPDATE",
            (settled.application_id,),
        )
    ).fetchone()
    if application is None:
        raise LookupError(f"match settled for unknown application {settled.application_id}")
    if application["state"] not in AWAITING_OUTCOME:
        log.info(
            "match settled for an application already settled",
            extra={"application_id": str(settled.application_id)},
        )
        return
    if settled.outcome is ApplicationOutcome.new_registrant:
        status, reason = _status_applied_for(application)
        await _register_new_voter(conn, application, event, status, reason)
    elif settled.outcome is ApplicationOutcome.felony_incarceration:
        await _register_new_voter(
            conn, application, event, VoterStatus.not_eligible, StatusReason.felony_incarceration
        )
    elif settled.outcome is ApplicationOutcome.existing_voter:
        await _update_existing_voter(conn, application, event)
    else:
        await _reject_as_deceased(conn, application, event)


def _status_applied_for(application: dict[str, Any]) -> tuple[VoterStatus, StatusReason | None]:
    """Active, or suspense with its reason when intake accepted the application into suspense."""
    if application["decision"] == "suspense":
        return VoterStatus.suspense, StatusReason(application["status_reason"])
    return VoterStatus.active, None


async def _register_new_voter(
    conn: Connection,
    application: dict[str, Any],
    cause: CloudEvent[ApplicationMatchSettled],
    status: VoterStatus,
    reason: StatusReason | None,
) -> None:
    voter_id = uuid4()
    registered_on = datetime.now(UTC).date()
    voter = await (
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
        RETURNING *
        """,
            (voter_id, status, reason, registered_on, application["application_id"]),
        )
    ).fetchone()
    assert voter is not None
    await conn.execute(
        "INSERT INTO voter_status_history (voter_id, old_status, new_status, status_reason, clause, actor, cause_event_id)"
        " VALUES (%s, NULL, %s, %s, %s, %s, %s)",
        (voter_id, status, reason, cause.data.clause, ACTOR, cause.id),
    )
    await attach_application_documents(conn, application, voter_id)  # A(6), D(9), E(2)
    await _registered_to(conn, application, voter_id)
    registered = VoterRegistered(
        voter_id=voter_id,
        application_id=application["application_id"],
        county=application["county"],
        status=status,
        status_reason=reason,
        registrant=await registrant_of(conn, application),
        party=application["party"],
        registered_on=registered_on,
        confidential_address=voter["confidential_address"],
        precinct=voter["precinct"],
        **voter_letter_fields(voter),
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


async def _update_existing_voter(
    conn: Connection, application: dict[str, Any], cause: CloudEvent[ApplicationMatchSettled]
) -> None:
    """1.10.35.8 A(1): the voter is updated from the new certificate, and transferred when it
    comes from another county. Names, addresses, contact, party and documents follow the
    certificate; the full SSN too when the record had only its last four (A(4)). The voter is
    active again, or in suspense with the application's reason. A move to another residence or
    county leaves the voter without a precinct until the county assigns one (1.10.35.9 C)."""
    voter_id = cause.data.voter_id
    assert voter_id is not None  # the contract names the voter of an existing_voter outcome
    before = await (
        await conn.execute("SELECT * FROM voters WHERE voter_id = %s FOR UPDATE", (voter_id,))
    ).fetchone()
    if before is None:
        raise LookupError(f"match settled on unknown voter {voter_id}")
    now = datetime.now(UTC)
    precinct = precinct_after_update(
        before["precinct"],
        county_changed=before["county"] != application["county"],
        residence_changed=Address.model_validate(before["residence_address"])
        != Address.model_validate(application["residence_address"] or {}),
    )
    voter = await (
        await conn.execute(
            """
            UPDATE voters v SET
                county = a.county, first_name = a.first_name, middle_name = a.middle_name,
                last_name = a.last_name, suffix = a.suffix, gender = a.gender,
                residence_address = a.residence_address, mailing_address = a.mailing_address,
                party = a.party, email = a.details->>'email', phone = a.details->>'phone',
                language = a.details->>'language',
                confidential_address = COALESCE((a.details->>'confidential_address')::boolean, false),
                ssn_last4 = CASE WHEN v.ssn_blind_index IS NULL AND a.ssn_blind_index IS NOT NULL
                                 THEN a.ssn_last4 ELSE v.ssn_last4 END,
                ssn_blind_index = COALESCE(v.ssn_blind_index, a.ssn_blind_index),
                precinct = %s, updated_at = %s
            FROM applications a
            WHERE a.application_id = %s AND v.voter_id = %s
            RETURNING v.*
            """,
            (precinct, now, application["application_id"], voter_id),
        )
    ).fetchone()
    assert voter is not None
    status, reason = _status_applied_for(application)
    change = StatusChange(
        old_status=VoterStatus(before["status"]),
        new_status=status,
        status_reason=reason,
        clause=cause.data.clause,
        actor=ACTOR,
    )
    if (before["status"], before["status_reason"]) != (status, reason):
        await change_status(
            conn, voter, change, now=now, cause=cause.id, correlation_id=cause.correlation_id
        )
    else:
        await record_history(conn, voter_id, change, now=now, cause=cause.id)
    await attach_application_documents(conn, application, voter_id)  # A(6): images stay with it
    await _registered_to(conn, application, voter_id)
    updated = VoterRecordUpdated(
        voter_id=voter_id,
        county=voter["county"],
        transferred_from=before["county"] if before["county"] != voter["county"] else None,
        application_id=application["application_id"],
        registrant=await registrant_of(conn, voter),
        updated_at=now,
        party=voter["party"],
        confidential_address=voter["confidential_address"],
        precinct=voter["precinct"],
        **voter_letter_fields(voter),
    )
    await add_to_outbox(
        conn,
        envelope(
            updated,
            source=SOURCE,
            correlation_id=cause.correlation_id,
            causation_id=cause.id,
            subject=f"voter/{voter_id}",
        ),
        key=voter["person_key"],
    )


async def _reject_as_deceased(
    conn: Connection, application: dict[str, Any], cause: CloudEvent[ApplicationMatchSettled]
) -> None:
    """1.10.35.8 C(5): a positive match with a death record rejects the application."""
    rejected = await (
        await conn.execute(
            "UPDATE applications SET decision = 'rejected', status_reason = NULL,"
            " rejection_reasons = %s, state = 'rejected', decided_at = %s"
            " WHERE application_id = %s RETURNING *",
            ([str(RejectionReason.deceased)], datetime.now(UTC), application["application_id"]),
        )
    ).fetchone()
    assert rejected is not None
    await announce_decision(
        conn, rejected, correlation_id=cause.correlation_id, causation_id=cause.id
    )


async def _registered_to(conn: Connection, application: dict[str, Any], voter_id: UUID) -> None:
    await conn.execute(
        "UPDATE applications SET state = 'registered', voter_id = %s WHERE application_id = %s",
        (voter_id, application["application_id"]),
    )
