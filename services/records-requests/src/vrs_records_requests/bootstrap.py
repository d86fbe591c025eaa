"""Wires records-requests's adapters to its handlers. Nothing runs at import time."""

import vrs_records_requests
from vrs_plumbing.migrations import find_migrations
from vrs_plumbing.runtime import ServiceSpec

SPEC = ServiceSpec(
    name="records-requests",
    schema="vrs_records_requests".removeprefix("vrs_"),
    default_port=8004,
    migrations=find_migrations(vrs_records_requests.__file__),
)
