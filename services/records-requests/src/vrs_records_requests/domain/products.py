"""What a requester may ask for: the products and media of 1.10.35.10 B, and the order each
list takes."""

from typing import NamedTuple

from vrs_contracts.api.records_requests import Product

UNAVAILABLE: dict[Product, str] = {
    Product.early_absentee_daily_report: "no event carries early or absentee voting",
}
"""Products the schedule prices but the public projection cannot make, and why."""


def unavailable_reason(product: Product) -> str | None:
    """Why the projection cannot make ``product``; None when it can. Nothing is invented."""
    return UNAVAILABLE.get(product)


LISTED_STATUSES: tuple[str, ...] = ("active", "inactive")
"""The statuses of a registered voter (1.10.35.7 A, O, MM) that a voter list holds."""

FILTER_COLUMNS: dict[str, str] = {
    "party": "party",
    "zip": "residence_zip",
    "city": "residence_city",
    "street": "residence_street",
    "precinct": "precinct",
}
"""The lawful filters (domain/selection.py) and the projection column each compares with."""


class SortColumn(NamedTuple):
    """One column of a list's order, and where the voters without a value in it go."""

    column: str
    missing_first: bool = False


BY_SURNAME: tuple[SortColumn, ...] = (
    SortColumn("last_name"),
    SortColumn("first_name"),
    SortColumn("middle_name", missing_first=True),
    SortColumn("voter_id"),
)
"""Alphabetical order of surname; given and middle name, then the id, settle ties for good."""


def list_order(product: Product) -> tuple[SortColumn, ...]:
    """The order of a county list (by county, then surname) or of a precinct list: 1.10.35.7 AA,
    "a voter list arranged in alphabetical order of voter surname within and for each
    precinct", so by county, precinct, then surname. Voters the county has not yet assigned to
    a precinct (1.10.35.9 C) form the last group of their county, with an empty precinct
    (docs/adr/0040). A special voter list keeps the order requested, and takes none of these."""
    if product is Product.precinct_list:
        return (SortColumn("county"), SortColumn("precinct"), *BY_SURNAME)
    return (SortColumn("county"), *BY_SURNAME)
