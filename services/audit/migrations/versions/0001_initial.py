"""The chained access log.

Revision ID: 0001
Revises:
"""

from alembic import op

from vrs_plumbing.migrations import OUTBOX_AND_INBOX_DDL

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(OUTBOX_AND_INBOX_DDL)
    op.execute(
        """
        CREATE TABLE access_log (
            seq            bigint PRIMARY KEY,
            event_id       uuid NOT NULL UNIQUE,
            time           timestamptz NOT NULL,
            actor          text NOT NULL,
            role           text,
            county         text,
            service        text NOT NULL,
            action         text NOT NULL,
            resource       text NOT NULL,
            outcome        text NOT NULL CHECK (outcome IN ('allowed', 'denied', 'error')),
            status_code    integer NOT NULL,
            reason         text,
            source_address text,
            correlation_id uuid NOT NULL,
            recorded_at    timestamptz NOT NULL DEFAULT now(),
            prev_hash      text NOT NULL,
            hash           text NOT NULL
        );
        COMMENT ON TABLE access_log IS 'Every access attempt (1.10.35.8 D(10)); each row chains the hash of its predecessor.';
        CREATE INDEX access_log_time ON access_log (time);
        CREATE INDEX access_log_actor ON access_log (actor, time);
        CREATE INDEX access_log_resource ON access_log (resource, time);
        CREATE INDEX access_log_correlation ON access_log (correlation_id);
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE access_log, inbox, outbox")
