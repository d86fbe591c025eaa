"""The outbox and inbox every service keeps.

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


def downgrade() -> None:
    op.execute("DROP TABLE inbox, outbox")
