"""Wires records-requests's adapters to its handlers. Nothing runs at import time."""

import vrs_records_requests
from vrs_plumbing.migrations import find_migrations
from vrs_plumbing.runtime import ServiceSpec
from vrs_records_requests.config import RecordsRequestsSettings
from vrs_records_requests.entrypoints.consumers import subscriptions

SPEC = ServiceSpec(
    name="records-requests",
    schema="records_requests",
    default_port=8004,
    migrations=find_migrations(vrs_records_requests.__file__),
    settings_class=RecordsRequestsSettings,
    subscriptions=lambda _runtime: subscriptions(),
)
