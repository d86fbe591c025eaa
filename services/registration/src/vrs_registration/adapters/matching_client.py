"""Registration's one synchronous call: matching's MVD identity check, with a person waiting.

The caller's own bearer token is forwarded, so matching checks the same role and audits the
same actor. A timeout or a failure of matching is answered as "unavailable", never as a
mismatch: a person must not be sent to the paper form because a server was slow.
"""

import httpx

from vrs_contracts.api.matching import (
    MvdIdentityAnswer,
    MvdIdentityQuery,
    MvdRecordAnswer,
    MvdRecordQuery,
)


class MatchingUnavailableError(Exception):
    """Matching did not answer the identity check (down, slow, or failing)."""


class MatchingClient:
    """An httpx client of the matching service's identity-match endpoint."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 5.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=timeout, transport=transport)

    async def identity_match(
        self, query: MvdIdentityQuery, *, bearer: str, correlation_id: str
    ) -> MvdIdentityAnswer:
        """Ask matching whether the MVD holds this identity (1.10.35.8 D(1))."""
        content = await self._post(
            "/v1/mvd/identity-matches", query.model_dump_json(), bearer, correlation_id
        )
        return MvdIdentityAnswer.model_validate_json(content)

    async def verify_record(
        self, query: MvdRecordQuery, *, bearer: str, correlation_id: str
    ) -> MvdRecordAnswer:
        """Ask matching whether one MVD record verifies a paper form's partial identity (A(2))."""
        content = await self._post(
            "/v1/mvd/record-verifications", query.model_dump_json(), bearer, correlation_id
        )
        return MvdRecordAnswer.model_validate_json(content)

    async def _post(self, path: str, body: str, bearer: str, correlation_id: str) -> bytes:
        try:
            response = await self._client.post(
                path,
                content=body,
                headers={
                    "Authorization": f"Bearer {bearer}",
                    "Content-Type": "application/json",
                    "X-Correlation-ID": correlation_id,
                },
            )
        except httpx.HTTPError as exc:
            raise MatchingUnavailableError(type(exc).__name__) from None
        if response.status_code != 200:
            raise MatchingUnavailableError(f"matching answered {response.status_code}")
        return response.content

    async def close(self) -> None:
        """Release the connection pool."""
        await self._client.aclose()
