"""The signing keys of the token issuer, fetched from its JWKS endpoint and kept by ``kid``.

A token naming a key the service does not know yet makes it fetch the JWKS again (a key
rotation at the issuer), at most once per ``min_refresh_seconds``, so a flood of tokens with
made-up ``kid`` values cannot turn into a flood of fetches.
"""

import logging
import time

import httpx

from vrs_plumbing.auth import TokenError, TokenVerifier

log = logging.getLogger(__name__)


class JwksKeys:
    """Feeds a :class:`TokenVerifier` with the keys of the issuer's JWKS document."""

    def __init__(
        self,
        url: str,
        verifier: TokenVerifier,
        *,
        timeout_seconds: float,
        min_refresh_seconds: float = 30.0,
    ) -> None:
        self._url = url
        self._verifier = verifier
        self._client = httpx.AsyncClient(timeout=timeout_seconds)
        self._min_refresh_seconds = min_refresh_seconds
        self._fetched_at: float | None = None

    async def ensure_key_for(self, token: str) -> None:
        """Fetch the JWKS when ``token`` names a key not known yet (and not fetched just now)."""
        if self._verifier.unknown_key_id(token) is None:
            return
        now = time.monotonic()
        if self._fetched_at is not None and now - self._fetched_at < self._min_refresh_seconds:
            return
        self._fetched_at = now
        try:
            response = await self._client.get(self._url)
            response.raise_for_status()
            self._verifier.add_jwks(response.json())
        except (httpx.HTTPError, ValueError, TokenError) as exc:
            log.warning("token signing keys unavailable", extra={"error": type(exc).__name__})

    async def close(self) -> None:
        """Release the connection pool."""
        await self._client.aclose()
