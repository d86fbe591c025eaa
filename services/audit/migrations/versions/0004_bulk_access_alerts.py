"""The alerts raised when one user views or changes more records than the threshold in a window.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE bulk_access_alert (
            alert_id     uuid PRIMARY KEY,
            actor        text NOT NULL,
            role         text,
            county       text,
            kind         text NOT NULL CHECK (kind IN ('viewed', 'changed')),
            records      integer NOT NULL,
            threshold    integer NOT NULL,
            window_start timestamptz NOT NULL,
            window_end   timestamptz NOT NULL,
            raised_at    timestamptz NOT NULL DEFAULT now()
        );
        COMMENT ON TABLE bulk_access_alert IS 'One user viewing or changing more records than the threshold in a window (1.10.35.11).';
        CREATE INDEX bulk_access_alert_window ON bulk_access_alert (window_end);
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE bulk_access_alert")
