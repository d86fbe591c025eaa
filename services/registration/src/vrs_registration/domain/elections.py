"""1.10.35.8 A(9): the days the election calendar sets for voters in suspense ``under_age``.

Pure functions, no I/O. An election (1.10.35.7 M) is a statewide general election, a political
party primary, the local elections of the Local Elections Act, or an election to fill a vacancy
in the office of United States representative; the Secretary of State keeps the calendar, and
each function here takes only the election days it needs.

A(9): "At 35 days and 21 days prior to the next election, the county clerk shall run a suspense
query report of the county voter file [...]. At 21 days prior to an election, the county clerk
shall activate all those suspense voters who will be 18 on or before the election."
"""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal

from vrs_registration.domain.rules import age_on

VOTING_AGE = 18
ACTIVATION_DAYS_BEFORE = 21


def eighteen_by(born: date, election_day: date) -> bool:
    """1.10.35.8 A(9): whether someone born on ``born`` "will be 18 on or before" ``election_day``.

    A birthday on election day counts; one the day after does not. Someone born on 29 February
    turns 18 on 1 March in a common year (:func:`vrs_registration.domain.rules.age_on`).
    """
    return age_on(born, election_day) >= VOTING_AGE


def activation_day(born: date, election_days: Iterable[date]) -> date | None:
    """1.10.35.8 A(9): the day a voter in suspense ``under_age`` born on ``born`` becomes active.

    Takes the date of birth and the days of every election in the calendar; returns the day 21
    days before the first election on or before which the voter will be 18, or None when the
    calendar holds no such election yet (the voter stays in suspense until one is set).

    Each election's 21st day is applied on its own, as the clause says "an election": when two
    elections are close together, a voter who is 18 only by the second is activated 21 days
    before the second, even if that day falls before the first.
    """
    qualifying = [day for day in election_days if eighteen_by(born, day)]
    if not qualifying:
        return None
    return min(qualifying) - timedelta(days=ACTIVATION_DAYS_BEFORE)


def due_for_activation(born: date, election_days: Iterable[date], today: date) -> bool:
    """1.10.35.8 A(9): whether a voter in suspense ``under_age`` is to be activated on ``today``.

    ``today`` is the county's date (New Mexico keeps Mountain time). Due from the activation day
    on: never on the 22nd day before the election, and a run that missed the 21st day (a service
    outage, an election entered late) activates the voter on the next day it runs.
    """
    day = activation_day(born, election_days)
    return day is not None and day <= today


def activates_on(born: date, election_day: date, election_days: Iterable[date]) -> date | None:
    """1.10.35.8 A(9): what the suspense report for the election on ``election_day`` says of a
    voter in suspense ``under_age``: the activation day when the voter will be 18 on or before
    that election (it may come from an earlier election of the calendar), None otherwise."""
    if not eighteen_by(born, election_day):
        return None
    return activation_day(born, [*election_days, election_day])


def report_days(today: date, election_day: date) -> Literal[35, 21] | None:
    """1.10.35.8 A(9): 35 or 21 when ``today`` is the 35th or the 21st day before the election,
    the days the county clerk runs the suspense query report; None on any other day."""
    match (election_day - today).days:
        case 35:
            return 35
        case 21:
            return 21
        case _:
            return None
