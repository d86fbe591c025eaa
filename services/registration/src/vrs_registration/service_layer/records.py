"""Reading the registration tables back into answers and views."""

from typing import Any
from uuid import UUID

from vrs_contracts.api.registration import (
    ApplicationAnswer,
    ApplicationForm,
    StatusChange,
    VoterView,
)
from vrs_contracts.people import Address, PersonName, Registrant, SsnReference
from vrs_contracts.vocabulary import Decision, RejectionReason, StatusReason
from vrs_plumbing.db import Connection
from vrs_registration.adapters.addresses import residence_key
from vrs_registration.adapters.vault import vaulted_near_indexes


def answer_of(row: dict[str, Any]) -> ApplicationAnswer:
    """An application row as the API answers it."""
    return ApplicationAnswer(
        application_id=row["application_id"],
        decision=Decision(row["decision"]),
        status_reason=StatusReason(row["status_reason"]) if row["status_reason"] else None,
        rejection_reasons=[RejectionReason(r) for r in row["rejection_reasons"]],
        voter_id=row["voter_id"],
        state=row["state"],
    )


async def find_application(conn: Connection, application_id: UUID) -> dict[str, Any] | None:
    """An application row, or None."""
    cursor = await conn.execute(
        "SELECT * FROM applications WHERE application_id = %s", (application_id,)
    )
    return await cursor.fetchone()


async def find_voter(conn: Connection, voter_id: UUID) -> VoterView | None:
    """A voter with its status history, or None."""
    voter = await (
        await conn.execute("SELECT * FROM voters WHERE voter_id = %s", (voter_id,))
    ).fetchone()
    if voter is None:
        return None
    history = await (
        await conn.execute(
            "SELECT old_status, new_status, status_reason, clause, actor, changed_at, cause_event_id"
            " FROM voter_status_history WHERE voter_id = %s ORDER BY id",
            (voter_id,),
        )
    ).fetchall()
    return VoterView(
        **{k: voter[k] for k in VoterView.model_fields if k != "history"},
        history=[StatusChange(**{**h, "changed_at": h["changed_at"].isoformat()}) for h in history],
    )


async def qualified_parties(conn: Connection) -> frozenset[str]:
    """Codes of the parties qualified under Article 7 of the Election Code."""
    rows = await (await conn.execute("SELECT code FROM qualified_parties")).fetchall()
    return frozenset(str(r["code"]) for r in rows)


async def at_listed_commercial_mailbox(conn: Connection, form: ApplicationForm) -> bool:
    """Whether the form's residence is on its county's commercial mail-box list (C(3))."""
    key = residence_key(form.residence_address)
    if key is None:
        return False
    cursor = await conn.execute(
        "SELECT 1 FROM commercial_mailboxes WHERE county = %s AND match_key = %s",
        (form.county, key),
    )
    return await cursor.fetchone() is not None


async def registrant_of(conn: Connection, application: dict[str, Any]) -> Registrant:
    """The identity of a stored application or voter, as events carry it (the SSN by reference
    only).

    The SSN's blind index is the vaulted number's, or, for a paper form the MVD verified under
    1.10.35.8 A(2), the index of the verifying MVD record's SSN (an application's only). Its
    near indexes are those the vault keeps beside a vaulted number (docs/adr/0041); none when
    the full SSN is not here.
    """
    return Registrant(
        name=PersonName(
            first_name=application["first_name"],
            middle_name=application["middle_name"],
            last_name=application["last_name"],
            suffix=application["suffix"],
        ),
        date_of_birth=application["date_of_birth"],
        ssn=SsnReference(
            blind_index=application["ssn_blind_index"] or application.get("mvd_ssn_index"),
            last4=application["ssn_last4"],
            near_indexes=await vaulted_near_indexes(conn, application["ssn_blind_index"]),
        ),
        residence_address=Address.model_validate(application["residence_address"]),
    )


async def proofreading_required(conn: Connection, county: str) -> bool:
    """Whether the county has chosen that a second staff member proofreads paper entries (A(5))."""
    cursor = await conn.execute(
        "SELECT proofreading_required FROM county_settings WHERE county = %s", (county,)
    )
    row = await cursor.fetchone()
    return bool(row and row["proofreading_required"])
