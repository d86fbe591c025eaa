"""The embedded PostgreSQL: a real server under the data folder whose data outlives it."""

from pathlib import Path

import psycopg
import pytest

from vrs_embedded.postgres import DATABASE_NAME, EmbeddedPostgres, ensure_database


def test_postgres_starts_under_the_data_folder_and_a_written_table_survives_a_restart(
    data_dir: Path,
) -> None:
    postgres = EmbeddedPostgres(data_dir / "pg", runtime_dir=data_dir / "run")
    try:
        ensure_database(postgres.start())
        url = postgres.url(DATABASE_NAME)
        assert (data_dir / "pg" / "PG_VERSION").exists()
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("CREATE TABLE voters (id int PRIMARY KEY, name text)")
            connection.execute("INSERT INTO voters VALUES (1, 'Sample Q Applicant')")
        postgres.stop()
        assert not postgres.running
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(url, connect_timeout=2).close()

        ensure_database(postgres.start())
        with psycopg.connect(postgres.url(DATABASE_NAME)) as connection:
            rows = connection.execute("SELECT id, name FROM voters").fetchall()
        assert rows == [(1, "Sample Q Applicant")]
    finally:
        postgres.stop()


def test_the_vrs_database_is_created_once_and_found_again(data_dir: Path) -> None:
    postgres = EmbeddedPostgres(data_dir / "pg", runtime_dir=data_dir / "run")
    try:
        admin_url = postgres.start()
        ensure_database(admin_url)
        ensure_database(admin_url)
        with psycopg.connect(admin_url) as connection:
            found = connection.execute(
                "SELECT count(*) FROM pg_database WHERE datname = %s", (DATABASE_NAME,)
            ).fetchone()
        assert found == (1,)
        with psycopg.connect(postgres.url(DATABASE_NAME)) as connection:
            assert connection.execute("SELECT current_database()").fetchone() == ("vrs",)
    finally:
        postgres.stop()
