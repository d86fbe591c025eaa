"""1.10.35.10 B: the quote is the uniform schedule's arithmetic, from the version in effect."""

from datetime import date

import pytest

from vrs_contracts.api.records_requests import Medium, Product
from vrs_records_requests.adapters.fee_schedule import load_schedule, parse_schedule
from vrs_records_requests.domain.fees import (
    FeeSchedule,
    ProductFee,
    deposit_due,
    quote,
    schedule_in_effect,
)

SCHEDULE = FeeSchedule(
    version="test",
    effective_from=date(2026, 1, 1),
    products={p: ProductFee(base_cents=1000 + i, per_thousand_cents=100 * (i + 1)) for i, p in enumerate(Product)},
    media={Medium.download: 0, Medium.cd: 500, Medium.usb: 1000, Medium.paper: 2000},
)  # fmt: skip


@pytest.mark.parametrize(
    ("product", "records", "medium", "total"),
    [
        (Product.voter_data, 0, Medium.download, 1000),
        (Product.voter_data, 1, Medium.download, 1000 + 100),
        (Product.voter_list, 1000, Medium.cd, 1001 + 200 + 500),
        (Product.voter_list, 1001, Medium.cd, 1001 + 2 * 200 + 500),
        (Product.special_voter_list, 2500, Medium.usb, 1002 + 3 * 300 + 1000),
        (Product.printed_labels, 999, Medium.paper, 1004 + 500 + 2000),
        (Product.early_absentee_daily_report, 10_000, Medium.download, 1005 + 10 * 600),
    ],
)
def test_the_quote_is_base_plus_each_started_thousand_plus_the_medium(
    product: Product, records: int, medium: Medium, total: int
) -> None:
    priced = quote(SCHEDULE, product, records, medium)
    assert priced.total_cents == total
    assert priced.total_cents == sum(line.amount_cents for line in priced.lines)
    assert priced.schedule_version == "test"


def test_the_version_in_effect_is_the_latest_started_by_that_day() -> None:
    later = FeeSchedule("2027", date(2027, 7, 1), SCHEDULE.products, SCHEDULE.media)
    versions = [later, SCHEDULE]
    assert schedule_in_effect(versions, date(2027, 6, 30)).version == "test"
    assert schedule_in_effect(versions, date(2027, 7, 1)).version == "2027"
    with pytest.raises(LookupError):
        schedule_in_effect(versions, date(2025, 12, 31))


@pytest.mark.parametrize(
    ("total", "percent", "deposit"),
    [(1000, 0, 0), (1000, 50, 500), (1001, 50, 501), (999, 100, 999)],
)
def test_a_deposit_is_the_countys_share_rounded_up_to_a_cent(
    total: int, percent: int, deposit: int
) -> None:
    assert deposit_due(total, percent) == deposit


def test_the_packaged_schedule_prices_every_product_on_every_medium() -> None:
    versions = load_schedule(None)
    current = schedule_in_effect(versions, date(2026, 12, 4))
    assert set(current.products) == set(Product)
    assert set(current.media) == set(Medium)


def test_a_schedule_that_leaves_a_product_unpriced_is_refused() -> None:
    document = {
        "versions": [
            {
                "version": "bad",
                "effective_from": "2026-01-01",
                "products": {"voter_list": {"base_cents": 1, "per_thousand_cents": 1}},
                "media": {"download": 0},
            }
        ]
    }
    with pytest.raises(ValueError, match="does not price"):
        parse_schedule(document)
