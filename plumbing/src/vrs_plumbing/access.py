"""Who may do what: bearer authentication and role/county checks as FastAPI dependencies."""

from collections.abc import Callable
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Request

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_plumbing.auth import Principal
from vrs_plumbing.errors import ApiError


def current_principal(request: Request) -> Principal:
    """The caller of a request that needs a valid token; 401 when there is none."""
    principal: Principal | None = request.state.principal
    if principal is None:
        raise ApiError(401, request.state.auth_error or "a bearer token is required")
    return principal


def require_role(*roles: Role) -> Callable[[Request], Principal]:
    """A dependency admitting only callers holding one of ``roles``; 403 for the others."""
    allowed = frozenset(roles)

    def dependency(request: Request) -> Principal:
        principal = current_principal(request)
        if principal.role not in allowed:
            raise ApiError(403, f"role {principal.role} may not do this")
        return principal

    return dependency


def ensure_county_access(principal: Principal, county: County | str) -> None:
    """A county role acts only in its own county (least privilege); statewide roles anywhere."""
    if principal.county is not None and principal.county != county:
        raise ApiError(
            403, f"a {principal.role} of {principal.county} may not act in another county"
        )


class Disclosure:
    """What a route declares its answer discloses: the voters whose personal data it shows.

    The request's audit entry carries them (``AccessAttempted.voter_ids``), so the log can say
    who saw whose record (1.10.35.8 D(10)) and a breach can be traced to the voters it touched.
    A route takes ``disclosed: Disclosed`` and calls ``disclosed(voter_id, ...)`` once it knows
    the caller may see them; an answer that is not a success discloses nothing.
    """

    def __init__(self, request: Request) -> None:
        self._voter_ids: list[UUID] = request.state.disclosed_voter_ids

    def __call__(self, *voter_ids: UUID | None) -> None:
        """Declare these voters (None and repeats are ignored) disclosed by the answer."""
        for voter_id in voter_ids:
            if voter_id is not None and voter_id not in self._voter_ids:
                self._voter_ids.append(voter_id)


Disclosed = Annotated[Disclosure, Depends(Disclosure)]
