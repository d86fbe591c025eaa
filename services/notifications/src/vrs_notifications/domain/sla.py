"""Never late unnoticed: where a notice not yet out stands against its due date."""

from datetime import date
from enum import StrEnum

from vrs_notifications.domain.calendar import Holidays, next_business_day


class SlaBucket(StrEnum):
    """How close a notice that has not gone out is to its due date."""

    overdue = "overdue"
    due_today = "due_today"
    due_tomorrow = "due_tomorrow"
    later = "later"


def sla_bucket(due: date, today: date, holidays: Holidays) -> SlaBucket:
    """Overdue past its due date; due today; due "tomorrow" when due by the next business day
    (on a Friday that takes in the weekend, so a calendar-day notice due Saturday shows up)."""
    if due < today:
        return SlaBucket.overdue
    if due == today:
        return SlaBucket.due_today
    if due <= next_business_day(today, holidays):
        return SlaBucket.due_tomorrow
    return SlaBucket.later


def deadline_reached(due: date, today: date) -> bool:
    """The notice is on (or past) its last day: the alarm of the issue's "never late
    unnoticed" rings for it once."""
    return today >= due


def sent_late(due: date, sent_on: date) -> bool:
    """Sent after its due date, counted in the county's own calendar."""
    return sent_on > due
