"""Is the caller's account still good? Asked on every authenticated request, in every service.

Accounts live in the audit service (DESIGN.md). A disabled account, or a role taken away, must
refuse the very next request of that user everywhere (1.10.35.11; docs/adr/0026), so nothing is
cached: each request asks the audit service about its token's subject, with a short timeout, and
an answer that does not come in time refuses the request (fail closed).
"""

from typing import Protocol

import httpx
from pydantic import ValidationError

from vrs_contracts.api.accounts import AccountStanding, AccountStandingAnswer
from vrs_plumbing.auth import Principal

STANDING_PATH = "/v1/account-standing"
ACCOUNT_DISABLED = "account disabled"


class AccountGate(Protocol):
    """Answers why a token's subject may not act now, or ``None`` when it may."""

    async def refusal(self, principal: Principal, token: str) -> str | None: ...

    async def close(self) -> None: ...


def account_refusal(
    principal: Principal, standing: AccountStanding | None, *, accounts_required: bool
) -> str | None:
    """Why the holder of a valid token is refused by its account, or ``None``.

    A subject with an account acts only while the account is active and only with the role and
    county the account holds now (a changed role needs a new token). A subject without an
    account — the development issuer's ``vrs token`` — is refused only when accounts are
    required (production).
    """
    if standing is None:
        return "no account for this subject" if accounts_required else None
    if standing.status != "active":
        return ACCOUNT_DISABLED
    if standing.role != principal.role or standing.county != principal.county:
        return "the token's role is no longer the account's; sign in again"
    return None


class OpenGate:
    """No account service configured (a service tested alone): only tokens decide."""

    async def refusal(self, principal: Principal, token: str) -> str | None:  # noqa: ARG002 - the protocol's signature
        return None

    async def close(self) -> None:
        return None


class AccountServiceGate:
    """Asks the audit service's ``GET /v1/account-standing`` with the caller's own token."""

    def __init__(self, base_url: str, *, timeout_seconds: float, accounts_required: bool) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=timeout_seconds)
        self._accounts_required = accounts_required

    async def refusal(self, principal: Principal, token: str) -> str | None:
        try:
            response = await self._client.get(
                STANDING_PATH, headers={"Authorization": f"Bearer {token}"}
            )
            response.raise_for_status()
            answer = AccountStandingAnswer.model_validate_json(response.content)
        except (httpx.HTTPError, ValidationError):
            return "the account could not be checked; try again"
        return account_refusal(principal, answer.account, accounts_required=self._accounts_required)

    async def close(self) -> None:
        """Release the connection pool."""
        await self._client.aclose()
