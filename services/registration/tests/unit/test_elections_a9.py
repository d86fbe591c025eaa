"""1.10.35.8 A(9): the days the election calendar sets for voters in suspense under_age."""

from datetime import UTC, date, datetime, timedelta

import pytest

from vrs_registration.domain.elections import (
    activates_on,
    activation_day,
    due_for_activation,
    eighteen_by,
    report_days,
)
from vrs_registration.service_layer.elections import county_today, seconds_until_next_run

GENERAL = date(2026, 11, 3)
PRIMARY = date(2026, 6, 2)
LOCAL = date(2027, 11, 2)


@pytest.mark.parametrize(
    ("born", "election_day", "eighteen"),
    [
        (date(2008, 11, 3), GENERAL, True),  # birthday on election day
        (date(2008, 11, 4), GENERAL, False),  # birthday the day after
        (date(2008, 11, 2), GENERAL, True),
        (date(2008, 2, 29), date(2026, 2, 28), False),  # leap-day birth: 18 on 1 March
        (date(2008, 2, 29), date(2026, 3, 1), True),
        (date(2012, 2, 29), date(2030, 3, 1), True),
        (date(2012, 2, 29), date(2030, 2, 28), False),
        (date(2009, 1, 1), GENERAL, False),
    ],
)
def test_a9_eighteen_on_or_before_the_election(
    born: date, election_day: date, eighteen: bool
) -> None:
    assert eighteen_by(born, election_day) is eighteen


@pytest.mark.parametrize(
    ("born", "calendar", "activated_on"),
    [
        # 18 on election day: activated 21 days before it.
        (date(2008, 11, 3), [GENERAL], date(2026, 10, 13)),
        # 18 the day after: not by this election; by the next one of the calendar.
        (date(2008, 11, 4), [GENERAL, LOCAL], date(2027, 10, 12)),
        (date(2008, 11, 4), [GENERAL], None),
        # Leap-day birth: 18 on 1 March 2026, so by a 1 March election but not a 28 February one.
        (date(2008, 2, 29), [date(2026, 3, 1)], date(2026, 2, 8)),
        (date(2008, 2, 29), [date(2026, 2, 28), GENERAL], date(2026, 10, 13)),
        # The first election the voter is 18 by decides, whatever the calendar's order.
        (date(2008, 1, 1), [GENERAL, PRIMARY], date(2026, 5, 12)),
        (date(2008, 1, 1), [], None),
        # Already 18 by an election long past (an outage, a late entry): its day is long past.
        (date(2000, 1, 1), [date(2024, 11, 5), GENERAL], date(2024, 10, 15)),
    ],
)
def test_a9_activation_day_is_21_days_before_the_first_election_the_voter_is_18_by(
    born: date, calendar: list[date], activated_on: date | None
) -> None:
    assert activation_day(born, calendar) == activated_on


# Two elections close together: a special election on 3 March and a local one on 17 March.
SPECIAL = date(2026, 3, 3)
CLOSE_LOCAL = date(2026, 3, 17)


@pytest.mark.parametrize(
    ("born", "activated_on"),
    [
        (date(2008, 3, 3), date(2026, 2, 10)),  # 18 by both: the first one's 21st day
        # 18 only by the second: its own 21st day, 24 February, a week before the first.
        (date(2008, 3, 10), date(2026, 2, 24)),
        (date(2008, 3, 17), date(2026, 2, 24)),
        (date(2008, 3, 18), None),
    ],
)
def test_a9_two_elections_close_together_each_have_their_own_21st_day(
    born: date, activated_on: date | None
) -> None:
    assert activation_day(born, [SPECIAL, CLOSE_LOCAL]) == activated_on


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (GENERAL - timedelta(days=22), False),  # never on the 22nd day before
        (GENERAL - timedelta(days=21), True),  # exactly on the 21st
        (GENERAL - timedelta(days=20), True),  # a missed day is caught up on the next run
        (GENERAL, True),
    ],
)
def test_a9_a_voter_is_due_from_the_21st_day_before_the_election_on(today: date, due: bool) -> None:
    assert due_for_activation(date(2008, 11, 3), [GENERAL], today) is due


def test_a9_a_voter_not_18_by_any_election_is_never_due() -> None:
    assert not due_for_activation(date(2008, 11, 4), [GENERAL], GENERAL + timedelta(days=300))


@pytest.mark.parametrize(
    ("born", "election_day", "calendar", "expected"),
    [
        (date(2008, 11, 3), GENERAL, [GENERAL], date(2026, 10, 13)),
        (date(2008, 11, 4), GENERAL, [GENERAL, LOCAL], None),  # not 18 by this one
        (date(2008, 11, 4), LOCAL, [GENERAL, LOCAL], date(2027, 10, 12)),
        # 18 by the primary too: the report for the general names the primary's 21st day.
        (date(2008, 1, 1), GENERAL, [PRIMARY, GENERAL], date(2026, 5, 12)),
    ],
)
def test_a9_the_report_names_the_activation_day_only_of_voters_18_by_its_election(
    born: date, election_day: date, calendar: list[date], expected: date | None
) -> None:
    assert activates_on(born, election_day, calendar) == expected


@pytest.mark.parametrize(
    ("days_before", "expected"),
    [(36, None), (35, 35), (34, None), (22, None), (21, 21), (20, None), (0, None), (-35, None)],
)
def test_a9_the_suspense_report_is_due_35_and_21_days_before_the_election(
    days_before: int, expected: int | None
) -> None:
    assert report_days(GENERAL - timedelta(days=days_before), GENERAL) == expected


@pytest.mark.parametrize(
    ("now", "today"),
    [
        (datetime(2026, 10, 13, 5, 59, tzinfo=UTC), date(2026, 10, 12)),  # 23:59 MDT
        (datetime(2026, 10, 13, 6, 0, tzinfo=UTC), date(2026, 10, 13)),  # midnight MDT
        (datetime(2026, 12, 1, 6, 59, tzinfo=UTC), date(2026, 11, 30)),  # 23:59 MST
        (datetime(2026, 12, 1, 7, 0, tzinfo=UTC), date(2026, 12, 1)),
    ],
)
def test_a9_days_are_counted_on_new_mexicos_date(now: datetime, today: date) -> None:
    assert county_today(now) == today


@pytest.mark.parametrize(
    ("now", "interval", "wait"),
    [
        (datetime(2026, 10, 13, 5, 0, tzinfo=UTC), 86400, 3601),  # an hour before midnight MDT
        (datetime(2026, 10, 13, 6, 0, 1, tzinfo=UTC), 86400, 86400),  # just after midnight
        (datetime(2026, 10, 13, 5, 0, tzinfo=UTC), 60, 60),
        # The night clocks fall back: the day has 25 hours.
        (datetime(2026, 11, 1, 6, 0, 1, tzinfo=UTC), 86400 * 2, 25 * 3600),
    ],
)
def test_the_activation_job_runs_on_every_new_mexico_day_whatever_its_interval(
    now: datetime, interval: float, wait: float
) -> None:
    assert seconds_until_next_run(now, interval) == wait
