"""Wires audit's adapters to its handlers. Nothing runs at import time."""

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import cast

from fastapi import APIRouter

import vrs_audit
from vrs_audit.adapters.account_gate import LocalAccountGate
from vrs_audit.adapters.exports_client import ExportsClient
from vrs_audit.config import AuditSettings
from vrs_audit.domain.bulk import Thresholds
from vrs_audit.entrypoints.account_audits_http import build_account_audits_router
from vrs_audit.entrypoints.accounts_http import build_accounts_router
from vrs_audit.entrypoints.consumers import SUBSCRIPTIONS
from vrs_audit.entrypoints.http import build_router
from vrs_audit.entrypoints.incidents import build_incidents_router
from vrs_audit.entrypoints.sessions_http import build_sessions_router
from vrs_audit.service_layer import accounts
from vrs_audit.service_layer.bulk_access import raise_bulk_access_alerts
from vrs_audit.service_layer.checkpoints import take_checkpoint
from vrs_audit.service_layer.retention import purge_expired_entries
from vrs_plumbing.accounts import STANDING_PATH
from vrs_plumbing.db import Connection
from vrs_plumbing.migrations import find_migrations
from vrs_plumbing.periodic import periodic
from vrs_plumbing.runtime import Runtime, ServiceSpec

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


async def checkpoint_the_log(runtime: Runtime) -> None:
    """Take a signed checkpoint of the chain whenever it has grown, for as long as the service
    runs (docs/adr/0015); without a key, say once that no checkpoint is taken."""
    settings = cast(AuditSettings, runtime.settings)
    if settings.audit_checkpoint_key_file is None:
        log.warning("no VRS_AUDIT_CHECKPOINT_KEY_FILE: the access log is not checkpointed")
        return
    private_key_pem = settings.audit_checkpoint_key_file.read_bytes()

    async def run(conn: Connection) -> dict[str, object]:
        return await take_checkpoint(conn, private_key_pem, settings.audit_checkpoint_dir)

    await periodic(
        "access log checkpoint", run, lambda: settings.audit_checkpoint_interval_seconds
    )(runtime)


async def watch_bulk_access(runtime: Runtime) -> None:
    """Count each user's records viewed and changed over the trailing window, and alert on
    those over the threshold, for as long as the service runs (docs/adr/0031)."""
    settings = cast(AuditSettings, runtime.settings)
    thresholds = Thresholds(
        viewed=settings.audit_bulk_viewed_threshold, changed=settings.audit_bulk_changed_threshold
    )
    window = timedelta(seconds=settings.audit_bulk_window_seconds)

    async def run(conn: Connection) -> dict[str, object]:
        return await raise_bulk_access_alerts(conn, thresholds, window, datetime.now(UTC))

    await periodic("bulk access check", run, lambda: settings.audit_bulk_check_interval_seconds)(
        runtime
    )


async def keep_for_the_retention(runtime: Runtime) -> None:
    """Purge the entries past the retention, under a signed anchor, for as long as the service
    runs (docs/adr/0033); without the checkpoint key nothing is purged (no anchor can be signed)."""
    settings = cast(AuditSettings, runtime.settings)
    if settings.audit_checkpoint_key_file is None:
        log.warning("no VRS_AUDIT_CHECKPOINT_KEY_FILE: no access-log entry is ever purged")
        return
    private_key_pem = settings.audit_checkpoint_key_file.read_bytes()

    async def run(conn: Connection) -> dict[str, object]:
        return await purge_expired_entries(
            conn, private_key_pem, settings.audit_retention_days, datetime.now(UTC)
        )

    await periodic(
        "access log retention", run, lambda: settings.audit_retention_check_interval_seconds
    )(runtime)


def routers(runtime: Runtime) -> list[APIRouter]:
    """The HTTP routes."""
    settings = cast(AuditSettings, runtime.settings)
    exports = ExportsClient(
        settings.records_requests_url, timeout=settings.records_requests_timeout_seconds
    )
    return [build_router(runtime), build_incidents_router(runtime, exports)]


async def check_idle_accounts(runtime: Runtime, clock: Clock = lambda: datetime.now(UTC)) -> None:
    """Disable the accounts idle past ``VRS_AUDIT_ACCOUNT_IDLE_DAYS``, every
    ``VRS_AUDIT_IDLE_CHECK_SECONDS``, for as long as the service runs."""
    settings = cast(AuditSettings, runtime.settings)
    idle_after = timedelta(days=settings.audit_account_idle_days)

    async def run(conn: Connection) -> dict[str, object]:
        disabled = await accounts.disable_idle_accounts(conn, now=clock(), idle_after=idle_after)
        return {"disabled": disabled}

    await periodic("idle account check", run, lambda: settings.audit_idle_check_seconds)(runtime)


SPEC = ServiceSpec(
    name="audit",
    schema="audit",
    default_port=8005,
    migrations=find_migrations(vrs_audit.__file__),
    settings_class=AuditSettings,
    routers=lambda runtime: [
        *routers(runtime),
        build_accounts_router(runtime),
        build_sessions_router(runtime),
        build_account_audits_router(runtime),
    ],
    subscriptions=lambda _runtime: SUBSCRIPTIONS,
    background=(checkpoint_the_log, watch_bulk_access, keep_for_the_retention, check_idle_accounts),
    unaudited_paths=frozenset({STANDING_PATH}),
    account_gate=lambda runtime: LocalAccountGate(
        runtime.pool, accounts_required=runtime.settings.accounts_required
    ),
)
