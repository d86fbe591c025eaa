"""Export jobs (1.10.35.11 H): queued by the requester, built chunk by chunk from the public
projection with their progress, encrypted at rest, disclosed once ready (one disclosure record),
downloaded a limited number of times, and deleted at expiry or at the last download. Lists are
CSV; printed labels are drawn as a PDF from their CSV when the export finishes."""

import csv
import hashlib
import io
import logging
from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4

from psycopg import sql

from vrs_contracts.api.records_requests import Product
from vrs_plumbing.db import Connection
from vrs_plumbing.errors import ApiError
from vrs_records_requests.adapters.export_cipher import ExportCipher, SealedChunk
from vrs_records_requests.adapters.labels import labels_pdf
from vrs_records_requests.domain.affidavits import affidavit_in_force
from vrs_records_requests.domain.exports import columns_of, csv_cell, expires_at
from vrs_records_requests.service_layer.affidavits import affidavit_of
from vrs_records_requests.service_layer.requests import NO_AFFIDAVIT, load_request
from vrs_records_requests.service_layer.selection import selected_voter_ids

log = logging.getLogger(__name__)
LIVE_STATES = ("queued", "building", "ready")


async def start_export(
    conn: Connection,
    request_id: UUID,
    requester: str,
    *,
    now: datetime,
    today: date,
    affidavit_valid_days: int,
    download_limit: int,
) -> dict[str, Any]:
    """Queue the export of a quoted request of ``requester``: its affidavit still in force, the
    county's deposit paid (1.10.35.10 B), no other export of it alive."""
    request = await load_request(conn, request_id)
    if request is None or request["requester"] != requester:
        raise ApiError(404, "no such request of this requester")
    if request["outcome"] != "quoted":
        raise ApiError(409, "a refused request is never exported")
    affidavit = await affidavit_of(conn, request["affidavit_id"])
    if affidavit is None or not affidavit_in_force(
        affidavit["signed_on"], today, affidavit_valid_days
    ):
        raise ApiError(403, f"refused: {NO_AFFIDAVIT}", code="refused")
    if request["paid_cents"] < request["deposit_cents"]:
        raise ApiError(403, "the county's deposit is not paid (1.10.35.10 B)")
    await conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"export:{request_id}",))
    live = await (
        await conn.execute(
            "SELECT 1 FROM exports WHERE request_id = %s AND state = ANY(%s)",
            (request_id, list(LIVE_STATES)),
        )
    ).fetchone()
    if live is not None:
        raise ApiError(409, "this request already has an export in progress or ready")
    row = await (
        await conn.execute(
            "INSERT INTO exports (export_id, request_id, requester, state, columns,"
            " download_limit, created_at) VALUES (%s, %s, %s, 'queued', %s, %s, %s) RETURNING *",
            (
                uuid4(),
                request_id,
                requester,
                list(columns_of(Product(request["product"]))),
                download_limit,
                now,
            ),
        )
    ).fetchone()
    assert row is not None
    return row


async def load_export(
    conn: Connection, export_id: UUID, *, lock: bool = False
) -> dict[str, Any] | None:
    """One export job."""
    query = sql.SQL("SELECT * FROM exports WHERE export_id = %s{}").format(
        sql.SQL(" FOR UPDATE" if lock else "")
    )
    return await (await conn.execute(query, (export_id,))).fetchone()


async def build_step(
    conn: Connection, cipher: ExportCipher, *, now: datetime, chunk_rows: int, days: int
) -> dict[str, object]:
    """One step of the oldest export in work: select its voters, or write its next chunk, or
    finish it (hash, disclosure record, expiry). Returns the counts to log."""
    export = await (
        await conn.execute(
            "SELECT * FROM exports WHERE state IN ('queued', 'building')"
            " ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED"
        )
    ).fetchone()
    if export is None:
        return {"exports": 0}
    if export["state"] == "queued":
        return await _select_voters(conn, export)
    if export["rows_done"] < export["rows_total"]:
        return await _write_chunk(conn, cipher, export, chunk_rows)
    return await _finish(conn, cipher, export, now, days)


