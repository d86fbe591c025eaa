"""1.10.35.8 A(2): when the MVD cannot verify a paper form that gives only a licence number or the
last four SSN digits, the voter is sent (e-mail and mail, within five days — notifications)
directions to give the full SSN through a secure one-time link; this module issues the link and
takes the SSN through it, into the vault and nowhere else.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from vrs_contracts.api.registration import ApplicationAnswer
from vrs_contracts.envelope import envelope
from vrs_contracts.events import FullSsnRequested
from vrs_contracts.vocabulary import Decision, Language, StatusReason
from vrs_plumbing.db import Connection
from vrs_plumbing.errors import ApiError, FieldProblem
from vrs_plumbing.outbox import add_to_outbox
from vrs_registration.adapters.vault import SsnVault
from vrs_registration.domain.rules import NEW_MEXICO, age_on, invalid_ssn_series
from vrs_registration.service_layer.announcements import (
    announce_decision,
    recipient_address,
    recipient_name,
)
from vrs_registration.service_layer.records import answer_of

SOURCE = "/vrs/registration"
LINK_VALID_FOR = timedelta(days=30)
MAX_FAILED_TRIES = 5
INVALID_LINK = "this link is not valid, has expired, or was already used; contact your county clerk"


def token_hash(token: str) -> str:
    """The stored form of a link's token (the token has 256 random bits: a plain hash suffices)."""
    return hashlib.sha256(token.encode()).hexdigest()


async def request_full_ssn(
    conn: Connection,
    application: dict[str, Any],
    *,
    correlation_id: UUID,
    causation_id: UUID | None,
) -> None:
    """Issue the one-time link for a stored application and announce it, for notifications."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    await conn.execute(
        "INSERT INTO full_ssn_requests (application_id, token_hash, requested_at, expires_at)"
        " VALUES (%s, %s, %s, %s)",
        (application["application_id"], token_hash(token), now, now + LINK_VALID_FOR),
    )
    requested = FullSsnRequested(
        application_id=application["application_id"],
        county=application["county"],
        requested_at=now,
        secure_link=f"/ssn?token={token}",
        link_expires_at=now + LINK_VALID_FOR,
        language=Language(application["details"].get("language") or "en"),
        name=recipient_name(application),
        mailing_address=recipient_address(application),
        email=application["details"].get("email"),
    )
    await add_to_outbox(
        conn,
        envelope(
            requested,
            source=SOURCE,
            correlation_id=correlation_id,
            causation_id=causation_id,
            subject=f"application/{application['application_id']}",
        ),
        key=application["person_key"],
    )


@dataclass(frozen=True)
class FullSsnOutcome:
    """The application's answer, or why the SSN was refused (the refusal is counted, so the
    caller commits before it answers 422)."""

    answer: ApplicationAnswer | None = None
    refusal: str | None = None


async def accept_full_ssn(
    conn: Connection, *, token: str, ssn: str, vault: SsnVault, correlation_id: UUID
) -> FullSsnOutcome:
    """Take the full SSN given through a link: vault it, and send the application on to matching.

    The number must be of a valid series (C(6)) and agree with the last four the form gave; a
    link that was wrongly answered five times is locked, and the clerk takes over. An unusable
    link raises 422 at once.
    """
    request = await (
        await conn.execute(
            "SELECT * FROM full_ssn_requests WHERE token_hash = %s FOR UPDATE", (token_hash(token),)
        )
    ).fetchone()
    now = datetime.now(UTC)
    if (
        request is None
        or request["answered_at"] is not None
        or request["expires_at"] < now
        or request["failed_tries"] >= MAX_FAILED_TRIES
    ):
        raise ApiError(422, INVALID_LINK, [FieldProblem("token", "not usable")])
    application = await (
        await conn.execute(
            "SELECT * FROM applications WHERE application_id = %s FOR UPDATE",
            (request["application_id"],),
        )
    ).fetchone()
    assert application is not None
    problem = _problem_with(ssn, application)
    if problem is not None:
        await conn.execute(
            "UPDATE full_ssn_requests SET failed_tries = failed_tries + 1 WHERE application_id = %s",
            (application["application_id"],),
        )
        return FullSsnOutcome(refusal=problem)
    sealed = await vault.store(conn, ssn)
    under_age = age_on(application["date_of_birth"], now.astimezone(NEW_MEXICO).date()) < 18
    decision, reason = (
        (Decision.suspense, StatusReason.under_age) if under_age else (Decision.accepted, None)
    )
    updated = await (
        await conn.execute(
            "UPDATE applications SET ssn_blind_index = %s, ssn_last4 = %s, person_key = %s, decision = %s,"
            " status_reason = %s, state = 'awaiting_match', decided_at = %s WHERE application_id = %s RETURNING *",
            (
                sealed.blind_index,
                sealed.last4,
                sealed.blind_index,
                decision,
                reason,
                now,
                application["application_id"],
            ),
        )
    ).fetchone()
    assert updated is not None
    await conn.execute(
        "UPDATE full_ssn_requests SET answered_at = %s WHERE application_id = %s",
        (now, application["application_id"]),
    )
    await announce_decision(conn, updated, correlation_id=correlation_id, causation_id=None)
    return FullSsnOutcome(answer=answer_of(updated))


def _problem_with(ssn: str, application: dict[str, Any]) -> str | None:
    if invalid_ssn_series(ssn):
        return "not a valid SSN series (1.10.35.8 C(6))"
    if application["ssn_last4"] and ssn[-4:] != application["ssn_last4"].strip():
        return "does not agree with the last four digits on the form"
    return None
