"""Retention: each purge of the oldest entries leaves a signed anchor the chain is verified from.

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE access_log_purge (
            purged_through bigint PRIMARY KEY CHECK (purged_through > 0),
            head_hash      text NOT NULL,
            newest_purged  timestamptz NOT NULL,
            purged_at      timestamptz NOT NULL,
            signature      text NOT NULL
        );
        COMMENT ON TABLE access_log_purge IS 'Entries 1..purged_through were removed by retention; signed: the chain is verified from its head_hash.';
        CREATE TRIGGER access_log_purge_append_only
            BEFORE UPDATE OR DELETE ON access_log_purge
            FOR EACH ROW EXECUTE FUNCTION refuse_rewriting_the_log();
        CREATE TRIGGER access_log_purge_no_truncate
            BEFORE TRUNCATE ON access_log_purge
            FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewriting_the_log();
        GRANT SELECT ON access_log_purge TO vrs_audit_writer;
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE access_log_purge")
