"""The precinct each voter's county assigned (1.10.35.9 C), now on registration's voter events:
the public projection keeps it, and precinct lists (1.10.35.7 AA) are drawn by it.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE public_voters ADD COLUMN precinct text;
        CREATE INDEX public_voters_precinct ON public_voters (county, precinct, last_name, first_name);
        """
    )


def downgrade() -> None:
    op.execute(
        """
        DROP INDEX public_voters_precinct;
        ALTER TABLE public_voters DROP COLUMN precinct;
        """
    )
