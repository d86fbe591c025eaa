"""Wires matching's adapters to its handlers. Nothing runs at import time."""

from fastapi import APIRouter

import vrs_matching
from vrs_matching.config import MatchingSettings
from vrs_matching.entrypoints.consumers import subscriptions
from vrs_matching.entrypoints.http import build_router
from vrs_matching.entrypoints.reviews import build_review_router
from vrs_plumbing.migrations import find_migrations
from vrs_plumbing.runtime import Runtime, ServiceSpec


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
)
