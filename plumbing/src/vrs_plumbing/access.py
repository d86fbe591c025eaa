"""Who may do what: bearer authentication and role/county checks as FastAPI dependencies."""

from collections.abc import Callable

from fastapi import Request

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
