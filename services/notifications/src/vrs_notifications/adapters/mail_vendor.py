"""The mail vendor: letters handed over HTTP (httpx) for printing and posting.

Every submission carries an ``Idempotency-Key`` (the notice and its letter version), so the
retries after a timeout or a 5xx never post a letter twice; 4xx other than 429 are not retried.
"""

import asyncio
import base64
import logging

import httpx

log = logging.getLogger(__name__)
RETRYABLE = frozenset({429, 500, 502, 503, 504})


class MailVendorError(RuntimeError):
    """The vendor refused a letter, or could not be reached after every attempt."""


class MailVendor:
    """A client of the mail vendor's ``POST /letters``."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        attempts: int = 4,
        backoff_seconds: float = 0.5,
        timeout: float = 15.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._client = httpx.AsyncClient(
            base_url=base_url, headers=headers, timeout=timeout, transport=transport
        )
        self._attempts = attempts
        self._backoff = backoff_seconds

    async def submit(
        self, idempotency_key: str, county: str, address_lines: list[str], pdf: bytes
    ) -> str:
        """Hand one letter to the vendor; returns the vendor's reference for it."""
        body = {
            "county": county,
            "address_lines": address_lines,
            "pdf_base64": base64.b64encode(pdf).decode(),
        }
        last_error = "no attempt made"
        for attempt in range(1, self._attempts + 1):
            try:
                answer = await self._client.post(
                    "/letters", json=body, headers={"Idempotency-Key": idempotency_key}
                )
            except httpx.TransportError as exc:
                last_error = type(exc).__name__
            else:
                if answer.status_code < 300:
                    reference: str = answer.json()["reference"]
                    return reference
                if answer.status_code not in RETRYABLE:
                    raise MailVendorError(
                        f"the mail vendor refused the letter: {answer.status_code}"
                    )
                last_error = f"HTTP {answer.status_code}"
            log.warning(
                "mail vendor attempt failed",
                extra={"attempt": attempt, "error": last_error, "idempotency_key": idempotency_key},
            )
            if attempt < self._attempts:
                await asyncio.sleep(self._backoff * 2 ** (attempt - 1))
        raise MailVendorError(f"the mail vendor could not be reached: {last_error}")

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self._client.aclose()