async def _select_voters(conn: Connection, export: dict[str, Any]) -> dict[str, object]:
    request = await load_request(conn, export["request_id"])
    assert request is not None
    voter_ids = await selected_voter_ids(
        conn, request["county"], dict(request["filters"]), list(request["voter_ids"])
    )
    await conn.execute(
        "INSERT INTO export_voters (export_id, position, voter_id, county)"
        " SELECT %s, s.n, s.voter_id, p.county"
        " FROM unnest(%s::uuid[]) WITH ORDINALITY AS s(voter_id, n)"
        " JOIN public_voters p USING (voter_id)",
        (export["export_id"], voter_ids),
    )
    await conn.execute(
        "UPDATE exports SET state = 'building', rows_total = %s WHERE export_id = %s",
        (len(voter_ids), export["export_id"]),
    )
    return {"export_id": str(export["export_id"]), "selected": len(voter_ids)}


async def _write_chunk(
    conn: Connection, cipher: ExportCipher, export: dict[str, Any], chunk_rows: int
) -> dict[str, object]:
    """Write the next ``chunk_rows`` voters in file order. A voter who left the projection
    meanwhile (a confidential address now) is left out of the file and of its voters."""
    columns = list(export["columns"])
    start = export["rows_done"]
    query = sql.SQL(
        "SELECT e.position, p.voter_id IS NULL AS gone, {}"
        " FROM export_voters e LEFT JOIN public_voters p USING (voter_id)"
        " WHERE e.export_id = %s AND e.position > %s AND e.position <= %s ORDER BY e.position"
    ).format(
        sql.SQL(", ").join(
            sql.Identifier("e", c) if c == "voter_id" else sql.Identifier("p", c) for c in columns
        )
    )
    found = await (
        await conn.execute(query, (export["export_id"], start, start + chunk_rows))
    ).fetchall()
    gone = [row["position"] for row in found if row["gone"]]
    if gone:
        await conn.execute(
            "DELETE FROM export_voters WHERE export_id = %s AND position = ANY(%s)",
            (export["export_id"], gone),
        )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if start == 0:
        writer.writerow(columns)
    for row in found:
        if not row["gone"]:
            writer.writerow([csv_cell(row[c]) for c in columns])
    sealed = cipher.seal(export["export_id"], start, out.getvalue().encode())
    await conn.execute(
        "INSERT INTO export_chunks (export_id, seq, key_id, nonce, ciphertext)"
        " VALUES (%s, %s, %s, %s, %s)",
        (export["export_id"], start, sealed.key_id, sealed.nonce, sealed.ciphertext),
    )
    done = min(start + chunk_rows, export["rows_total"])
    await conn.execute(
        "UPDATE exports SET rows_done = %s WHERE export_id = %s", (done, export["export_id"])
    )
    return {"export_id": str(export["export_id"]), "rows_done": done}


async def read_file(conn: Connection, cipher: ExportCipher, export_id: UUID) -> bytes:
    """The whole export file, decrypted chunk by chunk in order."""
    chunks = await (
        await conn.execute(
            "SELECT seq, key_id, nonce, ciphertext FROM export_chunks"
            " WHERE export_id = %s ORDER BY seq",
            (export_id,),
        )
    ).fetchall()
    return b"".join(
        cipher.open(
            export_id,
            c["seq"],
            SealedChunk(c["key_id"], bytes(c["nonce"]), bytes(c["ciphertext"])),
        )
        for c in chunks
    )


