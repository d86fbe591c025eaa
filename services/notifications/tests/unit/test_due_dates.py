"""Due dates: five business days in the county's time zone, skipping weekends and New Mexico's
state holidays (1.10.35.8 C, D, F; 1.10.35.9 D), or five calendar days (1.10.35.8 A(2))."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from vrs_contracts.counties import County
from vrs_notifications.adapters.nm_holidays import new_mexico_holidays
from vrs_notifications.domain.calendar import (
    DeadlineKind,
    business_days_after,
    county_clock,
    due_date,
    office_day,
)

DENVER = ZoneInfo("America/Denver")
NM = new_mexico_holidays()
CLOCK = county_clock(County.santa_fe)


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=DENVER)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("triggered_at", "expected"),
    [
        pytest.param(local(2026, 11, 16, 10, 0), date(2026, 11, 23), id="monday-to-monday"),
        pytest.param(
            local(2026, 11, 14, 10, 0), date(2026, 11, 23), id="saturday-counts-from-monday"
        ),
        pytest.param(local(2026, 11, 15, 23, 0), date(2026, 11, 23), id="sunday-night"),
        pytest.param(local(2026, 9, 11, 9, 0), date(2026, 9, 18), id="friday-over-weekend"),
        pytest.param(
            local(2026, 11, 23, 10, 0), date(2026, 12, 2), id="thanksgiving-and-its-friday"
        ),
        pytest.param(local(2026, 12, 21, 10, 0), date(2026, 12, 29), id="christmas-on-a-friday"),
        pytest.param(
            local(2026, 6, 29, 10, 0), date(2026, 7, 7), id="independence-observed-friday"
        ),
        pytest.param(local(2027, 12, 27, 10, 0), date(2028, 1, 4), id="year-end-new-year-observed"),
        pytest.param(local(2026, 12, 30, 10, 0), date(2027, 1, 7), id="across-new-year"),
        pytest.param(local(2026, 10, 7, 10, 0), date(2026, 10, 15), id="indigenous-peoples-day"),
    ],
)
def test_five_business_days_skip_weekends_and_new_mexico_holidays(
    triggered_at: datetime, expected: date
) -> None:
    assert due_date(triggered_at, DeadlineKind.business_days, CLOCK, NM) == expected


def test_an_event_after_office_hours_counts_from_the_next_business_day() -> None:
    before_closing = local(2026, 11, 16, 16, 59)
    after_closing = local(2026, 11, 16, 17, 30)
    assert due_date(before_closing, DeadlineKind.business_days, CLOCK, NM) == date(2026, 11, 23)
    assert due_date(after_closing, DeadlineKind.business_days, CLOCK, NM) == date(2026, 11, 24)


@pytest.mark.parametrize(
    ("triggered_at", "expected"),
    [
        # Wednesday before Thanksgiving, after closing: day zero is the Monday after the
        # Thursday and the Friday (both NM holidays) and the weekend.
        pytest.param(local(2026, 11, 25, 17, 5), date(2026, 12, 7), id="thanksgiving-eve-late"),
        # Thursday before Christmas (a Friday in 2026), after closing: day zero is Monday 28th.
        pytest.param(local(2026, 12, 24, 18, 0), date(2027, 1, 5), id="christmas-eve-late"),
        # New Year's Eve after closing, New Year's Day (a Friday in 2027) closed.
        pytest.param(local(2026, 12, 31, 17, 0), date(2027, 1, 11), id="new-years-eve-late"),
        # Friday after closing: day zero is Monday.
        pytest.param(local(2026, 11, 13, 20, 0), date(2026, 11, 23), id="friday-evening"),
    ],
)
def test_an_event_after_hours_before_a_closed_day_counts_from_the_next_open_one(
    triggered_at: datetime, expected: date
) -> None:
    assert due_date(triggered_at, DeadlineKind.business_days, CLOCK, NM) == expected


def test_the_county_time_zone_decides_the_day_not_utc() -> None:
    # 02:00 UTC on Tuesday is 19:00 on Monday in Santa Fe: after hours, so Tuesday is day zero.
    moment = datetime(2026, 11, 17, 2, 0, tzinfo=UTC)
    assert office_day(moment, CLOCK, NM) == date(2026, 11, 17)
    # 20:00 UTC on Monday is 13:00 in Santa Fe (MST): Monday is day zero.
    assert office_day(datetime(2026, 11, 16, 20, 0, tzinfo=UTC), CLOCK, NM) == date(2026, 11, 16)


def test_daylight_saving_time_is_kept() -> None:
    # 22:30 UTC on 1 July is 16:30 MDT: still open; 3 July 2026 is Independence Day observed.
    moment = datetime(2026, 7, 1, 22, 30, tzinfo=UTC)
    assert due_date(moment, DeadlineKind.business_days, CLOCK, NM) == date(2026, 7, 9)


def test_a2_counts_five_calendar_days_from_the_local_date() -> None:
    friday_evening = local(2026, 11, 20, 20, 0)
    assert due_date(friday_evening, DeadlineKind.calendar_days, CLOCK, NM) == date(2026, 11, 25)
    # Five calendar days may end on a holiday: the clause counts days, not business days.
    assert due_date(local(2026, 11, 21, 9, 0), DeadlineKind.calendar_days, CLOCK, NM) == date(
        2026, 11, 26
    )


def test_new_mexico_keeps_presidents_day_the_day_after_thanksgiving() -> None:
    assert date(2026, 11, 27) in NM
    assert date(2027, 11, 26) in NM
    assert date(2026, 2, 16) not in NM  # the federal Presidents' Day is a workday in NM


def test_every_county_keeps_mountain_time() -> None:
    assert {county_clock(county).time_zone for county in County} == {"America/Denver"}


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        due_date(datetime(2026, 11, 16, 10, 0), DeadlineKind.business_days, CLOCK, NM)  # noqa: DTZ001


def test_business_days_after_never_counts_the_start() -> None:
    assert business_days_after(date(2026, 11, 16), 1, NM) == date(2026, 11, 17)
    assert business_days_after(date(2026, 11, 16), 0, NM) == date(2026, 11, 16)
