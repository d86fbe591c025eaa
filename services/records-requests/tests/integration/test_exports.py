"""Exports on a real PostgreSQL: built chunk by chunk with progress, encrypted at rest, holding
exactly the public columns; downloaded by the requester's own user only, when paid, within the
limit and before the expiry; deleted by the sweep (controlled clock) or at the last download,
the deletion recorded; each one accounted for as a disclosure, per voter and in the public log;
printed labels as a PDF of names and mailing addresses."""

import csv
import hashlib
import io
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from pypdf import PdfReader

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_records_requests.bootstrap import cipher_of
from vrs_records_requests.domain.exports import LABEL_FIELDS
from vrs_records_requests.domain.projection import PUBLIC_FIELDS
from vrs_records_requests.service_layer.exports import build_step, delete_expired_exports
from vrs_records_requests.service_layer.projection import on_voter_registered


async def build(records: Any, now: datetime) -> list[dict[str, object]]:
    """Run the builder until it has nothing left; the steps it reported."""
    steps = []
    while True:
        async with records.runtime.pool.connection() as conn, conn.transaction():
            step = await build_step(
                conn, cipher_of(records.settings), now=now, chunk_rows=2, days=7
            )
        if step == {"exports": 0}:
            return steps
        steps.append(step)


async def requested_export(
    records: Any, product: str = "voter_list", voters: list[Any] | None = None
) -> tuple[str, str]:
    """Voters in the projection; Pat's affidavit, paid county request and queued export."""
    voters = voters or [
        records.voter("Avila"), records.voter("Baca"), records.voter("Chavez"),
        records.voter("Duran"), records.voter("Hidden", confidential=True),
        records.voter("Elsewhere", county=County.taos),
    ]  # fmt: skip
    async with records.runtime.pool.connection() as conn, conn.transaction():
        for data in voters:
            await on_voter_registered(conn, records.wrapped(data))
    async with records.client(Role.records_requester, subject="pat") as pat:
        await pat.post("/v1/affidavits", json=records.affidavit())
        request = (
            await pat.post("/v1/requests", json={"product": product, "county": "santa_fe"})
        ).json()
    async with records.client(Role.sos_admin, subject="sos") as sos:
        paid = await sos.post(
            f"/v1/requests/{request['request_id']}/payments",
            json={"kind": "payment", "amount_cents": request["quote"]["total_cents"]},
        )
        assert paid.status_code == 201, paid.text
    async with records.client(Role.records_requester, subject="pat") as pat:
        export = await pat.post(f"/v1/requests/{request['request_id']}/exports")
    assert export.status_code == 202, export.text
    assert export.json()["state"] == "queued"
    return request["request_id"], export.json()["export_id"]


async def test_an_export_is_built_with_progress_encrypted_and_holds_the_public_columns_only(
    records,
) -> None:
    request_id, export_id = await requested_export(records)
    steps = await build(records, datetime.now(UTC))
    assert [s.get("selected") or s.get("rows_done") or s.get("ready") for s in steps] == [
        4,
        2,
        4,
        1,
    ]

    async with records.runtime.pool.connection() as conn:
        stored = await (await conn.execute("SELECT ciphertext FROM export_chunks")).fetchall()
    assert stored
    assert all(b"Avila" not in bytes(c["ciphertext"]) for c in stored)

    async with records.client(Role.records_requester, subject="pat") as pat:
        progress = (await pat.get(f"/v1/exports/{export_id}")).json()
        got = await pat.get(f"/v1/exports/{export_id}/file")
        request = (await pat.get(f"/v1/requests/{request_id}")).json()
    assert got.status_code == 200, got.text
    assert got.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(got.text)))
    assert tuple(table[0]) == PUBLIC_FIELDS
    assert [row[table[0].index("last_name")] for row in table[1:]] == [
        "Avila", "Baca", "Chavez", "Duran",
    ]  # fmt: skip
    assert all(row[table[0].index("birth_year")] == "1980" for row in table[1:])
    assert progress["state"] == "ready"
    assert (progress["rows_total"], progress["rows_done"]) == (4, 4)
    assert progress["file_sha256"] == hashlib.sha256(got.content).hexdigest()
    assert request["fulfilled_at"] is not None

    async with records.client(Role.auditor, subject="auditor") as auditor:
        voters = (await auditor.get(f"/v1/exports/{export_id}/voters")).json()
        one = voters["voter_ids"][0]
        accounted = (await auditor.get(f"/v1/voters/{one}/disclosures")).json()
        public = (await auditor.get("/v1/public-log")).json()
    async with records.client(Role.records_requester, subject="pat") as pat:
        not_for_requesters = await pat.get(f"/v1/exports/{export_id}/voters")
    async with records.client(Role.county_clerk, County.taos) as taos:
        other_county = await taos.get(f"/v1/voters/{one}/disclosures")
    async with records.client(Role.county_clerk, County.santa_fe) as santa_fe:
        own_county = await santa_fe.get(f"/v1/voters/{one}/disclosures")

    assert len(voters["voter_ids"]) == 4
    assert not_for_requesters.status_code == 403
    assert (other_county.status_code, own_county.status_code) == (403, 200)
    [disclosure] = accounted
    assert disclosure["export_id"] == export_id
    assert disclosure["recipient_organisation"] == "Committee to Elect Pat"
    assert disclosure["purpose"] == "election_campaign"
    assert disclosure["legal_basis"] == "affidavit"
    assert disclosure["fields"] == list(PUBLIC_FIELDS)
    assert (disclosure["row_count"], disclosure["file_sha256"]) == (4, progress["file_sha256"])
    assert disclosure["deletion_date"] == progress["expires_at"]
    assert [(e["request_id"], e["requester_name"]) for e in public] == [
        (request_id, "Pat Requester")
    ]
    assert public[0]["charges_cents"] == request["quote"]["total_cents"]


