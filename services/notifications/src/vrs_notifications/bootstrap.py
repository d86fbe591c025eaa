"""Wires notifications's adapters to its handlers. Nothing runs at import time."""

import vrs_notifications
from vrs_plumbing.migrations import find_migrations
from vrs_plumbing.runtime import ServiceSpec

SPEC = ServiceSpec(
    name="notifications",
    schema="vrs_notifications".removeprefix("vrs_"),
    default_port=8003,
    migrations=find_migrations(vrs_notifications.__file__),
)
