"""Requests for voter data (1.10.35.10): checked against the affidavit and the law, quoted from
the uniform fee schedule, refused with the reason otherwise; kept either way, with their
deposits and payments."""

from dataclasses import asdict
from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4

from psycopg.types.json import Jsonb

from vrs_contracts.api.records_requests import (
    PaymentForm,
    Purpose,
    RecordsRequestForm,
    RequesterKind,
)
from vrs_plumbing.db import Connection
from vrs_records_requests.domain.affidavits import affidavit_in_force
from vrs_records_requests.domain.fees import FeeSchedule, deposit_due, quote, schedule_in_effect
from vrs_records_requests.domain.selection import named_persons_refusal, selection_refusal
from vrs_records_requests.service_layer.affidavits import current_affidavit
from vrs_records_requests.service_layer.selection import count_selected_voters

NO_AFFIDAVIT = "no affidavit of authorization is in force for this requester (1.10.35.10 A)"


async def deposit_percent_of(conn: Connection, county: str | None) -> int:
    """The share of a quote the county requires as a deposit; none for statewide requests."""
    if county is None:
        return 0
    row = await (
        await conn.execute(
            "SELECT deposit_percent FROM county_settings WHERE county = %s", (county,)
        )
    ).fetchone()
    return int(row["deposit_percent"]) if row else 0


async def set_deposit_percent(conn: Connection, county: str, percent: int, by: str) -> None:
    """1.10.35.10 B: a county may require a deposit for any data requested."""
    await conn.execute(
        "INSERT INTO county_settings (county, deposit_percent, set_by) VALUES (%s, %s, %s)"
        " ON CONFLICT (county) DO UPDATE SET deposit_percent = EXCLUDED.deposit_percent,"
        " set_by = EXCLUDED.set_by, set_at = now()",
        (county, percent, by),
    )


def refusal_of(
    form: RecordsRequestForm, affidavit: dict[str, Any] | None, today: date, valid_days: int
) -> str | None:
    """Why a request may not proceed: no affidavit in force (1.10.35.10 A), an outside agency
    naming persons without a court order, or a selection by a protected class its purpose does
    not allow (1.10.35.7 FF); None when it may."""
    if affidavit is None or not affidavit_in_force(affidavit["signed_on"], today, valid_days):
        return NO_AFFIDAVIT
    return named_persons_refusal(
        RequesterKind(affidavit["requester_kind"]), form.product
    ) or selection_refusal(dict(form.filters), Purpose(affidavit["purpose"]))


async def create_request(
    conn: Connection,
    requester: str,
    form: RecordsRequestForm,
    schedules: list[FeeSchedule],
    *,
    now: datetime,
    today: date,
    affidavit_valid_days: int,
) -> dict[str, Any]:
    """Store a request: quoted from the schedule in effect today, or refused with its reason."""
    affidavit = await current_affidavit(conn, requester)
    reason = refusal_of(form, affidavit, today, affidavit_valid_days)
    row: dict[str, Any] = {
        "request_id": uuid4(),
        "requester": requester,
        "affidavit_id": affidavit["affidavit_id"] if affidavit else None,
        "product": form.product,
        "medium": form.medium,
        "county": form.county,
        "filters": Jsonb(dict(form.filters)),
        "voter_ids": list(form.voter_ids),
        "purpose": affidavit["purpose"] if affidavit else None,
        "outcome": "refused" if reason else "quoted",
        "refusal_reason": reason,
        "row_count": None,
        "schedule_version": None,
        "quote_lines": None,
        "total_cents": None,
        "deposit_cents": None,
        "requested_at": now,
    }
    if reason is None:
        selected = await count_selected_voters(
            conn, form.county, dict(form.filters), list(form.voter_ids)
        )
        priced = quote(schedule_in_effect(schedules, today), form.product, selected, form.medium)
        row |= {
            "row_count": selected,
            "schedule_version": priced.schedule_version,
            "quote_lines": Jsonb([asdict(line) for line in priced.lines]),
            "total_cents": priced.total_cents,
            "deposit_cents": deposit_due(
                priced.total_cents, await deposit_percent_of(conn, form.county)
            ),
        }
    columns = ", ".join(row)
    values = ", ".join(f"%({key})s" for key in row)
    await conn.execute(f"INSERT INTO requests ({columns}) VALUES ({values})", row)  # noqa: S608 -- fixed keys
    stored = await load_request(conn, row["request_id"])
    assert stored is not None
    return stored


REQUESTS_WITH_PAID = (
    "SELECT r.*, COALESCE((SELECT sum(amount_cents) FROM payments p"
    " WHERE p.request_id = r.request_id), 0)::integer AS paid_cents FROM requests r"
)


async def load_request(conn: Connection, request_id: UUID) -> dict[str, Any] | None:
    """A request with what was paid on it."""
    return await (
        await conn.execute(f"{REQUESTS_WITH_PAID} WHERE r.request_id = %s", (request_id,))
    ).fetchone()


async def requests_of(conn: Connection, requester: str) -> list[dict[str, Any]]:
    """A requester's requests, newest first."""
    rows = await (
        await conn.execute(
            f"{REQUESTS_WITH_PAID} WHERE r.requester = %s ORDER BY r.requested_at DESC",
            (requester,),
        )
    ).fetchall()
    return list(rows)


def request_view(row: dict[str, Any]) -> dict[str, Any]:
    """A stored request as the API shows it."""
    quoted = row["quote_lines"] is not None
    return {
        **row,
        "quote": {
            "schedule_version": row["schedule_version"],
            "lines": row["quote_lines"],
            "total_cents": row["total_cents"],
        }
        if quoted
        else None,
    }


async def record_payment(
    conn: Connection, request_id: UUID, form: PaymentForm, by: str, now: datetime
) -> dict[str, Any]:
    """1.10.35.10 B: a deposit or payment received for a request."""
    row = await (
        await conn.execute(
            "INSERT INTO payments (payment_id, request_id, kind, amount_cents, reference,"
            " recorded_by, recorded_at) VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING *",
            (uuid4(), request_id, form.kind, form.amount_cents, form.reference, by, now),
        )
    ).fetchone()
    assert row is not None
    return row
