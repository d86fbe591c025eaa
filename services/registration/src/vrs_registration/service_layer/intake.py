"""Receiving an application: decide, keep, announce — one transaction, answered at once."""

import hashlib
import hmac
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from psycopg.types.json import Jsonb

from vrs_contracts.api.matching import MvdRecordAnswer
from vrs_contracts.api.registration import ApplicationAnswer, ApplicationForm
from vrs_contracts.envelope import envelope
from vrs_contracts.events import ApplicationSubmitted
from vrs_contracts.people import SsnReference
from vrs_contracts.vocabulary import Channel, Decision, Role
from vrs_plumbing.auth import Principal
from vrs_plumbing.blind_index import name_dob_blind_index
from vrs_plumbing.db import Connection
from vrs_plumbing.errors import ApiError, FieldProblem
from vrs_plumbing.outbox import add_to_outbox
from vrs_registration.adapters.vault import SsnVault
from vrs_registration.domain.decision import IntakeDecision, decide
from vrs_registration.domain.rules import (
    NEW_MEXICO,
    confidential_residence,
    online_party_is_qualified,
    party_of_record,
)
from vrs_registration.service_layer.announcements import announce_decision
from vrs_registration.service_layer.full_ssn import request_full_ssn
from vrs_registration.service_layer.identity import bind_identity_check
from vrs_registration.service_layer.records import (
    answer_of,
    at_listed_commercial_mailbox,
    proofreading_required,
    qualified_parties,
)

SOURCE = "/vrs/registration"
PROOFREAD_CHANNELS = frozenset({Channel.paper, Channel.agency})
CLERK_ROLES = frozenset({Role.county_clerk, Role.county_supervisor, Role.sos_admin})


def state_after_intake(decided: IntakeDecision) -> str:
    """Where an application stands once intake has decided it."""
    if decided.decision is Decision.rejected:
        return "rejected"
    if decided.awaits_full_ssn:
        return "awaiting_full_ssn"
    return "awaiting_match"


def request_fingerprint(index_key: bytes, form: ApplicationForm) -> str:
    """A keyed hash of the submitted form, to tell a retry from a reuse of the same key.

    Keyed, because the form holds the SSN and an unkeyed hash of it could be reversed by trying
    every possible number.
    """
    return hmac.new(index_key, form.model_dump_json().encode(), hashlib.sha256).hexdigest()


async def submit_application(
    conn: Connection,
    form: ApplicationForm,
    *,
    principal: Principal,
    idempotency_key: str,
    correlation_id: UUID,
    vault: SsnVault,
    index_key: bytes,
    images: dict[str, str | None] | None = None,
    mvd_verification: MvdRecordAnswer | None = None,
) -> tuple[ApplicationAnswer, bool]:
    """Decide and keep an application; returns its answer and whether it was new.

    ``images`` are references to the signature and photo the MVD holds (MVD channel, D(1), E(2));
    ``mvd_verification`` is the MVD's answer for a form giving only a licence number or the last
    four SSN digits (A(2)).

    A retry with the same Idempotency-Key and the same form returns the first answer; the same
    key with a different form is a conflict (409), so a portal bug cannot overwrite an applicant.
    """
    fingerprint = request_fingerprint(index_key, form)
    previous = await _previous_submission(conn, principal.subject, idempotency_key)
    if previous is not None:
        if previous["request_hash"] != fingerprint:
            raise ApiError(409, "this Idempotency-Key was already used for a different application")
        return answer_of(previous), False

    if form.confidential_address:
        form = designated_confidential(form, principal)
    parties = await qualified_parties(conn)
    if form.channel is Channel.online and not online_party_is_qualified(form.party, parties):
        raise ApiError(
            422,
            "an online application may designate only a qualified party or none (1.10.35.8 D(6))",
            [FieldProblem("party", "not a qualified party")],
        )
    decided = decide(
        form,
        today=datetime.now(NEW_MEXICO).date(),
        at_commercial_mailbox=await at_listed_commercial_mailbox(conn, form),
        mvd_verified=mvd_verification is not None and mvd_verification.verified,
    )
    reasons = decided.rejection_reasons
    state, pending_state = state_after_intake(decided), None
    if form.channel in PROOFREAD_CHANNELS and await proofreading_required(conn, form.county):
        state, pending_state = "awaiting_proofreading", state
    application_id = uuid4()
    kept_images = dict(images or {})
    if form.channel is Channel.online and not reasons:
        check = await bind_identity_check(
            conn, form, principal=principal, vault=vault, application_id=application_id
        )
        kept_images = {"signature_ref": check["signature_ref"], "photo_ref": check["photo_ref"]}
    ssn_ref, person_key = await _identify(
        conn,
        form,
        vault=vault,
        index_key=index_key,
        application_id=application_id,
        mvd_verification=mvd_verification,
    )
    vaulted = form.ssn is not None
    party = party_of_record(form.party, parties)
    received_at = datetime.now(UTC)

    inserted = await conn.execute(
        """
        INSERT INTO applications (
            application_id, submitted_by, idempotency_key, request_hash, channel, county,
            decision, status_reason, rejection_reasons, state, pending_state, person_key, ssn_blind_index, mvd_ssn_index, ssn_last4,
            first_name, middle_name, last_name, suffix, date_of_birth, gender,
            residence_address, mailing_address, party, details, correlation_id, received_at, decided_at
        ) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
        ON CONFLICT (submitted_by, idempotency_key) DO NOTHING
        RETURNING *
        """,
        (
            application_id,
            principal.subject,
            idempotency_key,
            fingerprint,
            form.channel,
            form.county,
            decided.decision,
            decided.status_reason,
            [str(r) for r in reasons],
            state,
            pending_state,
            person_key,
            ssn_ref.blind_index if vaulted else None,
            None if vaulted else ssn_ref.blind_index,
            ssn_ref.last4,
            form.first_name,
            form.middle_name,
            form.last_name,
            form.suffix,
            form.date_of_birth,
            form.gender,
            _json(form.residence_address),
            _json(form.mailing_address),
            party,
            Jsonb({**_details(form), **kept_images}),
            correlation_id,
            received_at,
            received_at,
        ),
    )
    stored = await inserted.fetchone()
    if stored is None:  # a concurrent retry won the race: answer as it was answered
        return await submit_application(
            conn,
            form,
            principal=principal,
            idempotency_key=idempotency_key,
            correlation_id=correlation_id,
            vault=vault,
            index_key=index_key,
            images=images,
        )

    await _announce(conn, stored, correlation_id=correlation_id)

    answer = ApplicationAnswer(
        application_id=application_id,
        decision=decided.decision,
        status_reason=decided.status_reason,
        rejection_reasons=reasons,
        state=state,
    )
    return answer, True


