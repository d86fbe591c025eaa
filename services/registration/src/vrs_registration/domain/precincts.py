"""Precinct assignments (1.10.35.9 B, C): the county clerk keeps a street file of standard 911
residential addresses and assigns each voter to the correct precinct. The street file is the
county's; the voter file keeps the code of the precinct the county assigned."""

import re

from vrs_contracts.api.registration import PRECINCT_PATTERN

PRECINCT_CODE = re.compile(PRECINCT_PATTERN)
PRECINCT_PROBLEM = (
    "must be a precinct code: one to sixteen letters, digits and hyphens, beginning with a "
    "letter or digit"
)


def precinct_code(written: str) -> str | None:
    """1.10.35.9 C: the precinct code a county wrote, as the voter file keeps it (upper-case,
    without surrounding blanks), or None when it is not a precinct code.

    ``"017"`` → ``"017"``; ``" 12-a "`` → ``"12-A"``; ``"12 A"``, ``"-1"``, ``""`` → None.
    """
    code = written.strip().upper()
    return code if written.isascii() and PRECINCT_CODE.fullmatch(code) else None


def precinct_after_update(
    precinct: str | None, *, county_changed: bool, residence_changed: bool
) -> str | None:
    """The precinct a voter keeps when a later certificate updates the record (1.10.35.8 A(1)).

    A precinct is where the voter's residence lies in the county's street file (1.10.35.9 B, C):
    a move to another county or to another residence leaves the voter unassigned until the
    county assigns the new address; any other update keeps the assignment.
    """
    if county_changed or residence_changed:
        return None
    return precinct