async def _finish(
    conn: Connection, cipher: ExportCipher, export: dict[str, Any], now: datetime, days: int
) -> dict[str, object]:
    """The export is ready: its hash, its expiry, the request fulfilled, the disclosure kept."""
    export_id = export["export_id"]
    if export["rows_total"] == 0:  # an empty file is still a header, and a disclosure of none
        await _write_chunk(conn, cipher, export, 1)
    content = await read_file(conn, cipher, export_id)
    if await _product_of(conn, export) is Product.printed_labels:
        content = labels_pdf(csv.DictReader(io.StringIO(content.decode())))
        await conn.execute("DELETE FROM export_chunks WHERE export_id = %s", (export_id,))
        sealed = cipher.seal(export_id, 0, content)
        await conn.execute(
            "INSERT INTO export_chunks (export_id, seq, key_id, nonce, ciphertext)"
            " VALUES (%s, 0, %s, %s, %s)",
            (export_id, sealed.key_id, sealed.nonce, sealed.ciphertext),
        )
    digest = hashlib.sha256(content).hexdigest()
    expiry = expires_at(now, days)
    counted = await (
        await conn.execute(
            "SELECT count(*) AS n FROM export_voters WHERE export_id = %s", (export_id,)
        )
    ).fetchone()
    assert counted is not None
    await conn.execute(
        "UPDATE exports SET state = 'ready', ready_at = %s, expires_at = %s, file_sha256 = %s,"
        " rows_total = %s, rows_done = %s WHERE export_id = %s",
        (now, expiry, digest, counted["n"], counted["n"], export_id),
    )
    await conn.execute(
        "UPDATE requests SET fulfilled_at = %s WHERE request_id = %s AND fulfilled_at IS NULL",
        (now, export["request_id"]),
    )
    await conn.execute(
        """
        INSERT INTO disclosures (
            disclosure_id, export_id, request_id, disclosed_at, recipient_name,
            recipient_organisation, recipient_address, purpose, legal_basis, legal_basis_id,
            fields, row_count, file_sha256, deletion_date
        )
        SELECT %s, %s, r.request_id, %s, a.name, a.organisation, a.address, r.purpose,
               'affidavit', a.affidavit_id, %s, %s, %s, %s
        FROM requests r JOIN affidavits a USING (affidavit_id) WHERE r.request_id = %s
        """,
        (
            uuid4(),
            export_id,
            now,
            list(export["columns"]),
            counted["n"],
            digest,
            expiry,
            export["request_id"],
        ),
    )
    log.info("export ready", extra={"export_id": str(export_id), "rows": counted["n"]})
    return {"export_id": str(export_id), "ready": 1, "rows": counted["n"]}


async def _product_of(conn: Connection, export: dict[str, Any]) -> Product:
    request = await load_request(conn, export["request_id"])
    assert request is not None
    return Product(request["product"])


def media_type_of(product: Product) -> tuple[str, str]:
    """The media type and file extension of a product's export: labels print from a PDF."""
    if product is Product.printed_labels:
        return "application/pdf", "pdf"
    return "text/csv; charset=utf-8", "csv"


async def delete_export(conn: Connection, export_id: UUID, now: datetime, reason: str) -> None:
    """1.10.35.11 H: delete the file for good and record when and why, on the export and on its
    disclosure record."""
    await conn.execute("DELETE FROM export_chunks WHERE export_id = %s", (export_id,))
    await conn.execute(
        "UPDATE exports SET state = 'deleted', deleted_at = %s, deletion_reason = %s"
        " WHERE export_id = %s",
        (now, reason, export_id),
    )
    await conn.execute(
        "UPDATE disclosures SET deleted_at = %s WHERE export_id = %s", (now, export_id)
    )
    log.info("export deleted", extra={"export_id": str(export_id), "reason": reason})


async def delete_expired_exports(conn: Connection, now: datetime) -> dict[str, object]:
    """The daily sweep: every export past its expiry is deleted and the deletion recorded; so is
    any export still unfinished a day after it was queued (nothing half-built stays)."""
    expired = await (
        await conn.execute(
            "SELECT export_id FROM exports WHERE state <> 'deleted'"
            " AND COALESCE(expires_at, created_at + interval '1 day') <= %s FOR UPDATE",
            (now,),
        )
    ).fetchall()
    for row in expired:
        await delete_export(conn, row["export_id"], now, "expired")
    return {"deleted": len(expired)}
