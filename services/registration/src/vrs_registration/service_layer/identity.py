"""Online identity: the MVD check before an online application (1.10.35.8 D(1)), and the rule
that the SSN and DOB that matched cannot change in the application (D(5)).

The check answers whether a licence/ID number, a full SSN and a full DOB belong together, so
it could be used to guess an SSN for a known licence number. After a few checks of one number
that did not match, further checks of it are refused for a while (``FailureThrottle``): an
applicant who mistyped gets a few tries, and a guesser gets nowhere.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from vrs_contracts.api.matching import MvdIdentityQuery
from vrs_contracts.api.registration import ApplicationForm, IdentityCheckAnswer, IdentityCheckForm
from vrs_contracts.vocabulary import RejectionReason
from vrs_plumbing.auth import Principal
from vrs_plumbing.db import Connection, Pool
from vrs_plumbing.errors import ApiError, FieldProblem
from vrs_registration.adapters.matching_client import MatchingClient
from vrs_registration.adapters.vault import SsnVault

NOT_MATCHED = (
    "Your application cannot be processed online because the information does not match the MVD "
    "records. You can print a paper registration form, or ask the county clerk to contact you."
)

TOO_MANY_FAILURES = (
    "too many identity checks of this licence or ID number did not match; try again later, "
    "or register with the paper form"
)
RECENT_FAILURES = """
SELECT count(*) AS failures, min(created_at) AS first_at FROM identity_checks
WHERE mvd_id_key = upper(regexp_replace(%s, '[\\s-]', '', 'g'))
  AND NOT matched AND created_at > %s
"""


@dataclass(frozen=True)
class FailureThrottle:
    """At most ``allowed`` checks of one licence/ID number may fail within ``window``."""

    allowed: int
    window: timedelta


async def refuse_when_throttled(
    pool: Pool, mvd_id: str, throttle: FailureThrottle, now: datetime
) -> None:
    """429, with when to try again, once ``mvd_id`` has failed ``throttle.allowed`` times in
    its window; the number itself is never named."""
    async with pool.connection() as conn:
        cursor = await conn.execute(RECENT_FAILURES, (mvd_id, now - throttle.window))
        row = await cursor.fetchone()
    assert row is not None
    if row["failures"] >= throttle.allowed:
        retry_at = row["first_at"] + throttle.window
        raise ApiError(
            429,
            TOO_MANY_FAILURES,
            [FieldProblem("mvd_id", "too many checks of this number did not match")],
            retry_after_seconds=max(1, int((retry_at - now).total_seconds()) + 1),
        )


async def check_identity(
    pool: Pool,
    client: MatchingClient,
    vault: SsnVault,
    form: IdentityCheckForm,
    *,
    principal: Principal,
    bearer: str,
    correlation_id: UUID,
    valid_for: timedelta,
    paper_form_url: str,
    throttle: FailureThrottle,
) -> IdentityCheckAnswer:
    """Ask matching for a positive MVD match and keep the outcome (never the SSN itself)."""
    await refuse_when_throttled(pool, form.mvd_id, throttle, datetime.now(UTC))
    index = vault.blind_index(form.ssn)
    answer = await client.identity_match(
        MvdIdentityQuery(
            mvd_id=form.mvd_id, ssn_blind_index=index, date_of_birth=form.date_of_birth
        ),
        bearer=bearer,
        correlation_id=str(correlation_id),
    )
    check_id = uuid4()
    async with pool.connection() as conn, conn.transaction():
        await conn.execute(
            "INSERT INTO identity_checks (identity_check_id, requested_by, matched, mvd_id, ssn_blind_index,"
            " date_of_birth, signature_ref, photo_ref, expires_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (
                check_id, principal.subject, answer.matched, form.mvd_id, index, form.date_of_birth,
                answer.signature_ref, answer.photo_ref, datetime.now(UTC) + valid_for,
            ),
        )  # fmt: skip
    if answer.matched:
        return IdentityCheckAnswer(identity_check_id=check_id, matched=True)
    return IdentityCheckAnswer(
        identity_check_id=check_id,
        matched=False,
        reason=RejectionReason.mvd_identity_mismatch,
        message=NOT_MATCHED,
        paper_form_url=paper_form_url,
        contact_request_url="/v1/contact-requests",
    )


async def bind_identity_check(
    conn: Connection,
    form: ApplicationForm,
    *,
    principal: Principal,
    vault: SsnVault,
    application_id: UUID,
) -> dict[str, Any]:
    """The matched check an online application rests on, marked used; 422 naming the field otherwise.

    D(5): the SSN and DOB that matched the MVD cannot be changed in the application.
    """
    check = None
    if form.identity_check_id is not None:
        cursor = await conn.execute(
            "SELECT * FROM identity_checks WHERE identity_check_id = %s FOR UPDATE",
            (form.identity_check_id,),
        )
        check = await cursor.fetchone()
    if check is None or check["requested_by"] != principal.subject:
        raise _invalid("identity_check_id", "no identity check of this portal has that id")
    if not check["matched"]:
        raise _invalid(
            "identity_check_id", "the identity check did not match the MVD (1.10.35.8 D(1))"
        )
    if check["used_by"] is not None:
        raise _invalid(
            "identity_check_id", "the identity check was already used by another application"
        )
    if check["expires_at"] < datetime.now(UTC):
        raise _invalid("identity_check_id", "the identity check has expired; check again")
    problems = []
    if form.ssn is None or vault.blind_index(form.ssn) != check["ssn_blind_index"]:
        problems.append(
            FieldProblem("ssn", "may not differ from the SSN that matched the MVD (1.10.35.8 D(5))")
        )
    if form.date_of_birth != check["date_of_birth"]:
        problems.append(
            FieldProblem(
                "date_of_birth", "may not differ from the DOB that matched the MVD (1.10.35.8 D(5))"
            )
        )
    if problems:
        raise ApiError(422, "the application does not agree with its identity check", problems)
    await conn.execute(
        "UPDATE identity_checks SET used_by = %s WHERE identity_check_id = %s",
        (application_id, check["identity_check_id"]),
    )
    return dict(check)


def _invalid(field: str, problem: str) -> ApiError:
    return ApiError(422, "the request is not valid", [FieldProblem(field, problem)])
