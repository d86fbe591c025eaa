"""The precinct the county assigns each voter to from its street file (1.10.35.9 B, C).

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE voters ADD COLUMN precinct text
            CHECK (precinct ~ '^[A-Z0-9][A-Z0-9-]{0,15}$');
        COMMENT ON COLUMN voters.precinct IS 'The precinct the county assigned the voter to (1.10.35.9 C), upper-case; NULL until it does, and again after the residence or county changes.';
        """
    )


def downgrade() -> None:
    op.execute("ALTER TABLE voters DROP COLUMN precinct")
