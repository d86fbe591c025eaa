"""What a clerk does to a notice: re-print its letter, record it mailed by hand, record it
returned undeliverable. County-scoped like the rest of the API.
"""

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter

from vrs_contracts.api.errors import error_responses
from vrs_contracts.api.notifications import (
    MailingRequest,
    NoticeDetail,
    ReprintRequest,
    ReturnRequest,
)
from vrs_notifications.adapters.letters import LetterRenderer
from vrs_notifications.domain.state import OUT, IllegalTransitionError, NoticeState
from vrs_notifications.entrypoints.scope import Clerk, notice_for, notice_view
from vrs_notifications.service_layer.notices import (
    history_of,
    latest_letter,
    record_delivery,
    record_return,
    render_notice,
)
from vrs_plumbing.errors import ApiError
from vrs_plumbing.runtime import Runtime


def build_router(runtime: Runtime, renderer: LetterRenderer) -> APIRouter:
    """Routes of a clerk's actions on a notice."""
    router = APIRouter(
        prefix="/v1", tags=["notices"], responses=error_responses(401, 403, 422, 503)
    )

    @router.post(
        "/notices/{notice_id}/reprints",
        status_code=201,
        response_model=NoticeDetail,
        responses=error_responses(404),
    )
    async def reprint(
        notice_id: UUID, principal: Clerk, request: ReprintRequest | None = None
    ) -> dict[str, Any]:
        """Re-print a notice's letter: a new version; a returned or failed notice is rendered
        again, ready to go out."""
        now = datetime.now(UTC)
        note = request.note if request else None
        async with runtime.pool.connection() as conn, conn.transaction():
            notice = await notice_for(conn, notice_id, principal, lock=True)
            if NoticeState(notice["state"]) in OUT - {NoticeState.returned}:
                raise ApiError(
                    409,
                    f"the notice is {notice['state']}: record its return before re-printing it",
                    code="conflict",
                )
            await render_notice(conn, notice, renderer, principal.subject, now, note=note)
            notice = await notice_for(conn, notice_id, principal)
            history = await history_of(conn, notice_id)
        return {**notice_view(notice), "history": history}

    @router.post(
        "/notices/{notice_id}/mailings",
        status_code=201,
        response_model=NoticeDetail,
        responses=error_responses(404, 409),
    )
    async def mailed_by_hand(
        notice_id: UUID, principal: Clerk, request: MailingRequest | None = None
    ) -> dict[str, Any]:
        """Record that the clerk mailed the notice's letter by hand (it is rendered first if it
        was not yet)."""
        now = datetime.now(UTC)
        async with runtime.pool.connection() as conn, conn.transaction():
            notice = await notice_for(conn, notice_id, principal, lock=True)
            state = NoticeState(notice["state"])
            if state is not NoticeState.scheduled and state is not NoticeState.rendered:
                raise ApiError(
                    409,
                    f"the notice is {state}: re-print it before mailing it again",
                    code="conflict",
                )
            if state is NoticeState.scheduled:
                notice, _, _ = await render_notice(conn, notice, renderer, principal.subject, now)
            letter = await latest_letter(conn, notice_id)
            assert letter is not None
            await record_delivery(
                conn,
                notice,
                channel="mail",
                method="hand",
                version=letter["version"],
                actor=principal.subject,
                now=now,
                reference=request.note if request else None,
            )
            notice = await notice_for(conn, notice_id, principal)
            history = await history_of(conn, notice_id)
        return {**notice_view(notice), "history": history}

    @router.post(
        "/notices/{notice_id}/returns",
        status_code=201,
        response_model=NoticeDetail,
        responses=error_responses(404, 409),
    )
    async def returned(
        notice_id: UUID, principal: Clerk, request: ReturnRequest | None = None
    ) -> dict[str, Any]:
        """Record that a mailed notice came back undeliverable; published for the NVRA
        designation (1.10.35.9 A(2))."""
        now = datetime.now(UTC)
        async with runtime.pool.connection() as conn, conn.transaction():
            notice = await notice_for(conn, notice_id, principal, lock=True)
            try:
                await record_return(
                    conn, notice, principal.subject, now, request.reason if request else None
                )
            except IllegalTransitionError as exc:
                raise ApiError(409, str(exc), code="conflict") from None
            notice = await notice_for(conn, notice_id, principal)
            history = await history_of(conn, notice_id)
        return {**notice_view(notice), "history": history}

    return router
