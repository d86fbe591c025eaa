"""1.10.35.11 H: who may download an export, how often and until when; what a file holds."""

from datetime import UTC, datetime, timedelta

import pytest

from vrs_contracts.api.records_requests import Product
from vrs_records_requests.adapters.labels import label_lines
from vrs_records_requests.domain.exports import (
    LABEL_FIELDS,
    columns_of,
    csv_cell,
    download_refusal,
    expires_at,
)
from vrs_records_requests.domain.projection import PUBLIC_FIELDS

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=1)
ALLOWED = {
    "state": "ready", "owner": "pat", "subject": "pat", "downloads": 0, "limit": 3,
    "expires": LATER, "now": NOW, "paid_cents": 1500, "total_cents": 1500,
}  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({}, None),
        ({"downloads": 2}, None),
        ({"subject": "someone-else"}, 403),
        ({"downloads": 3}, 403),
        ({"paid_cents": 1499}, 403),
        ({"expires": NOW}, 410),
        ({"state": "deleted"}, 410),
        ({"state": "building", "expires": None}, 409),
        ({"subject": "someone-else", "state": "deleted"}, 403),
    ],
)
def test_a_download_is_the_requesters_paid_within_the_limit_and_before_expiry(
    changes: dict[str, object], status: int | None
) -> None:
    refusal = download_refusal(**{**ALLOWED, **changes})  # type: ignore[arg-type]
    assert (refusal.status_code if refusal else None) == status


def test_an_export_expires_its_days_after_it_is_ready() -> None:
    assert expires_at(NOW, 7) == NOW + timedelta(days=7)


@pytest.mark.parametrize("product", list(Product))
def test_a_file_holds_the_public_fields_or_for_labels_the_name_and_mailing_address(
    product: Product,
) -> None:
    columns = columns_of(product)
    assert set(columns) <= set(PUBLIC_FIELDS)
    assert columns == (LABEL_FIELDS if product is Product.printed_labels else PUBLIC_FIELDS)


@pytest.mark.parametrize(
    ("value", "cell"),
    [(None, ""), (1980, "1980"), ("Baca", "Baca"), ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
     ("+1", "'+1"), ("-x", "'-x"), ("@SUM", "'@SUM")],
)  # fmt: skip
def test_a_cell_a_spreadsheet_would_run_is_quoted(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


def test_a_label_is_the_name_street_and_place_without_empty_lines() -> None:
    row = {
        "first_name": "Alma", "middle_name": "", "last_name": "Núñez", "suffix": "Jr",
        "mailing_street": "", "mailing_city": "Santa Fe", "mailing_state": "NM",
        "mailing_zip": "87501",
    }  # fmt: skip
    assert label_lines(row) == ["Alma Núñez Jr", "Santa Fe, NM 87501"]
