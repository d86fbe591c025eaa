"""Bulk access: one user viewing or changing more records in a window than the job calls for
(1.10.35.11: access restricted to job functions; issue 6, bulk-change alerts)."""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

WRITE_METHODS: Final = ("POST", "PUT", "PATCH", "DELETE")
"""The methods of an action that changes something."""


class AccessKind(StrEnum):
    """What is counted: voters whose data a user's answers disclosed, or resources it changed."""

    viewed = "viewed"
    changed = "changed"


@dataclass(frozen=True)
class Activity:
    """How many distinct records one user viewed or changed in the window."""

    actor: str
    role: str | None
    county: str | None
    kind: AccessKind
    records: int


@dataclass(frozen=True)
class Thresholds:
    """The most records one user may view, and change, in one window without an alert."""

    viewed: int
    changed: int

    def of(self, kind: AccessKind) -> int:
        """The threshold of ``kind``."""
        return self.viewed if kind is AccessKind.viewed else self.changed


def alerts_due(
    activities: Iterable[Activity],
    thresholds: Thresholds,
    already_alerted: Collection[tuple[str, AccessKind]],
) -> list[Activity]:
    """The activities over their kind's threshold, except a user already alerted for that kind
    in the window: one alert per user, kind and window, however long the burst goes on."""
    return [
        activity
        for activity in activities
        if activity.records > thresholds.of(activity.kind)
        and (activity.actor, activity.kind) not in already_alerted
    ]
