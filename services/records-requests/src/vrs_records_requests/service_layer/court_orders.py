"""Court orders and subpoenas, and the requests for a person's sensitive data they may allow.

This service holds no sensitive data: an approved request is recorded as approved, for the SOS
to fulfil from registration under the order; a refused one is recorded with the reason. The
attempt is kept either way, and the HTTP request is in the audit log as every request is.
"""

from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4

from vrs_contracts.api.records_requests import (
    CourtOrderForm,
    RequesterKind,
    SensitiveDataFulfilment,
    SensitiveDataRequestForm,
)
from vrs_plumbing.db import Connection
from vrs_records_requests.domain.affidavits import affidavit_in_force
from vrs_records_requests.domain.selection import sensitive_data_refusal
from vrs_records_requests.service_layer.affidavits import current_affidavit
from vrs_records_requests.service_layer.requests import NO_AFFIDAVIT

APPROVED = "approved under the court order; the SOS fulfils it from registration, which alone holds the data"


async def attach_court_order(
    conn: Connection, requester: str, form: CourtOrderForm, now: datetime
) -> dict[str, Any]:
    """Keep an order a requester attaches; it allows nothing until an SOS administrator approves."""
    row = await (
        await conn.execute(
            "INSERT INTO court_orders (court_order_id, requester, kind, court, case_number,"
            " document_sha256, attached_at) VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING *",
            (
                uuid4(),
                requester,
                form.kind,
                form.court,
                form.case_number,
                form.document_sha256,
                now,
            ),
        )
    ).fetchone()
    assert row is not None
    return row


async def load_court_order(conn: Connection, court_order_id: UUID) -> dict[str, Any] | None:
    """One attached order."""
    return await (
        await conn.execute(
            "SELECT * FROM court_orders WHERE court_order_id = %s", (court_order_id,)
        )
    ).fetchone()


async def decide_court_order(
    conn: Connection, court_order_id: UUID, decision: str, by: str, now: datetime
) -> dict[str, Any] | None:
    """An SOS administrator approves or rejects an attached order, once."""
    return await (
        await conn.execute(
            "UPDATE court_orders SET decision = %s, decided_by = %s, decided_at = %s"
            " WHERE court_order_id = %s AND decision IS NULL RETURNING *",
            (decision, by, now, court_order_id),
        )
    ).fetchone()


async def request_sensitive_data(
    conn: Connection,
    requester: str,
    form: SensitiveDataRequestForm,
    *,
    now: datetime,
    today: date,
    affidavit_valid_days: int,
) -> dict[str, Any]:
    """Record a request for a person's sensitive data: approved only for an agency with an
    affidavit in force and its own court order or subpoena approved by an SOS administrator."""
    affidavit = await current_affidavit(conn, requester)
    order = (
        await load_court_order(conn, form.court_order_id)
        if form.court_order_id is not None
        else None
    )
    approved_order = (
        order is not None and order["requester"] == requester and order["decision"] == "approved"
    )
    if affidavit is None or not affidavit_in_force(
        affidavit["signed_on"], today, affidavit_valid_days
    ):
        reason: str | None = NO_AFFIDAVIT
    else:
        reason = sensitive_data_refusal(RequesterKind(affidavit["requester_kind"]), approved_order)
    row = await (
        await conn.execute(
            "INSERT INTO sensitive_requests (sensitive_request_id, requester, affidavit_id,"
            " voter_id, fields, court_order_id, outcome, reason, requested_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING *",
            (
                uuid4(),
                requester,
                affidavit["affidavit_id"] if affidavit else None,
                form.voter_id,
                list(form.fields),
                order["court_order_id"] if order else None,
                "refused" if reason else "approved",
                reason or APPROVED,
                now,
            ),
        )
    ).fetchone()
    assert row is not None
    return row


async def record_sensitive_disclosure(
    conn: Connection,
    sensitive_request_id: UUID,
    form: SensitiveDataFulfilment,
    now: datetime,
) -> dict[str, Any] | None:
    """The SOS gave an agency a person's data under its approved order: one disclosure record
    (legal basis: the court order), once; None when the request is not approved or is done."""
    return await (
        await conn.execute(
            """
            INSERT INTO disclosures (
                disclosure_id, sensitive_request_id, disclosed_at, recipient_name,
                recipient_organisation, recipient_address, purpose, legal_basis, legal_basis_id,
                fields, row_count, file_sha256
            )
            SELECT %s, s.sensitive_request_id, %s, a.name, a.organisation, a.address, a.purpose,
                   'court_order', s.court_order_id, %s, 1, %s
            FROM sensitive_requests s JOIN affidavits a USING (affidavit_id)
            WHERE s.sensitive_request_id = %s AND s.outcome = 'approved'
            ON CONFLICT (sensitive_request_id) DO NOTHING
            RETURNING *
            """,
            (uuid4(), now, list(form.fields), form.file_sha256, sensitive_request_id),
        )
    ).fetchone()
