"""Every service's migrations build its own schema from nothing, re-run harmlessly, and undo."""

import psycopg
import pytest

from vrs_audit.bootstrap import SPEC as AUDIT
from vrs_matching.bootstrap import SPEC as MATCHING
from vrs_notifications.bootstrap import SPEC as NOTIFICATIONS
from vrs_plumbing.migrations import downgrade, upgrade
from vrs_plumbing.runtime import ServiceSpec
from vrs_records_requests.bootstrap import SPEC as RECORDS_REQUESTS
from vrs_registration.bootstrap import SPEC as REGISTRATION

SERVICES = [REGISTRATION, MATCHING, NOTIFICATIONS, RECORDS_REQUESTS, AUDIT]


def tables(database_url: str, schema: str) -> set[str]:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,)
        )
        return {row[0] for row in rows}


@pytest.mark.parametrize("spec", SERVICES, ids=lambda spec: spec.name)
def test_migrations_build_only_the_services_schema_and_undo_cleanly(
    spec: ServiceSpec, database_url: str
) -> None:
    upgrade(database_url, spec.schema, spec.migrations)
    built = tables(database_url, spec.schema)
    assert {"outbox", "inbox", "alembic_version"} <= built
    assert tables(database_url, "public") == set()

    upgrade(database_url, spec.schema, spec.migrations)
    assert tables(database_url, spec.schema) == built

    downgrade(database_url, spec.schema, spec.migrations)
    assert tables(database_url, spec.schema) == {"alembic_version"}
    upgrade(database_url, spec.schema, spec.migrations)
    assert tables(database_url, spec.schema) == built


def test_five_services_share_one_database_without_sharing_a_table(database_url: str) -> None:
    for spec in SERVICES:
        upgrade(database_url, spec.schema, spec.migrations)
    schemas = [spec.schema for spec in SERVICES]
    assert len(set(schemas)) == len(schemas)
    for spec in SERVICES:
        assert "outbox" in tables(database_url, spec.schema)
