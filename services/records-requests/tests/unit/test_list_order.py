"""1.10.35.7 AA: a precinct voter list is "arranged in alphabetical order of voter surname
within and for each precinct"; a county list by surname within the county. The projection
answers 1.10.35.10 B's products it can make, and names why it cannot make the others."""

from dataclasses import dataclass
from uuid import UUID

import pytest

from vrs_contracts.api.records_requests import Product
from vrs_records_requests.domain.products import SortColumn, list_order, unavailable_reason


@dataclass(frozen=True)
class Voter:
    county: str
    precinct: str | None
    last_name: str
    first_name: str
    middle_name: str | None
    voter_id: UUID


def in_order(voters: list[Voter], product: Product) -> list[Voter]:
    """Sort as the database does with the order's columns (missing values first or last)."""

    def key(voter: Voter) -> tuple[tuple[bool, str], ...]:
        parts = []
        for sort in list_order(product):
            value = getattr(voter, sort.column)
            missing = value is None
            parts.append((missing != sort.missing_first, "" if missing else str(value)))
        return tuple(parts)

    return sorted(voters, key=key)


VOTERS = [
    Voter("taos", "002", "Archuleta", "Ana", None, UUID(int=1)),
    Voter("taos", None, "Abeyta", "Ben", None, UUID(int=2)),
    Voter("taos", "001", "Vigil", "Cruz", None, UUID(int=3)),
    Voter("taos", "001", "Baca", "Dora", "M", UUID(int=4)),
    Voter("taos", "002", "Archuleta", "Ana", "B", UUID(int=5)),
    Voter("catron", "009", "Zamora", "Eli", None, UUID(int=6)),
]


def test_a_precinct_list_is_by_county_then_precinct_then_surname_the_unassigned_last() -> None:
    ordered = in_order(VOTERS, Product.precinct_list)

    assert [(v.county, v.precinct, v.last_name) for v in ordered] == [
        ("catron", "009", "Zamora"),
        ("taos", "001", "Baca"),
        ("taos", "001", "Vigil"),
        ("taos", "002", "Archuleta"),
        ("taos", "002", "Archuleta"),
        ("taos", None, "Abeyta"),
    ]
    assert [v.voter_id.int for v in ordered[3:5]] == [1, 5]  # no middle name first


@pytest.mark.parametrize("product", [Product.voter_list, Product.voter_data])
def test_a_county_list_is_by_surname_within_the_county_whatever_the_precinct(
    product: Product,
) -> None:
    ordered = in_order(VOTERS, product)

    assert [v.last_name for v in ordered] == [
        "Zamora", "Abeyta", "Archuleta", "Archuleta", "Baca", "Vigil",
    ]  # fmt: skip
    assert SortColumn("precinct") not in list_order(product)


def test_a_precinct_list_can_be_made_and_an_early_and_absentee_report_cannot() -> None:
    assert unavailable_reason(Product.precinct_list) is None
    reason = unavailable_reason(Product.early_absentee_daily_report)
    assert reason is not None
    assert "absentee" in reason
