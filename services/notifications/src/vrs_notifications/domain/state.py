"""The life of a notice: scheduled → rendered → sent → delivered | returned | failed.

A clerk's re-print takes a returned or failed notice (or one not yet out) back to rendered; a
letter mailed by hand is sent like any other.
"""

from dataclasses import dataclass
from enum import StrEnum


class NoticeState(StrEnum):
    """Where a notice stands."""

    scheduled = "scheduled"
    rendered = "rendered"
    sent = "sent"
    delivered = "delivered"
    returned = "returned"
    failed = "failed"


S = NoticeState
TRANSITIONS: dict[NoticeState, frozenset[NoticeState]] = {
    S.scheduled: frozenset({S.rendered, S.failed}),
    S.rendered: frozenset({S.rendered, S.sent, S.failed}),
    S.sent: frozenset({S.delivered, S.returned, S.failed}),
    S.delivered: frozenset({S.returned}),
    S.returned: frozenset({S.rendered}),
    S.failed: frozenset({S.rendered}),
}
"""Delivered can still turn into returned: the post office sends mail back days later."""

OUT = frozenset({S.sent, S.delivered, S.returned})
"""States of a notice that went out."""


class IllegalTransitionError(ValueError):
    """A notice cannot move from one state to another."""


@dataclass(frozen=True)
class Transition:
    """One move of a notice, as its history keeps it."""

    from_state: NoticeState
    to_state: NoticeState
    actor: str
    note: str | None = None


def transition(
    current: NoticeState, target: NoticeState, actor: str, note: str | None = None
) -> Transition:
    """The move from ``current`` to ``target``, or ``IllegalTransitionError`` naming both."""
    if target not in TRANSITIONS[current]:
        raise IllegalTransitionError(f"a {current} notice cannot become {target}")
    return Transition(current, target, actor, note)


def is_sent(required_channels: frozenset[str], delivered_channels: frozenset[str]) -> bool:
    """A notice is sent once every channel it requires went out: the letter always, the e-mail
    too where the clause orders both (1.10.35.8 A(2))."""
    return required_channels <= delivered_channels
