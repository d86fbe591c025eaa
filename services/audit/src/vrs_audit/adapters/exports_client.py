"""The audit service's one synchronous call: the voters an export of records-requests held.

``GET /v1/exports/{export_id}/voters`` answers ``{"export_id": …, "voter_ids": [...]}`` to the
auditor role; the auditor's own bearer token is forwarded, so records-requests checks the role
and audits the same actor.
"""

from uuid import UUID

import httpx
from pydantic import BaseModel, ConfigDict, ValidationError


class ExportsUnavailableError(Exception):
    """Records-requests did not answer (down, slow, failing, or an answer of the wrong shape)."""


class ExportNotFoundError(Exception):
    """Records-requests knows no such export."""


class ExportVoters(BaseModel):
    """Records-requests' answer: the voters an export held."""

    model_config = ConfigDict(extra="ignore")

    export_id: UUID
    voter_ids: list[UUID]


class ExportsClient:
    """An httpx client of records-requests' export voters."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=timeout, transport=transport)

    async def voters_of(self, export_id: UUID, *, bearer: str, correlation_id: str) -> list[UUID]:
        """The voters export ``export_id`` held."""
        try:
            response = await self._client.get(
                f"/v1/exports/{export_id}/voters",
                headers={"Authorization": f"Bearer {bearer}", "X-Correlation-ID": correlation_id},
            )
        except httpx.HTTPError as exc:
            raise ExportsUnavailableError(type(exc).__name__) from None
        if response.status_code == 404:
            raise ExportNotFoundError(str(export_id))
        if response.status_code != 200:
            raise ExportsUnavailableError(f"records-requests answered {response.status_code}")
        try:
            answer = ExportVoters.model_validate_json(response.content)
        except ValidationError:
            raise ExportsUnavailableError("records-requests answered another shape") from None
        if answer.export_id != export_id:
            raise ExportsUnavailableError("records-requests answered about another export")
        return answer.voter_ids

    async def close(self) -> None:
        """Release the connection pool."""
        await self._client.aclose()
