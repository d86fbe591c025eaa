"""The MVD index: driver's licence and state ID records, for identity checks and matching.

Revision ID: 0002
Revises: 0001

No full SSN is stored: ``ssn_index`` is the keyed blind index (docs/adr/0006), and a CHECK keeps
anything but 64 hex digits out of it, so a raw number cannot land there by mistake. (The
checks use a negated character class: an anchored pattern costs several times more per row,
which a bulk load of every licence in the state feels.)

pg_trgm is a database-wide extension; it is created in this service's schema when no other
schema holds it yet, and the trigram indexes name its operator class by wherever it lives.
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE mvd_records (
            mvd_id          text PRIMARY KEY
                            CHECK (length(mvd_id) BETWEEN 1 AND 20 AND mvd_id !~ '[^A-Z0-9]'),
            first_name      text NOT NULL,
            middle_name     text NOT NULL DEFAULT '',
            last_name       text NOT NULL,
            suffix          text NOT NULL DEFAULT '',
            first_name_norm text NOT NULL,
            last_name_norm  text NOT NULL,
            date_of_birth   date NOT NULL,
            ssn_index       text NOT NULL
                            CHECK (length(ssn_index) = 64 AND ssn_index !~ '[^0-9a-f]'),
            ssn_last4       char(4) NOT NULL CHECK (ssn_last4 !~ '[^0-9]'),
            street          text NOT NULL DEFAULT '',
            city            text NOT NULL DEFAULT '',
            state           text NOT NULL DEFAULT '',
            zip             text NOT NULL DEFAULT '',
            county          text NOT NULL DEFAULT '',
            expired         boolean NOT NULL DEFAULT false,
            signature_ref   text,
            photo_ref       text,
            loaded_at       timestamptz NOT NULL DEFAULT now()
        );
        COMMENT ON TABLE mvd_records IS 'The MVD''s licence and state ID records as last loaded: names, DOB, SSN blind index and last four (never the SSN), address, and references to the MVD''s signature and photo images.';
        COMMENT ON COLUMN mvd_records.loaded_at IS 'When a load last wrote this record: a re-load of unchanged data leaves it alone.';
        COMMENT ON COLUMN mvd_records.ssn_index IS 'Keyed HMAC-SHA256 blind index of the full SSN (docs/adr/0006).';
        COMMENT ON COLUMN mvd_records.first_name_norm IS 'First name normalised as vrs_matching.domain.identity.normalise_name reads it.';
        COMMENT ON COLUMN mvd_records.last_name_norm IS 'Last name normalised as vrs_matching.domain.identity.normalise_name reads it.';
        CREATE INDEX mvd_records_ssn ON mvd_records (ssn_index);
        CREATE INDEX mvd_records_dob_last ON mvd_records (date_of_birth, last_name_norm);
        CREATE INDEX mvd_records_names ON mvd_records (last_name_norm, first_name_norm);

        DO $$
        DECLARE
            trgm_schema text;
        BEGIN
            SELECT n.nspname INTO trgm_schema
            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
            WHERE e.extname = 'pg_trgm';
            IF trgm_schema IS NULL THEN
                EXECUTE format('CREATE EXTENSION pg_trgm SCHEMA %I', current_schema());
                trgm_schema := current_schema();
            END IF;
            EXECUTE format(
                'CREATE INDEX mvd_records_last_trgm ON mvd_records USING gin (last_name_norm %I.gin_trgm_ops)',
                trgm_schema
            );
            EXECUTE format(
                'CREATE INDEX mvd_records_first_trgm ON mvd_records USING gin (first_name_norm %I.gin_trgm_ops)',
                trgm_schema
            );
        END
        $$;
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE mvd_records")
    # The extension goes only if this schema holds it and nothing elsewhere uses it by now.
    op.execute(
        """
        DO $$
        BEGIN
            IF EXISTS (
                SELECT 1 FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                WHERE e.extname = 'pg_trgm' AND n.nspname = current_schema()
            ) THEN
                DROP EXTENSION pg_trgm RESTRICT;
            END IF;
        EXCEPTION WHEN dependent_objects_still_exist THEN
            NULL;
        END
        $$;
        """
    )
