"""Wires matching's adapters to its handlers. Nothing runs at import time."""

from typing import cast

from fastapi import APIRouter

import vrs_matching
from vrs_matching.config import MatchingSettings
from vrs_matching.entrypoints.consumers import subscriptions
from vrs_matching.entrypoints.http import build_router
from vrs_matching.entrypoints.reviews import build_review_router
from vrs_matching.service_layer.maintenance import run_feed_records
from vrs_plumbing.db import Connection
from vrs_plumbing.migrations import find_migrations
from vrs_plumbing.periodic import periodic
from vrs_plumbing.runtime import Runtime, ServiceSpec


async def maintain_the_list(runtime: Runtime) -> None:
    """Run every new feed record against the voter file, for as long as the service runs."""
    settings = cast(MatchingSettings, runtime.settings)

    async def run(conn: Connection) -> dict[str, object]:
        return (await run_feed_records(conn, settings.thresholds)).counts()

    await periodic("list maintenance", run, lambda: settings.maintenance_interval_seconds)(runtime)


def routers(runtime: Runtime) -> list[APIRouter]:
    """The HTTP routes."""
    return [build_router(runtime), build_review_router(runtime)]


SPEC = ServiceSpec(
    name="matching",
    schema="matching",
    default_port=8002,
    migrations=find_migrations(vrs_matching.__file__),
    settings_class=MatchingSettings,
    routers=routers,
    subscriptions=subscriptions,
    background=(maintain_the_list,),
)
