"""The events that announce an application's decision, built from the stored application.

One builder for every path that decides: intake at once, the full SSN given later (A(2)), a
proofread entry released (A(5)). Built from the row, so what is announced is what was kept.
"""

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from vrs_contracts.envelope import envelope
from vrs_contracts.events import ApplicationAccepted, ApplicationRejected
from vrs_contracts.people import Address, PersonName
from vrs_contracts.vocabulary import Decision, Language, RejectionReason, StatusReason
from vrs_plumbing.db import Connection
from vrs_plumbing.outbox import add_to_outbox
from vrs_registration.service_layer.records import registrant_of

SOURCE = "/vrs/registration"


def recipient_name(application: Mapping[str, Any]) -> PersonName | None:
    """The applicant's name for a letter, when the form gave one."""
    if not application["first_name"] or not application["last_name"]:
        return None
    return PersonName(
        first_name=application["first_name"],
        middle_name=application["middle_name"],
        last_name=application["last_name"],
        suffix=application["suffix"],
    )


def recipient_address(application: Mapping[str, Any]) -> Address | None:
    """Where a letter goes: the mailing address, else the residence (1.10.35.7 Q)."""
    address = application["mailing_address"] or application["residence_address"]
    return None if address is None else Address.model_validate(address)


def voter_recipient(voter: Mapping[str, Any]) -> dict[str, Any]:
    """The optional fields a voter event carries for notifications' letter (name, mailing
    address, e-mail, language), from a whole voters row; none from a row of a few columns."""
    if "first_name" not in voter:
        return {}
    return {
        "name": recipient_name(voter),
        "mailing_address": recipient_address(voter),
        "email": voter["email"],
        "language": Language(voter["language"] or "en"),
    }


def voter_letter_fields(voter: Mapping[str, Any]) -> dict[str, Any]:
    """A voter's letter fields, less the name: a voter event's registrant already carries it."""
    return {k: v for k, v in voter_recipient(voter).items() if k != "name"}


async def decided_event(
    conn: Connection, application: dict[str, Any]
) -> ApplicationAccepted | ApplicationRejected:
    """The accepted or rejected event of a decided application row."""
    details = application["details"]
    if application["decision"] == Decision.rejected:
        return ApplicationRejected(
            application_id=application["application_id"],
            channel=application["channel"],
            county=application["county"],
            rejection_reasons=[RejectionReason(r) for r in application["rejection_reasons"]],
            rejected_at=application["decided_at"],
            language=Language(details.get("language") or "en"),
            name=recipient_name(application),
            mailing_address=recipient_address(application),
            email=details.get("email"),
        )
    return ApplicationAccepted(
        application_id=application["application_id"],
        channel=application["channel"],
        county=application["county"],
        decision=Decision(application["decision"]),
        status_reason=StatusReason(application["status_reason"])
        if application["status_reason"]
        else None,
        person_key=application["person_key"],
        registrant=await registrant_of(conn, application),
    )


async def announce_decision(
    conn: Connection,
    application: dict[str, Any],
    *,
    correlation_id: UUID,
    causation_id: UUID | None,
) -> None:
    """Put the decision's event in the outbox, keyed by the applicant's person key."""
    await add_to_outbox(
        conn,
        envelope(
            await decided_event(conn, application),
            source=SOURCE,
            correlation_id=correlation_id,
            causation_id=causation_id,
            subject=f"application/{application['application_id']}",
        ),
        key=application["person_key"],
    )
