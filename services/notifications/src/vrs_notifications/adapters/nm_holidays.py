"""New Mexico's state holidays, from the ``holidays`` library (not a hand-written list).

``country_holidays("US", subdiv="NM")`` holds the federal holidays New Mexico observes, their observed
weekdays, and the state's own: Indigenous Peoples' Day, and Presidents' Day kept on the day
after Thanksgiving (holidays/countries/united_states.py, ``_populate_subdiv_nm_public_holidays``).
"""

from collections.abc import Container
from datetime import date

from holidays import country_holidays


def new_mexico_holidays() -> Container[date]:
    """New Mexico's state holidays, observed dates included. The calendar fills in each year the
    first time a date of it is asked about, so it never runs out."""
    return country_holidays("US", subdiv="NM", observed=True)
