"""The uniform fee schedule (1.10.35.10 B) and the quote computed from it.

The schedule is data the SOS changes: versions with effective dates, each pricing every product
as a base fee plus a fee per started thousand records, and every medium as a flat fee. A quote
is that arithmetic and nothing else, in cents.
"""

from dataclasses import dataclass
from datetime import date

from vrs_contracts.api.records_requests import Medium, Product


@dataclass(frozen=True)
class ProductFee:
    """What one product costs: a base fee and a fee per started thousand records."""

    base_cents: int
    per_thousand_cents: int


@dataclass(frozen=True)
class FeeSchedule:
    """One version of the schedule, in effect from ``effective_from`` (inclusive)."""

    version: str
    effective_from: date
    products: dict[Product, ProductFee]
    media: dict[Medium, int]


@dataclass(frozen=True)
class QuoteLine:
    """One line of a quote."""

    item: str
    quantity: int
    unit_cents: int
    amount_cents: int


@dataclass(frozen=True)
class Quote:
    """A quote: the schedule version it comes from, its lines and their total."""

    schedule_version: str
    lines: tuple[QuoteLine, ...]
    total_cents: int


def schedule_in_effect(versions: list[FeeSchedule], on: date) -> FeeSchedule:
    """1.10.35.10 B: the version in effect on ``on`` (the latest that started by then)."""
    started = [v for v in versions if v.effective_from <= on]
    if not started:
        raise LookupError(f"no fee schedule is in effect on {on.isoformat()}")
    return max(started, key=lambda v: v.effective_from)


def quote(schedule: FeeSchedule, product: Product, records: int, medium: Medium) -> Quote:
    """1.10.35.10 B: base fee + per started thousand records times its rate + the medium's fee."""
    fee = schedule.products[product]
    thousands = -(-records // 1000)
    lines = (
        QuoteLine(f"{product.value} base fee", 1, fee.base_cents, fee.base_cents),
        QuoteLine(
            f"{product.value} per started thousand records",
            thousands,
            fee.per_thousand_cents,
            thousands * fee.per_thousand_cents,
        ),
        QuoteLine(f"medium {medium.value}", 1, schedule.media[medium], schedule.media[medium]),
    )
    return Quote(schedule.version, lines, sum(line.amount_cents for line in lines))


def deposit_due(total_cents: int, deposit_percent: int) -> int:
    """1.10.35.10 B: the deposit a county requires, a share of the quote rounded up to a cent."""
    return -(-total_cents * deposit_percent // 100)
