"""1.10.35.8 C(7): a county clerk who reasonably believes an application is fraudulent sends a
copy to the assigned election prosecutor of the county, with a statement of the reasons. The
referral is kept here and announced; notifications records it for the prosecutor."""

from uuid import UUID, uuid4

from vrs_contracts.api.registration import FraudReferral, FraudReferralForm
from vrs_contracts.envelope import envelope
from vrs_contracts.events import ApplicationReferredForFraud
from vrs_plumbing.access import ensure_county_access
from vrs_plumbing.auth import Principal
from vrs_plumbing.db import Connection
from vrs_plumbing.errors import ApiError
from vrs_plumbing.outbox import add_to_outbox
from vrs_registration.service_layer.announcements import SOURCE
from vrs_registration.service_layer.records import find_application


async def refer_for_fraud(
    conn: Connection,
    application_id: UUID,
    form: FraudReferralForm,
    *,
    principal: Principal,
    correlation_id: UUID,
) -> FraudReferral:
    """Record the referral of an application of the clerk's own county and put
    ``ApplicationReferredForFraud`` in the outbox, keyed by the applicant's person key."""
    application = await find_application(conn, application_id)
    if application is None:
        raise ApiError(404, "no such application")
    ensure_county_access(principal, application["county"])
    referral_id = uuid4()
    row = await (
        await conn.execute(
            "INSERT INTO fraud_referrals (referral_id, application_id, county, reasons, referred_by)"
            " VALUES (%s, %s, %s, %s, %s) RETURNING referred_at",
            (referral_id, application_id, application["county"], form.reasons, principal.subject),
        )
    ).fetchone()
    assert row is not None
    referred = ApplicationReferredForFraud(
        referral_id=referral_id,
        application_id=application_id,
        channel=application["channel"],
        county=application["county"],
        voter_id=application["voter_id"],
        reasons=form.reasons,
        referred_by=principal.subject,
        referred_at=row["referred_at"],
    )
    await add_to_outbox(
        conn,
        envelope(
            referred,
            source=SOURCE,
            correlation_id=correlation_id,
            subject=f"application/{application_id}",
        ),
        key=application["person_key"],
    )
    return FraudReferral(
        reasons=form.reasons,
        referral_id=referral_id,
        application_id=application_id,
        county=application["county"],
        referred_by=principal.subject,
        referred_at=row["referred_at"].isoformat(),
    )
