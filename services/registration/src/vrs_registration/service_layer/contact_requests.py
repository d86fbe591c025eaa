"""1.10.35.8 D(1): an online applicant whose MVD identity check did not match may ask to be
contacted by the county clerk. The request is kept for the clerk, and announced so that
notifications answers the applicant within five business days."""

from typing import Any
from uuid import UUID, uuid4

from psycopg.types.json import Jsonb

from vrs_contracts.api.registration import ContactRequestForm
from vrs_contracts.envelope import envelope
from vrs_contracts.events import ContactRequested
from vrs_contracts.people import Address, PersonName
from vrs_plumbing.auth import Principal
from vrs_plumbing.db import Connection
from vrs_plumbing.errors import ApiError, FieldProblem
from vrs_plumbing.outbox import add_to_outbox
from vrs_registration.service_layer.announcements import SOURCE


async def file_contact_request(
    conn: Connection, form: ContactRequestForm, *, principal: Principal, correlation_id: UUID
) -> dict[str, Any]:
    """Keep the request for the county's clerk and put ``ContactRequested`` in the outbox, keyed
    by the check's SSN blind index (the person key); 422 naming ``identity_check_id`` unless it
    names a check of this portal that did not match."""
    check = await (
        await conn.execute(
            "SELECT matched, ssn_blind_index FROM identity_checks"
            " WHERE identity_check_id = %s AND requested_by = %s",
            (form.identity_check_id, principal.subject),
        )
    ).fetchone()
    if check is None or check["matched"]:
        raise ApiError(
            422,
            "the request is not valid",
            [
                FieldProblem(
                    "identity_check_id",
                    "must name an identity check of this portal that did not match",
                )
            ],
        )
    request_id = uuid4()
    mailing_address = form.mailing_address.model_dump() if form.mailing_address else None
    row = await (
        await conn.execute(
            "INSERT INTO contact_requests (contact_request_id, identity_check_id, county, first_name,"
            " last_name, email, phone, language, mailing_address, requested_by)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING received_at",
            (
                request_id,
                form.identity_check_id,
                form.county,
                form.first_name,
                form.last_name,
                form.email,
                form.phone,
                form.language,
                Jsonb(mailing_address) if mailing_address else None,
                principal.subject,
            ),
        )
    ).fetchone()
    assert row is not None
    requested = ContactRequested(
        contact_request_id=request_id,
        identity_check_id=form.identity_check_id,
        county=form.county,
        requested_at=row["received_at"],
        language=form.language,
        name=PersonName(first_name=form.first_name, last_name=form.last_name),
        email=form.email,
        mailing_address=Address.model_validate(mailing_address) if mailing_address else None,
    )
    await add_to_outbox(
        conn,
        envelope(
            requested,
            source=SOURCE,
            correlation_id=correlation_id,
            subject=f"contact-request/{request_id}",
        ),
        key=check["ssn_blind_index"],
    )
    return {
        **form.model_dump(),
        "contact_request_id": request_id,
        "received_at": row["received_at"].isoformat(),
    }
