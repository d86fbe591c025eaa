"""Wires matching's adapters to its handlers. Nothing runs at import time."""

import vrs_matching
from vrs_matching.entrypoints.consumers import SUBSCRIPTIONS
from vrs_plumbing.migrations import find_migrations
from vrs_plumbing.runtime import ServiceSpec

SPEC = ServiceSpec(
    name="matching",
    schema="matching",
    default_port=8002,
    migrations=find_migrations(vrs_matching.__file__),
    subscriptions=lambda _runtime: SUBSCRIPTIONS,
)