async def _previous_submission(
    conn: Connection, submitted_by: str, idempotency_key: str
) -> dict[str, Any] | None:
    cursor = await conn.execute(
        "SELECT * FROM applications WHERE submitted_by = %s AND idempotency_key = %s",
        (submitted_by, idempotency_key),
    )
    return await cursor.fetchone()


async def _identify(
    conn: Connection,
    form: ApplicationForm,
    *,
    vault: SsnVault,
    index_key: bytes,
    application_id: UUID,
    mvd_verification: MvdRecordAnswer | None,
) -> tuple[SsnReference, str]:
    """Vault the SSN and choose the person key (design: SSN blind index, else name+DOB).

    A form the MVD verified under A(2) is known by the verifying record's SSN index, so the
    duplicate search of A(1) runs on strong criteria; the number itself stays unknown here.
    """
    if form.ssn is not None:
        sealed = await vault.store(conn, form.ssn)
        ssn_ref = SsnReference(
            blind_index=sealed.blind_index, last4=sealed.last4, near_indexes=sealed.near_indexes
        )
        return ssn_ref, sealed.blind_index
    if mvd_verification is not None and mvd_verification.ssn_blind_index is not None:
        index = mvd_verification.ssn_blind_index
        return SsnReference(blind_index=index, last4=form.ssn_last4), index
    ssn_ref = SsnReference(last4=form.ssn_last4)
    if form.first_name and form.last_name and form.date_of_birth:
        return ssn_ref, name_dob_blind_index(
            index_key, form.first_name, form.last_name, form.date_of_birth
        )
    return ssn_ref, f"application:{application_id}"


async def _announce(conn: Connection, application: dict[str, Any], *, correlation_id: UUID) -> None:
    """Write the application's events to the outbox, in the intake transaction."""
    submitted = envelope(
        ApplicationSubmitted(
            application_id=application["application_id"],
            channel=application["channel"],
            county=application["county"],
            received_at=application["received_at"],
        ),
        source=SOURCE,
        correlation_id=correlation_id,
        subject=f"application/{application['application_id']}",
    )
    await add_to_outbox(conn, submitted, key=application["person_key"])
    await announce_outcome(
        conn, application, correlation_id=correlation_id, causation_id=submitted.id
    )


async def announce_outcome(
    conn: Connection,
    application: dict[str, Any],
    *,
    correlation_id: UUID,
    causation_id: UUID | None,
) -> None:
    """What follows an application's state: nothing while it awaits proofreading (A(5)); the
    full-SSN link while it awaits the SSN (A(2)); else its decision, for matching and letters."""
    if application["state"] == "awaiting_proofreading":
        return
    if application["state"] == "awaiting_full_ssn":
        await request_full_ssn(
            conn, application, correlation_id=correlation_id, causation_id=causation_id
        )
        return
    await announce_decision(
        conn, application, correlation_id=correlation_id, causation_id=causation_id
    )


def designated_confidential(form: ApplicationForm, principal: Principal) -> ApplicationForm:
    """1.10.35.8 A(4): only the clerk marks a confidential address (designated under 1.10.37
    NMAC), and the designation's zip code is required; the street and city are never kept."""
    if principal.role not in CLERK_ROLES:
        raise ApiError(
            422,
            "the request is not valid",
            [FieldProblem("confidential_address", "set by the county clerk under 1.10.37 NMAC")],
        )
    if form.residence_address is None or not form.residence_address.zip:
        raise ApiError(
            422,
            "the request is not valid",
            [FieldProblem("residence_address.zip", "the designation's zip code is required")],
        )
    return form.model_copy(
        update={"residence_address": confidential_residence(form.residence_address)}
    )


def _json(address: Any) -> Jsonb | None:
    return None if address is None else Jsonb(address.model_dump())


def _details(form: ApplicationForm) -> dict[str, Any]:
    """The rest of the form, kept with the application; never the SSN, which is in the vault."""
    kept = form.model_dump(
        mode="json",
        include={
            "citizen",
            "age_18_or_over",
            "felony_incarcerated",
            "signature_present",
            "agent_number",
            "form_number",
            "email",
            "phone",
            "language",
            "mvd_id",
            "identity_check_id",
            "confidential_address",
            "party",
        },
    )
    kept["party_as_written"] = kept.pop("party")
    return kept
