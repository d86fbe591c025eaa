"""Bulk-access alerts on a real PostgreSQL: one user viewing or changing more records than the
threshold in the window raises one alert (a row, an event through the outbox, a warning in the
log), once per user, kind and window (1.10.35.11)."""

import logging
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import pytest

from services.audit.tests.integration.conftest import Audit, read_of
from vrs_audit.domain.bulk import Thresholds
from vrs_audit.service_layer.bulk_access import raise_bulk_access_alerts
from vrs_contracts.envelope import decode
from vrs_contracts.events import AccessAttempted, BulkAccessAlerted
from vrs_contracts.vocabulary import AuditOutcome

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
WINDOW = timedelta(hours=1)
THRESHOLDS = Thresholds(viewed=3, changed=2)


def change_by(actor: str) -> AccessAttempted:
    """An allowed write to a new resource."""
    return AccessAttempted(
        actor=actor,
        role="county_supervisor",
        county="taos",
        service="registration",
        action="DELETE /v1/counties/{county}/commercial-mailboxes/{mailbox_id}",
        resource=f"/v1/counties/taos/commercial-mailboxes/{uuid4()}",
        outcome=AuditOutcome.allowed,
        status_code=204,
    )


async def check(audit: Audit, now: datetime = NOW) -> dict[str, object]:
    async with audit.runtime.pool.connection() as conn, conn.transaction():
        return await raise_bulk_access_alerts(conn, THRESHOLDS, WINDOW, now)


async def alerts(audit: Audit) -> list[BulkAccessAlerted]:
    async with audit.runtime.pool.connection() as conn:
        rows = await (await conn.execute("SELECT payload FROM outbox ORDER BY id")).fetchall()
    events = [decode(bytes(row["payload"])).data for row in rows]
    return [event for event in events if isinstance(event, BulkAccessAlerted)]


async def test_one_user_viewing_more_voters_than_the_threshold_raises_one_alert(
    audit: Audit, caplog: pytest.LogCaptureFixture
) -> None:
    voters = [uuid4() for _ in range(4)]
    for minutes, voter in enumerate(voters):  # four voters in 40 minutes, one of them twice
        await audit.record(read_of([voter], actor="nosy"), NOW - timedelta(minutes=40 - minutes))
    await audit.record(read_of([voters[0]], actor="nosy"), NOW - timedelta(minutes=1))
    for voter in voters[:3]:  # three voters: at the threshold, not over it
        await audit.record(read_of([voter], actor="busy"), NOW - timedelta(minutes=5))

    with caplog.at_level(logging.WARNING, logger="vrs_audit.service_layer.bulk_access"):
        assert await check(audit) == {"alerts": 1}

    [alert] = await alerts(audit)
    assert (alert.actor, alert.role, alert.county, alert.kind) == (
        "nosy", "county_clerk", "taos", "viewed",
    )  # fmt: skip
    assert (alert.records, alert.threshold) == (4, 3)
    assert (alert.window_start, alert.window_end) == (NOW - WINDOW, NOW)
    [warning] = [r for r in caplog.records if r.levelno == logging.WARNING]
    record: Any = warning
    assert (record.actor, record.kind, record.records) == ("nosy", "viewed", 4)
    async with audit.runtime.pool.connection() as conn:
        stored = await (await conn.execute("SELECT actor, kind FROM bulk_access_alert")).fetchall()
    assert stored == [{"actor": "nosy", "kind": "viewed"}]


async def test_an_alert_is_raised_once_per_user_and_kind_in_a_window(audit: Audit) -> None:
    for minutes in range(1, 5):
        await audit.record(read_of([uuid4()], actor="nosy"), NOW - timedelta(minutes=minutes))
    assert await check(audit) == {"alerts": 1}

    await audit.record(read_of([uuid4()], actor="nosy"), NOW + timedelta(minutes=1))
    assert await check(audit, NOW + timedelta(minutes=2)) == {"alerts": 0}

    for minutes in range(4):  # a new burst after a full window has passed
        later = NOW + WINDOW + timedelta(minutes=10 + minutes)
        await audit.record(read_of([uuid4()], actor="nosy"), later)
    assert await check(audit, NOW + WINDOW + timedelta(minutes=20)) == {"alerts": 1}
    assert len(await alerts(audit)) == 2


async def test_changes_are_counted_apart_and_refusals_and_old_reads_not_at_all(
    audit: Audit,
) -> None:
    for _ in range(3):
        await audit.record(change_by("mover"), NOW - timedelta(minutes=3))
    for _ in range(5):
        await audit.record(read_of([uuid4()], actor="shy", status_code=403))
        await audit.record(read_of([uuid4()], actor="old"), NOW - WINDOW - timedelta(minutes=1))

    assert await check(audit) == {"alerts": 1}

    [alert] = await alerts(audit)
    assert (alert.actor, alert.kind, alert.records, alert.threshold) == ("mover", "changed", 3, 2)
