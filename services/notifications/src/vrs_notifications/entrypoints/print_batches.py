"""The daily print batches per county: the list, each batch's PDF bundle and CSV manifest."""

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response

from vrs_contracts.api.errors import error_responses
from vrs_contracts.api.notifications import (
    PrintBatchView,
)
from vrs_contracts.counties import County
from vrs_notifications.entrypoints.scope import PDF_HEADERS, Clerk
from vrs_notifications.service_layer.delivery import (
    batch_contents,
    batch_county,
    print_batches,
    voters_of_batch,
)
from vrs_plumbing.access import Disclosed, ensure_county_access
from vrs_plumbing.auth import Principal
from vrs_plumbing.db import Connection
from vrs_plumbing.errors import ApiError
from vrs_plumbing.runtime import Runtime


def build_router(runtime: Runtime) -> APIRouter:
    """Routes of the print batches."""
    router = APIRouter(
        prefix="/v1", tags=["print batches"], responses=error_responses(401, 403, 422, 503)
    )

    @router.get("/print-batches", response_model=list[PrintBatchView])
    async def list_batches(
        principal: Clerk,
        county: Annotated[County | None, Query(description="One county.")] = None,
    ) -> list[dict[str, Any]]:
        """The daily print batches of a county (a county role: its own)."""
        chosen = county or principal.county
        if chosen is not None:
            ensure_county_access(principal, chosen)
        async with runtime.pool.connection() as conn:
            return await print_batches(conn, [County(chosen)] if chosen else list(County))

    async def batch_for(conn: Connection, batch_id: UUID, principal: Principal) -> None:
        county = await batch_county(conn, batch_id)
        if county is None:
            raise ApiError(404, "no such print batch")
        ensure_county_access(principal, county)

    @router.get(
        "/print-batches/{batch_id}/bundle.pdf",
        response_class=Response,
        responses={200: {"content": {"application/pdf": {}}}, **error_responses(404)},
    )
    async def batch_bundle(batch_id: UUID, principal: Clerk, disclosed: Disclosed) -> Response:
        """The batch's letters as one PDF, each from a new page, in manifest order."""
        async with runtime.pool.connection() as conn:
            await batch_for(conn, batch_id, principal)
            pdf, _ = await batch_contents(conn, batch_id)
            disclosed(*await voters_of_batch(conn, batch_id))
        return Response(pdf, media_type="application/pdf", headers=PDF_HEADERS)

    @router.get(
        "/print-batches/{batch_id}/manifest.csv",
        response_class=Response,
        responses={200: {"content": {"text/csv": {}}}, **error_responses(404)},
    )
    async def batch_manifest(batch_id: UUID, principal: Clerk, disclosed: Disclosed) -> Response:
        """The batch's manifest: one row per letter, in bundle order."""
        async with runtime.pool.connection() as conn:
            await batch_for(conn, batch_id, principal)
            _, manifest = await batch_contents(conn, batch_id)
            disclosed(*await voters_of_batch(conn, batch_id))
        return Response(manifest, media_type="text/csv; charset=utf-8", headers=PDF_HEADERS)

    return router
