"""Exports (1.10.35.11 H): queued by the requester, followed by their progress, downloaded by
the requester's own user only, a limited number of times, before expiry; the voters of an
export for the auditors (audit's breach query)."""

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Response

from vrs_contracts.api.errors import error_responses
from vrs_contracts.api.records_requests import ExportView, ExportVoters, Product
from vrs_contracts.vocabulary import Role
from vrs_plumbing.errors import ApiError
from vrs_plumbing.runtime import Runtime
from vrs_records_requests.adapters.export_cipher import ExportCipher
from vrs_records_requests.config import settings_of
from vrs_records_requests.domain.exports import download_refusal
from vrs_records_requests.entrypoints.scope import (
    Auditor,
    Requester,
    RequesterOrStaff,
    office_today,
    shown_as,
)
from vrs_records_requests.service_layer.disclosures import voters_of_export
from vrs_records_requests.service_layer.exports import (
    delete_export,
    load_export,
    media_type_of,
    read_file,
    start_export,
)
from vrs_records_requests.service_layer.requests import load_request

FILE_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}


def build_router(runtime: Runtime, cipher: ExportCipher) -> APIRouter:
    """Routes of exports."""
    settings = settings_of(runtime)
    router = APIRouter(
        prefix="/v1", tags=["exports"], responses=error_responses(401, 403, 404, 422)
    )

    @router.post(
        "/requests/{request_id}/exports",
        status_code=202,
        response_model=ExportView,
        responses=error_responses(409),
    )
    async def post_export(request_id: UUID, principal: Requester) -> dict[str, Any]:
        """Queue the export of one's quoted request (affidavit in force, deposit paid)."""
        now = datetime.now(UTC)
        async with runtime.pool.connection() as conn, conn.transaction():
            row = await start_export(
                conn,
                request_id,
                principal.subject,
                now=now,
                today=office_today(now),
                affidavit_valid_days=settings.affidavit_valid_days,
                download_limit=settings.export_download_limit,
            )
        return shown_as(ExportView, row)

    @router.get("/exports/{export_id}", response_model=ExportView)
    async def get_export(export_id: UUID, principal: RequesterOrStaff) -> dict[str, Any]:
        """An export's progress and state: its requester's, or the SOS's."""
        async with runtime.pool.connection() as conn:
            row = await load_export(conn, export_id)
        if row is None:
            raise ApiError(404, "no such export")
        if principal.role is not Role.sos_admin and row["requester"] != principal.subject:
            raise ApiError(403, "an export is its requester's (and the SOS's)")
        return shown_as(ExportView, row)

    @router.get(
        "/exports/{export_id}/file",
        response_class=Response,
        responses={
            200: {
                "description": "The export: CSV, or PDF for printed labels.",
                "content": {"text/csv": {}, "application/pdf": {}},
            },
            **error_responses(409, 410),
        },
    )
    async def download(export_id: UUID, principal: Requester) -> Response:
        """The file, for the requester's own user, within the download limit and before the
        expiry; the last allowed download deletes it (no longer needed, 1.10.35.11 H)."""
        now = datetime.now(UTC)
        async with runtime.pool.connection() as conn, conn.transaction():
            export = await load_export(conn, export_id, lock=True)
            if export is None:
                raise ApiError(404, "no such export")
            request = await load_request(conn, export["request_id"])
            assert request is not None
            refusal = download_refusal(
                state=export["state"],
                owner=export["requester"],
                subject=principal.subject,
                downloads=export["downloads"],
                limit=export["download_limit"],
                expires=export["expires_at"],
                now=now,
                paid_cents=request["paid_cents"],
                total_cents=request["total_cents"],
            )
            if refusal is not None:
                raise ApiError(refusal.status_code, refusal.reason)
            content = await read_file(conn, cipher, export_id)
            await conn.execute(
                "UPDATE exports SET downloads = downloads + 1 WHERE export_id = %s", (export_id,)
            )
            if export["downloads"] + 1 >= export["download_limit"]:
                await delete_export(conn, export_id, now, "download_limit_reached")
        media_type, extension = media_type_of(Product(request["product"]))
        return Response(
            content,
            media_type=media_type,
            headers={
                **FILE_HEADERS,
                "Content-Disposition": f'attachment; filename="export-{export_id}.{extension}"',
            },
        )

    @router.get("/exports/{export_id}/voters", response_model=ExportVoters)
    async def export_voters(export_id: UUID, _principal: Auditor) -> dict[str, Any]:
        """The voters an export disclosed, in file order (audit's breach query asks here)."""
        async with runtime.pool.connection() as conn:
            export = await load_export(conn, export_id)
            if export is None:
                raise ApiError(404, "no such export")
            voter_ids = await voters_of_export(conn, export_id)
        return {"export_id": export_id, "voter_ids": voter_ids}

    return router
