"""Due dates of notices: business days in the county's own time zone and office hours.

Pure: the state holidays come in as a set of dates (``Holidays``); the adapter
``vrs_notifications.adapters.nm_holidays`` draws them from the ``holidays`` library.
"""

from collections.abc import Container
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from vrs_contracts.counties import County

Holidays = Container[date]
"""The days the county clerk's office is closed besides Saturdays and Sundays."""

FIVE = 5


class DeadlineKind(StrEnum):
    """How a notice's deadline counts."""

    business_days = "business_days"
    """"Within five business days" (1.10.35.8 C(1)-(4), C(6), F(1), F(3)(b); 1.10.35.9 D(2))."""
    calendar_days = "calendar_days"
    """"Within five days" (1.10.35.8 A(2)): every day counts, weekends and holidays too."""


@dataclass(frozen=True)
class CountyClock:
    """When a county clerk's office keeps its days: its time zone and closing time.

    An event after closing belongs to the next day the office is open.
    """

    time_zone: str
    closes_at: time


MOUNTAIN_OFFICE = CountyClock(time_zone="America/Denver", closes_at=time(17, 0))
COUNTY_CLOCKS: dict[County, CountyClock] = dict.fromkeys(County, MOUNTAIN_OFFICE)
"""Every New Mexico county keeps Mountain time (America/Denver, with daylight saving); kept per
county so that a county whose office hours differ is one entry to change."""


def county_clock(county: County) -> CountyClock:
    """The clock of ``county``'s clerk office."""
    return COUNTY_CLOCKS[county]


def is_business_day(day: date, holidays: Holidays) -> bool:
    """A weekday that is no state holiday."""
    return day.weekday() < 5 and day not in holidays


def next_business_day(day: date, holidays: Holidays) -> date:
    """The first business day strictly after ``day``."""
    day += timedelta(days=1)
    while not is_business_day(day, holidays):
        day += timedelta(days=1)
    return day


def business_days_after(start: date, count: int, holidays: Holidays) -> date:
    """The ``count``-th business day after ``start`` (``start`` itself never counts)."""
    day = start
    for _ in range(count):
        day = next_business_day(day, holidays)
    return day


def office_day(moment: datetime, clock: CountyClock, holidays: Holidays) -> date:
    """The business day on which the office received something that arrived at ``moment``:
    the local date if the office was open, else the next business day (after closing time, on a
    weekend or a holiday)."""
    local = moment.astimezone(ZoneInfo(clock.time_zone))
    day = local.date()
    if is_business_day(day, holidays) and local.time() < clock.closes_at:
        return day
    return next_business_day(day, holidays)


def due_date(
    triggered_at: datetime,
    kind: DeadlineKind,
    clock: CountyClock,
    holidays: Holidays,
    days: int = FIVE,
) -> date:
    """The last day a notice may go out.

    Business days: the day of receipt (``office_day``) is day zero; the due date is the fifth
    business day after it (1.10.35.8 C: "within five business days of the county clerk
    rejecting"). Calendar days (1.10.35.8 A(2), "within five days"): five days after the local
    date of the request, whatever those days are.
    """
    if triggered_at.tzinfo is None:
        raise ValueError("triggered_at must carry its time zone")
    if kind is DeadlineKind.calendar_days:
        local_day = triggered_at.astimezone(ZoneInfo(clock.time_zone)).date()
        return local_day + timedelta(days=days)
    return business_days_after(office_day(triggered_at, clock, holidays), days, holidays)


def local_today(now: datetime, clock: CountyClock) -> date:
    """Today's date in the county, for the SLA view."""
    return now.astimezone(ZoneInfo(clock.time_zone)).date()
