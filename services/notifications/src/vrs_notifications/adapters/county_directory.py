"""The county directory: each county clerk's return address and contact, printed on every notice.

The data file ``data/county_directory.json`` is configuration to be confirmed by each county:
its entries are placeholders (the county seat, no telephone or e-mail) until a county confirms
its own, and sets ``confirmed`` to true.
"""

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from vrs_contracts.counties import County


@dataclass(frozen=True)
class CountyOffice:
    """A county clerk's office as a letter names it."""

    county_name: str
    office: str
    street: str
    city: str
    state: str
    zip: str
    phone: str
    email: str
    confirmed: bool


@cache
def county_directory() -> dict[County, CountyOffice]:
    """Every county's office, from the package's data file; fails loudly on a missing county."""
    raw = json.loads(
        files("vrs_notifications").joinpath("data/county_directory.json").read_text("utf-8")
    )
    offices = {County(code): CountyOffice(**entry) for code, entry in raw["counties"].items()}
    missing = set(County) - set(offices)
    if missing:
        raise LookupError(f"county directory lacks {sorted(missing)}")
    return offices


def county_office(county: County) -> CountyOffice:
    """The office of ``county``'s clerk."""
    return county_directory()[county]
