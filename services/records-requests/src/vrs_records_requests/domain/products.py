"""What a requester may ask for: the products and media of 1.10.35.10 B."""

from vrs_contracts.api.records_requests import Product

UNAVAILABLE: dict[Product, str] = {
    Product.precinct_list: "no voter event carries a precinct, so no precinct list can be made",
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
}
"""The lawful filters (domain/selection.py) and the projection column each compares with."""
