"""The scheduled work of the service: getting notices out, and the deadline alarm."""

from collections.abc import Mapping
from datetime import UTC, datetime

from vrs_notifications.service_layer.delivery import Outlets, deliver_notices
from vrs_notifications.service_layer.notices import raise_deadline_alarms
from vrs_plumbing.db import Connection
from vrs_plumbing.periodic import periodic
from vrs_plumbing.runtime import BackgroundJob


def deliverer(outlets: Outlets, interval_seconds: float) -> BackgroundJob:
    """Render, e-mail and post the notices, every ``interval_seconds``."""

    async def deliver(conn: Connection) -> Mapping[str, object]:
        return await deliver_notices(conn, outlets, datetime.now(UTC))

    return periodic("notice delivery", deliver, lambda: interval_seconds)


def deadline_watch(interval_seconds: float) -> BackgroundJob:
    """Raise the alarm for notices on their last business day unsent, every ``interval_seconds``."""

    async def watch(conn: Connection) -> Mapping[str, object]:
        return {"alarms": await raise_deadline_alarms(conn, datetime.now(UTC))}

    return periodic("notice deadline watch", watch, lambda: interval_seconds)
