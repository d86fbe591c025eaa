"""A county's voter file loads once: one voter per (county, source_id) (``vrs import voters``).

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULLs stay distinct: voters created by an application have no source_id and are not
    # constrained. Not partial, so that INSERT ... ON CONFLICT (county, source_id) can use it.
    op.execute(
        """
        CREATE UNIQUE INDEX voters_county_source_id ON voters (county, source_id);
        COMMENT ON COLUMN voters.source_id IS 'The record''s id in the county voter file it was loaded from; unique per county.';
        """
    )


def downgrade() -> None:
    op.execute(
        """
        COMMENT ON COLUMN voters.source_id IS NULL;
        DROP INDEX voters_county_source_id;
        """
    )
