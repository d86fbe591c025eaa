"""The access log becomes append-only: a writer role that may only insert and read, a trigger
that refuses UPDATE, DELETE and TRUNCATE, and the signed checkpoints of the chain.

docs/adr/0015: the service appends through ``SET LOCAL ROLE vrs_audit_writer``; in production the
DBA creates that role and grants it to the service's login (the embedded PostgreSQL runs as a
superuser, so this migration creates it when missing).

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vrs_audit_writer') THEN
                CREATE ROLE vrs_audit_writer NOLOGIN;
            END IF;
        EXCEPTION WHEN duplicate_object THEN
            NULL;  -- another database of the same server created it at the same moment
        END
        $$;

        CREATE TABLE access_log_checkpoint (
            entries    bigint PRIMARY KEY CHECK (entries > 0),
            head_hash  text NOT NULL,
            taken_at   timestamptz NOT NULL,
            signature  text NOT NULL
        );
        COMMENT ON TABLE access_log_checkpoint IS 'Signed (Ed25519) chain head after N entries: a rewrite of the whole chain no longer matches it.';

        DO $$
        BEGIN
            EXECUTE format('GRANT USAGE ON SCHEMA %I TO vrs_audit_writer', current_schema());
        END
        $$;
        GRANT SELECT, INSERT ON access_log, access_log_checkpoint TO vrs_audit_writer;

        CREATE FUNCTION refuse_rewriting_the_log() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF current_setting('vrs_audit.maintenance', true) = 'on' THEN
                RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
            END IF;
            RAISE EXCEPTION 'the access log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege';
        END
        $$;
        CREATE TRIGGER access_log_append_only
            BEFORE UPDATE OR DELETE ON access_log
            FOR EACH ROW EXECUTE FUNCTION refuse_rewriting_the_log();
        CREATE TRIGGER access_log_no_truncate
            BEFORE TRUNCATE ON access_log
            FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewriting_the_log();
        CREATE TRIGGER access_log_checkpoint_append_only
            BEFORE UPDATE OR DELETE ON access_log_checkpoint
            FOR EACH ROW EXECUTE FUNCTION refuse_rewriting_the_log();
        CREATE TRIGGER access_log_checkpoint_no_truncate
            BEFORE TRUNCATE ON access_log_checkpoint
            FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewriting_the_log();
        """
    )


def downgrade() -> None:
    op.execute(
        """
        DROP TABLE access_log_checkpoint;
        DROP TRIGGER access_log_append_only ON access_log;
        DROP TRIGGER access_log_no_truncate ON access_log;
        DROP FUNCTION refuse_rewriting_the_log();
        REVOKE ALL ON access_log FROM vrs_audit_writer;
        DO $$
        BEGIN
            EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM vrs_audit_writer', current_schema());
        END
        $$;
        """
    )
