"""Failed identity checks counted per licence/ID number, for the throttle of 1.10.35.8 D(1).

Revision ID: 0009
Revises: 0008
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        r"""
        ALTER TABLE identity_checks ADD COLUMN mvd_id_key text
            GENERATED ALWAYS AS (upper(regexp_replace(mvd_id, '[\s-]', '', 'g'))) STORED;
        COMMENT ON COLUMN identity_checks.mvd_id_key IS
            'The licence/ID number as matching compares it (upper case, spaces and hyphens dropped).';
        CREATE INDEX identity_checks_failed ON identity_checks (mvd_id_key, created_at)
            WHERE NOT matched;
        """
    )


def downgrade() -> None:
    op.execute(
        """
        DROP INDEX identity_checks_failed;
        ALTER TABLE identity_checks DROP COLUMN mvd_id_key;
        """
    )
