"""The review API: a county's queue of pairs only its clerk may decide, and the decision.

County roles see and decide only their own county's tasks; the Secretary of State's admin any.
The queue is selected by county, state and kind, and by nothing else: a request naming any other
parameter (party, gender, age, ...) is refused, since no maintenance may select voters by a
protected class (1.10.35.9).
"""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request

from vrs_contracts.api.errors import error_responses
from vrs_contracts.api.reviews import ReviewResolution, ReviewSummary, ReviewView
from vrs_contracts.counties import County
from vrs_contracts.events.matching import DUPLICATE_KINDS
from vrs_contracts.vocabulary import MatchKind, ReviewState, ReviewSubject, Role
from vrs_matching.service_layer.reviews import (
    QueueFilter,
    Trace,
    find_review,
    list_reviews,
    resolve_review,
)
from vrs_plumbing.access import Disclosed, ensure_county_access, require_role
from vrs_plumbing.auth import Principal
from vrs_plumbing.errors import ApiError, FieldProblem
from vrs_plumbing.runtime import Runtime

reviewers = require_role(Role.county_clerk, Role.county_supervisor, Role.sos_admin)
QUEUE_PARAMETERS = frozenset({"county", "state", "kind", "limit"})
TO_DO = (ReviewState.open, ReviewState.needs_contact)


def only_queue_parameters(request: Request) -> None:
    """Refuse any query parameter that is not a filter of the queue, naming it (1.10.35.9)."""
    unknown = sorted(set(request.query_params) - QUEUE_PARAMETERS)
    if unknown:
        raise ApiError(
            400,
            "the review queue is selected by county, state and kind only; never by party, "
            "gender, age, residence or any other protected class (1.10.35.9)",
            [FieldProblem(name, "not a filter of the review queue") for name in unknown],
        )


def voters_of(review: ReviewSummary) -> list[UUID]:
    """The voters whose records a task shows: the voter under review, and the candidate when it
    is another registration (a duplicate's record id is its voter id)."""
    voters = [review.subject_id] if review.subject is ReviewSubject.voter else []
    if review.kind in DUPLICATE_KINDS:
        voters.append(UUID(review.record_id))
    return voters


def build_review_router(runtime: Runtime) -> APIRouter:
    """The routes of the review queue."""
    router = APIRouter(
        prefix="/v1/reviews", tags=["reviews"], responses=error_responses(401, 403, 422)
    )

    @router.get(
        "",
        response_model=list[ReviewSummary],
        responses=error_responses(400),
        dependencies=[Depends(only_queue_parameters)],
    )
    async def get_reviews(
        principal: Annotated[Principal, Depends(reviewers)],
        county: Annotated[
            County | None,
            Query(description="The owning county; a county role's own county when omitted."),
        ] = None,
        state: Annotated[
            ReviewState | None,
            Query(
                description="open, needs_contact or resolved; the tasks still to do "
                "(open and needs_contact) when omitted."
            ),
        ] = None,
        kind: Annotated[
            MatchKind | None, Query(description="What the candidate record is.")
        ] = None,
        limit: Annotated[int, Query(ge=1, le=500, description="At most this many tasks.")] = 100,
    ) -> list[ReviewSummary]:
        """The owning county's review queue, best-scored first."""
        county = county or principal.county
        if county is not None:
            ensure_county_access(principal, county)
        selection = QueueFilter(
            county=county, states=(state,) if state else TO_DO, kind=kind, limit=limit
        )
        async with runtime.pool.connection() as conn:
            return await list_reviews(conn, selection)

    @router.get("/{review_id}", response_model=ReviewView, responses=error_responses(404))
    async def get_review(
        review_id: UUID, principal: Annotated[Principal, Depends(reviewers)], disclosed: Disclosed
    ) -> ReviewView:
        """One task: both records side by side (SSN as last four only) and the evidence."""
        async with runtime.pool.connection() as conn:
            review = await find_review(conn, review_id)
        if review is None:
            raise ApiError(404, "no such review")
        ensure_county_access(principal, review.county)
        disclosed(*voters_of(review))
        return review

    @router.post(
        "/{review_id}/resolution",
        response_model=ReviewView,
        responses=error_responses(400, 404, 409),
    )
    async def post_resolution(
        review_id: UUID,
        resolution: ReviewResolution,
        request: Request,
        principal: Annotated[Principal, Depends(reviewers)],
        disclosed: Disclosed,
    ) -> ReviewView:
        """Decide a pair: match (a positive match, 1.10.35.7 X), not_a_match, or needs_contact."""
        async with runtime.pool.connection() as conn, conn.transaction():
            review = await find_review(conn, review_id)
            if review is None:
                raise ApiError(404, "no such review")
            ensure_county_access(principal, review.county)  # a task's county never changes
            disclosed(*voters_of(review))
            return await resolve_review(
                conn,
                review_id,
                resolution,
                actor=principal.subject,
                trace=Trace(correlation_id=request.state.correlation_id),
            )

    return router
