"""Migration 0006 adds the sweep's memory and lets a likely duplicate of strength none into the
review queue; it undoes cleanly, and refuses to while such a task waits for a clerk."""

from uuid import uuid4

import psycopg
import pytest

from vrs_matching.bootstrap import SPEC
from vrs_plumbing.migrations import downgrade, upgrade

TASK = """
INSERT INTO matching.review_tasks (review_id, county, subject, subject_id, kind, record_id,
    strength, score, evidence, subject_record, candidate_record, raised_at)
VALUES (%s, 'taos', 'voter', %s, 'duplicate_same_county', %s, %s, 0.9, '{}', '{}', '{}', now())
"""


def swept_pairs_exists(database_url: str) -> bool:
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT to_regclass('matching.swept_pairs')").fetchone()
    return row is not None and row[0] is not None


def add_task(database_url: str, strength: str) -> None:
    with psycopg.connect(database_url) as conn:
        conn.execute(TASK, (uuid4(), uuid4(), str(uuid4()), strength))


def test_0006_admits_a_likely_duplicate_of_strength_none_and_undoes_to_0005(
    database_url: str,
) -> None:
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    assert swept_pairs_exists(database_url)
    add_task(database_url, "none")

    with pytest.raises(
        Exception, match="review_tasks_strength_check"
    ):  # Alembic wraps the CheckViolation
        downgrade(database_url, SPEC.schema, SPEC.migrations, "0005")

    with psycopg.connect(database_url) as conn:
        conn.execute("DELETE FROM matching.review_tasks")
    downgrade(database_url, SPEC.schema, SPEC.migrations, "0005")
    assert not swept_pairs_exists(database_url)
    with pytest.raises(psycopg.errors.CheckViolation):
        add_task(database_url, "none")
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    assert swept_pairs_exists(database_url)
