"""Wires audit's adapters to its handlers. Nothing runs at import time."""

import vrs_audit
from vrs_audit.entrypoints.consumers import SUBSCRIPTIONS
from vrs_audit.entrypoints.http import build_router
from vrs_plumbing.migrations import find_migrations
from vrs_plumbing.runtime import ServiceSpec

SPEC = ServiceSpec(
    name="audit",
    schema="audit",
    default_port=8005,
    migrations=find_migrations(vrs_audit.__file__),
    routers=lambda runtime: [build_router(runtime)],
    subscriptions=lambda _runtime: SUBSCRIPTIONS,
)
