"""Exports of 1.10.35.11 H: what a file holds, who may download it, how often, and until when.

"Data exports ... shall be stored in a protected location and shall be permanently deleted once
they are no longer needed": a file is encrypted at rest, downloaded only by the requester's
own user, a limited number of times, before its expiry; then it is deleted.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from vrs_contracts.api.records_requests import Product
from vrs_records_requests.domain.projection import PUBLIC_FIELDS

LABEL_FIELDS: tuple[str, ...] = (
    "voter_id", "first_name", "middle_name", "last_name", "suffix",
    "mailing_street", "mailing_city", "mailing_state", "mailing_zip",
)  # fmt: skip
"""A printed label's fields: the name and the mailing address, nothing else."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def columns_of(product: Product) -> tuple[str, ...]:
    """The columns of a product's file: labels the name and mailing address, every list the
    public fields (never more: the projection holds nothing else)."""
    return LABEL_FIELDS if product is Product.printed_labels else PUBLIC_FIELDS


def csv_cell(value: object) -> str:
    """A value as a CSV cell; text a spreadsheet would run as a formula is quoted with a
    leading apostrophe (CSV injection), empty for a missing value."""
    if value is None:
        return ""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def expires_at(ready_at: datetime, days: int) -> datetime:
    """1.10.35.11 H: the end of an export's life, ``days`` after it is ready."""
    return ready_at + timedelta(days=days)


@dataclass(frozen=True)
class DownloadRefusal:
    """Why a download is refused, with its HTTP status."""

    status_code: int
    reason: str


def download_refusal(
    *,
    state: str,
    owner: str,
    subject: str,
    downloads: int,
    limit: int,
    expires: datetime | None,
    now: datetime,
    paid_cents: int,
    total_cents: int,
) -> DownloadRefusal | None:
    """1.10.35.11 H: None when ``subject`` may download the file now; otherwise why not."""
    if subject != owner:
        return DownloadRefusal(403, "only the requester's own user may download an export")
    if state == "deleted" or (expires is not None and now >= expires):
        return DownloadRefusal(410, "the export has expired and is deleted")
    if state != "ready":
        return DownloadRefusal(409, "the export is not ready")
    if downloads >= limit:
        return DownloadRefusal(403, "the export's download limit is reached")
    if paid_cents < total_cents:
        return DownloadRefusal(403, "the request is not paid in full (1.10.35.10 B)")
    return None
