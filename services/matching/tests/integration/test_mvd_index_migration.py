"""Migration 0002 builds the MVD index with its trigram indexes, undoes cleanly, and shares
pg_trgm with whichever schema already holds it."""

import psycopg
import pytest

from vrs_matching.bootstrap import SPEC
from vrs_plumbing.migrations import downgrade, upgrade


def trgm_schema(database_url: str) -> str | None:
    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
            " WHERE e.extname = 'pg_trgm'"
        ).fetchone()
    return None if row is None else str(row[0])


def indexes(database_url: str) -> set[str]:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = 'matching'"
            " AND tablename = 'mvd_records'"
        ).fetchall()
    return {row[0] for row in rows}


def test_0002_builds_the_index_with_trigram_name_indexes_and_undoes_to_0001(
    database_url: str,
) -> None:
    upgrade(database_url, SPEC.schema, SPEC.migrations)

    assert trgm_schema(database_url) == "matching"
    assert {"mvd_records_last_trgm", "mvd_records_first_trgm", "mvd_records_ssn"} <= indexes(
        database_url
    )

    downgrade(database_url, SPEC.schema, SPEC.migrations, "0001")

    assert indexes(database_url) == set()
    assert trgm_schema(database_url) is None
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    assert "mvd_records_last_trgm" in indexes(database_url)


def test_0002_uses_pg_trgm_where_it_already_is_and_leaves_it_there(database_url: str) -> None:
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA shared_ext")
        conn.execute("CREATE EXTENSION pg_trgm SCHEMA shared_ext")

    upgrade(database_url, SPEC.schema, SPEC.migrations)
    assert "mvd_records_last_trgm" in indexes(database_url)
    downgrade(database_url, SPEC.schema, SPEC.migrations, "0001")

    assert trgm_schema(database_url) == "shared_ext"


@pytest.mark.parametrize(
    ("column", "value"),
    [("ssn_index", "512340987"), ("ssn_last4", "12a4"), ("mvd_id", "nm-1")],
)
def test_the_table_refuses_a_raw_ssn_in_the_index_column_and_malformed_keys(
    database_url: str, column: str, value: str
) -> None:
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    row = {
        "mvd_id": "NM1",
        "first_name": "A",
        "last_name": "B",
        "first_name_norm": "A",
        "last_name_norm": "B",
        "date_of_birth": "1980-01-01",
        "ssn_index": "a" * 64,
        "ssn_last4": "1234",
        column: value,
    }
    names = ", ".join(row)
    placeholders = ", ".join(["%s"] * len(row))

    with (
        psycopg.connect(database_url) as conn,
        pytest.raises(psycopg.errors.CheckViolation),
    ):
        conn.execute(
            f"INSERT INTO matching.mvd_records ({names}) VALUES ({placeholders})",  # noqa: S608
            tuple(row.values()),
        )
