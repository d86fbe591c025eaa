"""The audit service checks its own callers' accounts in its own database, not over HTTP."""

from datetime import UTC, datetime

from vrs_audit.service_layer.accounts import standing_of
from vrs_plumbing.accounts import account_refusal
from vrs_plumbing.auth import Principal
from vrs_plumbing.db import Pool


class LocalAccountGate:
    """The same decision as every other service's (``account_refusal``), asked of the table."""

    def __init__(self, pool: Pool, *, accounts_required: bool) -> None:
        self._pool = pool
        self._accounts_required = accounts_required

    async def refusal(self, principal: Principal, token: str) -> str | None:  # noqa: ARG002 - the protocol's signature
        try:
            async with self._pool.connection() as conn:
                standing = await standing_of(conn, principal.subject, datetime.now(UTC))
        except Exception:  # fail closed, as the HTTP gate does
            return "the account could not be checked; try again"
        return account_refusal(principal, standing, accounts_required=self._accounts_required)

    async def close(self) -> None:
        return None
