"""The scheduled work of the service: building exports, and the daily sweep of expired ones."""

from collections.abc import Mapping
from datetime import UTC, datetime

from vrs_plumbing.db import Connection
from vrs_plumbing.periodic import periodic
from vrs_plumbing.runtime import BackgroundJob
from vrs_records_requests.adapters.export_cipher import ExportCipher
from vrs_records_requests.service_layer.exports import build_step, delete_expired_exports


def export_builder(
    cipher: ExportCipher, interval_seconds: float, chunk_rows: int, days: int
) -> BackgroundJob:
    """One step of the oldest export in work, every ``interval_seconds``."""

    async def build(conn: Connection) -> Mapping[str, object]:
        return await build_step(
            conn, cipher, now=datetime.now(UTC), chunk_rows=chunk_rows, days=days
        )

    return periodic("export builder", build, lambda: interval_seconds)


def expiry_sweep(interval_seconds: float) -> BackgroundJob:
    """Delete expired exports and record it, every ``interval_seconds`` (daily by default)."""

    async def sweep(conn: Connection) -> Mapping[str, object]:
        return await delete_expired_exports(conn, datetime.now(UTC))

    return periodic("export expiry sweep", sweep, lambda: interval_seconds)
