"""Candidate search: blocking keys, trigram and phonetic indexes on the records a person is
looked up in (the voter-file projection, death and felony-incarceration records).

Revision ID: 0004
Revises: 0003

``blocking_keys`` holds the keys of ``vrs_matching.domain.blocking.blocking_keys`` (one
definition of "worth comparing" for intake, list maintenance and the sweep), searched through a
GIN index. Beside them, a trigram index on the full name and a Double Metaphone index on the
surname find a person whose name was mistyped or spelled by ear (fuzzystrmatch). Both
extensions are created in this service's schema when no other schema holds them yet.

The voter projection also keeps the voter's ``source_id`` (the id in the county file it was
loaded from), which the sweep's pair file names.
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SEARCHED = ("voter_projection", "death_records", "felony_records")
FULL_NAME = {
    "voter_projection": "(last_name || ' ' || first_name)",
    "death_records": "(last_name_norm || ' ' || first_name_norm)",
    "felony_records": "(last_name_norm || ' ' || first_name_norm)",
}
SURNAME = {
    "voter_projection": "last_name",
    "death_records": "last_name_norm",
    "felony_records": "last_name_norm",
}


def _quoted(expression: str) -> str:
    """``expression`` inside a quoted string of PL/pgSQL."""
    return expression.replace("'", "''")


def _extension_schema(name: str) -> str:
    """PL/pgSQL that creates ``name`` here unless some schema holds it, into ``ext_schema``."""
    return f"""
        SELECT n.nspname INTO ext_schema
        FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = '{name}';
        IF ext_schema IS NULL THEN
            EXECUTE format('CREATE EXTENSION {name} SCHEMA %I', current_schema());
            ext_schema := current_schema();
        END IF;
    """


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE voter_projection ADD COLUMN source_id text;
        COMMENT ON COLUMN voter_projection.source_id IS 'The voter''s id in the county file it was loaded from (vrs import voters); null for a voter created by an application.';
        """
    )
    statements = []
    for table in SEARCHED:
        statements.append(
            f"ALTER TABLE {table} ADD COLUMN blocking_keys text[] NOT NULL DEFAULT '{{}}';"
            f"CREATE INDEX {table}_blocking ON {table} USING gin (blocking_keys);"
        )
    trigram_and_phonetic = "\n".join(
        f"""
            EXECUTE format(
                'CREATE INDEX {table}_name_trgm ON {table} USING gin ({_quoted(FULL_NAME[table])} %I.gin_trgm_ops)',
                trgm_schema
            );
            EXECUTE format(
                'CREATE INDEX {table}_surname_sound ON {table} (%I.dmetaphone({SURNAME[table]}))',
                sound_schema
            );
        """
        for table in SEARCHED
    )
    op.execute(
        "\n".join(statements)
        + f"""
        DO $$
        DECLARE
            ext_schema text;
            trgm_schema text;
            sound_schema text;
        BEGIN
            {_extension_schema("pg_trgm")}
            trgm_schema := ext_schema;
            {_extension_schema("fuzzystrmatch")}
            sound_schema := ext_schema;
            {trigram_and_phonetic}
        END
        $$;
        """
    )


def downgrade() -> None:
    for table in SEARCHED:
        op.execute(
            f"DROP INDEX {table}_name_trgm, {table}_surname_sound;"
            f"ALTER TABLE {table} DROP COLUMN blocking_keys"
        )
    op.execute("ALTER TABLE voter_projection DROP COLUMN source_id")
    op.execute(
        """
        DO $$
        BEGIN
            IF EXISTS (
                SELECT 1 FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                WHERE e.extname = 'fuzzystrmatch' AND n.nspname = current_schema()
            ) THEN
                DROP EXTENSION fuzzystrmatch RESTRICT;
            END IF;
        EXCEPTION WHEN dependent_objects_still_exist THEN
            NULL;
        END
        $$;
        """
    )
