"""Wires records-requests's adapters to its handlers. Nothing runs at import time."""

from fastapi import APIRouter

import vrs_records_requests
from vrs_plumbing.migrations import find_migrations
from vrs_plumbing.runtime import Runtime, ServiceSpec
from vrs_records_requests.adapters.fee_schedule import load_schedule
from vrs_records_requests.config import RecordsRequestsSettings, settings_of
from vrs_records_requests.entrypoints.affidavits_api import build_router as build_affidavits_router
from vrs_records_requests.entrypoints.consumers import subscriptions
from vrs_records_requests.entrypoints.court_orders_api import build_router as build_orders_router
from vrs_records_requests.entrypoints.requests_api import build_router as build_requests_router


def routers(runtime: Runtime) -> list[APIRouter]:
    """The HTTP routes, with the uniform fee schedule loaded once."""
    schedules = load_schedule(settings_of(runtime).fee_schedule_file)
    return [
        build_affidavits_router(runtime),
        build_requests_router(runtime, schedules),
        build_orders_router(runtime),
    ]


SPEC = ServiceSpec(
    name="records-requests",
    schema="records_requests",
    default_port=8004,
    migrations=find_migrations(vrs_records_requests.__file__),
    settings_class=RecordsRequestsSettings,
    routers=routers,
    subscriptions=lambda _runtime: subscriptions(),
)
