"""A notice's life: scheduled → rendered → sent → delivered | returned | failed, and its SLA."""

from datetime import date

import pytest

from vrs_notifications.adapters.nm_holidays import new_mexico_holidays
from vrs_notifications.domain.sla import SlaBucket, deadline_reached, sent_late, sla_bucket
from vrs_notifications.domain.state import (
    IllegalTransitionError,
    NoticeState,
    Transition,
    is_sent,
    transition,
)

S = NoticeState
NM = new_mexico_holidays()


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.scheduled, S.rendered),
        (S.rendered, S.sent),
        (S.sent, S.delivered),
        (S.sent, S.returned),
        (S.sent, S.failed),
        (S.delivered, S.returned),
        (S.returned, S.rendered),
        (S.failed, S.rendered),
    ],
)
def test_the_allowed_moves(current: NoticeState, target: NoticeState) -> None:
    assert transition(current, target, "system:notifications") == Transition(
        current, target, "system:notifications"
    )


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.scheduled, S.sent),
        (S.delivered, S.sent),
        (S.returned, S.delivered),
        (S.sent, S.scheduled),
    ],
)
def test_a_move_outside_the_machine_is_refused(current: NoticeState, target: NoticeState) -> None:
    with pytest.raises(IllegalTransitionError, match=f"a {current} notice cannot become {target}"):
        transition(current, target, "clerk")


def test_a_notice_is_sent_once_every_required_channel_went_out() -> None:
    assert is_sent(frozenset({"mail"}), frozenset({"mail"}))
    assert not is_sent(frozenset({"mail", "email"}), frozenset({"email"}))
    assert is_sent(frozenset({"mail", "email"}), frozenset({"email", "mail"}))


@pytest.mark.parametrize(
    ("due", "today", "bucket"),
    [
        (date(2026, 11, 16), date(2026, 11, 17), SlaBucket.overdue),
        (date(2026, 11, 17), date(2026, 11, 17), SlaBucket.due_today),
        (date(2026, 11, 18), date(2026, 11, 17), SlaBucket.due_tomorrow),
        (date(2026, 11, 19), date(2026, 11, 17), SlaBucket.later),
        (date(2026, 11, 23), date(2026, 11, 20), SlaBucket.due_tomorrow),  # Friday → Monday
        (date(2026, 11, 21), date(2026, 11, 20), SlaBucket.due_tomorrow),  # due on the Saturday
        (date(2026, 11, 30), date(2026, 11, 25), SlaBucket.due_tomorrow),  # over Thanksgiving
    ],
)
def test_the_sla_buckets(due: date, today: date, bucket: SlaBucket) -> None:
    assert sla_bucket(due, today, NM) is bucket


def test_the_deadline_alarm_and_lateness() -> None:
    assert deadline_reached(date(2026, 11, 17), date(2026, 11, 17))
    assert not deadline_reached(date(2026, 11, 18), date(2026, 11, 17))
    assert sent_late(date(2026, 11, 17), date(2026, 11, 18))
    assert not sent_late(date(2026, 11, 17), date(2026, 11, 17))
