"""Bulk-access alerts: count each user's distinct records viewed and changed over the trailing
window, and raise one alert per user and kind whose count passes the threshold."""

import logging
from datetime import datetime, timedelta
from uuid import uuid4

from vrs_audit.domain.bulk import WRITE_METHODS, AccessKind, Activity, Thresholds, alerts_due
from vrs_contracts.envelope import envelope
from vrs_contracts.events import BulkAccessAlerted
from vrs_plumbing.db import Connection
from vrs_plumbing.outbox import add_to_outbox

log = logging.getLogger(__name__)

ACTIVITY = """
    SELECT actor, (array_agg(role ORDER BY seq DESC))[1] AS role,
           (array_agg(county ORDER BY seq DESC))[1] AS county, 'viewed' AS kind,
           count(DISTINCT voter_id) AS records
      FROM access_log, unnest(voter_ids) AS voter_id
     WHERE time >= %(start)s AND time < %(end)s AND outcome = 'allowed' AND actor <> 'anonymous'
     GROUP BY actor
    UNION ALL
    SELECT actor, (array_agg(role ORDER BY seq DESC))[1], (array_agg(county ORDER BY seq DESC))[1],
           'changed', count(DISTINCT resource)
      FROM access_log
     WHERE time >= %(start)s AND time < %(end)s AND outcome = 'allowed' AND actor <> 'anonymous'
       AND split_part(action, ' ', 1) = ANY(%(writes)s)
     GROUP BY actor
"""


async def raise_bulk_access_alerts(
    conn: Connection, thresholds: Thresholds, window: timedelta, now: datetime
) -> dict[str, object]:
    """Alert on every user over a threshold in the window ending ``now``: a row, a
    ``BulkAccessAlerted`` through the outbox, and a warning in the log. Returns the counts."""
    start = now - window
    rows = await (
        await conn.execute(ACTIVITY, {"start": start, "end": now, "writes": list(WRITE_METHODS)})
    ).fetchall()
    activities = [
        Activity(r["actor"], r["role"], r["county"], AccessKind(r["kind"]), r["records"])
        for r in rows
    ]
    alerted = await (
        await conn.execute(
            "SELECT actor, kind FROM bulk_access_alert WHERE window_end > %s", (start,)
        )
    ).fetchall()
    due = alerts_due(activities, thresholds, {(r["actor"], AccessKind(r["kind"])) for r in alerted})
    for activity in due:
        alert = BulkAccessAlerted(
            alert_id=uuid4(),
            actor=activity.actor,
            role=activity.role,
            county=activity.county,
            kind="viewed" if activity.kind is AccessKind.viewed else "changed",
            records=activity.records,
            threshold=thresholds.of(activity.kind),
            window_start=start,
            window_end=now,
        )
        await conn.execute(
            "INSERT INTO bulk_access_alert (alert_id, actor, role, county, kind, records,"
            " threshold, window_start, window_end) VALUES (%(alert_id)s, %(actor)s, %(role)s,"
            " %(county)s, %(kind)s, %(records)s, %(threshold)s, %(window_start)s, %(window_end)s)",
            alert.model_dump(),
        )
        await add_to_outbox(
            conn,
            envelope(alert, source="/vrs/audit", correlation_id=alert.alert_id),
            key=activity.actor,
        )
        log.warning(
            "bulk access: one user over the threshold in the window",
            extra={
                "actor": activity.actor,
                "kind": str(activity.kind),
                "records": activity.records,
                "threshold": alert.threshold,
                "alert_id": str(alert.alert_id),
            },
        )
    return {"alerts": len(due)}
