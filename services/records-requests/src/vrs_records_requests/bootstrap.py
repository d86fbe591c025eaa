"""Wires records-requests's adapters to its handlers. Nothing runs at import time."""

from fastapi import APIRouter

import vrs_records_requests
from vrs_plumbing.migrations import find_migrations
from vrs_plumbing.runtime import Runtime, ServiceSpec
from vrs_records_requests.adapters.export_cipher import ExportCipher
from vrs_records_requests.adapters.fee_schedule import load_schedule
from vrs_records_requests.config import RecordsRequestsSettings, settings_of
from vrs_records_requests.entrypoints.affidavits_api import build_router as build_affidavits_router
from vrs_records_requests.entrypoints.consumers import subscriptions
from vrs_records_requests.entrypoints.court_orders_api import build_router as build_orders_router
from vrs_records_requests.entrypoints.disclosures_api import (
    build_router as build_disclosures_router,
)
from vrs_records_requests.entrypoints.exports_api import build_router as build_exports_router
from vrs_records_requests.entrypoints.requests_api import build_router as build_requests_router
from vrs_records_requests.service_layer.jobs import expiry_sweep, export_builder


def cipher_of(settings: RecordsRequestsSettings) -> ExportCipher:
    """The cipher of exports at rest, with the configured keys."""
    return ExportCipher(settings.export_key_ring, settings.export_active_key_id)


def routers(runtime: Runtime) -> list[APIRouter]:
    """The HTTP routes, with the uniform fee schedule loaded once."""
    settings = settings_of(runtime)
    schedules = load_schedule(settings.fee_schedule_file)
    return [
        build_affidavits_router(runtime),
        build_requests_router(runtime, schedules),
        build_orders_router(runtime),
        build_exports_router(runtime, cipher_of(settings)),
        build_disclosures_router(runtime),
    ]


async def build_exports(runtime: Runtime) -> None:
    """Build exports on the configured interval, for as long as the service runs."""
    settings = settings_of(runtime)
    job = export_builder(
        cipher_of(settings),
        settings.export_seconds,
        settings.export_chunk_rows,
        settings.export_days,
    )
    await job(runtime)


async def sweep_exports(runtime: Runtime) -> None:
    """Delete expired exports on the configured interval, for as long as the service runs."""
    await expiry_sweep(settings_of(runtime).export_sweep_seconds)(runtime)


SPEC = ServiceSpec(
    name="records-requests",
    schema="records_requests",
    default_port=8004,
    migrations=find_migrations(vrs_records_requests.__file__),
    settings_class=RecordsRequestsSettings,
    routers=routers,
    subscriptions=lambda _runtime: subscriptions(),
    background=(build_exports, sweep_exports),
)