async def test_only_the_requesters_user_downloads_and_only_up_to_the_limit(records) -> None:
    _, export_id = await requested_export(records)
    await build(records, datetime.now(UTC))
    path = f"/v1/exports/{export_id}/file"
    async with records.client(Role.records_requester, subject="someone-else") as stranger:
        theirs = await stranger.get(path)
    async with records.client(Role.county_clerk, County.santa_fe) as clerk:
        staff = await clerk.get(path)
    async with records.client(Role.records_requester, subject="pat") as pat:
        answers = [await pat.get(path) for _ in range(4)]
        after = (await pat.get(f"/v1/exports/{export_id}")).json()
    assert (theirs.status_code, staff.status_code) == (403, 403)
    assert [a.status_code for a in answers] == [200, 200, 200, 410]
    assert after["state"] == "deleted"
    assert after["downloads"] == 3
    async with records.runtime.pool.connection() as conn:
        left = await (await conn.execute("SELECT count(*) AS n FROM export_chunks")).fetchone()
        reason = await (await conn.execute("SELECT deletion_reason FROM exports")).fetchone()
    assert left == {"n": 0}
    assert reason == {"deletion_reason": "download_limit_reached"}


async def test_the_sweep_deletes_an_expired_export_and_records_it(records) -> None:
    _, export_id = await requested_export(records)
    built_at = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    await build(records, built_at)

    async def sweep(at: datetime) -> dict[str, object]:
        async with records.runtime.pool.connection() as conn, conn.transaction():
            return await delete_expired_exports(conn, at)

    assert await sweep(built_at + timedelta(days=7) - timedelta(seconds=1)) == {"deleted": 0}
    assert await sweep(built_at + timedelta(days=7)) == {"deleted": 1}
    assert await sweep(built_at + timedelta(days=8)) == {"deleted": 0}
    async with records.runtime.pool.connection() as conn:
        export = await (await conn.execute("SELECT * FROM exports")).fetchone()
        disclosure = await (await conn.execute("SELECT * FROM disclosures")).fetchone()
        chunks = await (await conn.execute("SELECT count(*) AS n FROM export_chunks")).fetchone()
        kept = await (await conn.execute("SELECT count(*) AS n FROM export_voters")).fetchone()
    assert export is not None
    assert disclosure is not None
    assert (export["state"], export["deletion_reason"]) == ("deleted", "expired")
    assert export["deleted_at"] == built_at + timedelta(days=7)
    assert disclosure["deleted_at"] == export["deleted_at"]
    assert chunks == {"n": 0}
    assert kept == {"n": 4}  # the accounting outlives the file
    async with records.client(Role.records_requester, subject="pat") as pat:
        gone = await pat.get(f"/v1/exports/{export_id}/file")
    assert gone.status_code == 410


async def test_an_expired_export_is_refused_even_before_the_sweep(records) -> None:
    _, export_id = await requested_export(records)
    await build(records, datetime.now(UTC) - timedelta(days=8))
    async with records.client(Role.records_requester, subject="pat") as pat:
        late = await pat.get(f"/v1/exports/{export_id}/file")
    assert late.status_code == 410


async def test_an_unpaid_request_is_not_exported_before_its_deposit(records) -> None:
    async with records.client(Role.sos_admin, subject="sos") as sos:
        await sos.put("/v1/counties/santa_fe/deposit", json={"deposit_percent": 100})
    async with records.runtime.pool.connection() as conn, conn.transaction():
        await on_voter_registered(conn, records.wrapped(records.voter("Avila")))
    async with records.client(Role.records_requester, subject="pat") as pat:
        await pat.post("/v1/affidavits", json=records.affidavit())
        request = (
            await pat.post("/v1/requests", json={"product": "printed_labels", "county": "santa_fe"})
        ).json()
        refused = await pat.post(f"/v1/requests/{request['request_id']}/exports")
    assert refused.status_code == 403
    assert "deposit" in refused.json()["error"]["message"]
    assert UUID(request["request_id"])


async def test_printed_labels_are_a_pdf_of_names_and_mailing_addresses_only(records) -> None:
    voters = [records.voter("Ortiz", party="LIB"), records.voter("Núñez", party="LIB")]
    _, export_id = await requested_export(records, "printed_labels", voters)
    async with records.client(Role.records_requester, subject="pat") as pat:
        await build(records, datetime.now(UTC))
        progress = (await pat.get(f"/v1/exports/{export_id}")).json()
        got = await pat.get(f"/v1/exports/{export_id}/file")
    assert got.status_code == 200, got.text
    assert got.headers["content-type"] == "application/pdf"
    assert progress["file_sha256"] == hashlib.sha256(got.content).hexdigest()
    assert progress["columns"] == list(LABEL_FIELDS)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(got.content)).pages)
    assert "Alma Núñez" in text
    assert "Alma Ortiz" in text
    assert "Santa Fe, NM 87501" in text
    assert "LIB" not in text
    assert "1980" not in text
