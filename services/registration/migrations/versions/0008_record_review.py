"""Confidential addresses of public officials (A(4)) and proofreading of paper entries (A(5)).

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE voters ADD COLUMN confidential_address boolean NOT NULL DEFAULT false;
        COMMENT ON COLUMN voters.confidential_address IS
            '1.10.35.8 A(4): a public official with a confidential home address (1.10.37 NMAC); street and city hold "confidential".';

        ALTER TABLE applications ADD COLUMN pending_state text;
        ALTER TABLE applications ADD COLUMN proofread_by text;
        ALTER TABLE applications ADD COLUMN proofread_at timestamptz;
        COMMENT ON COLUMN applications.pending_state IS
            '1.10.35.8 A(5): where an entry goes once proofread, while it waits in awaiting_proofreading.';

        CREATE TABLE county_settings (
            county                text PRIMARY KEY,
            proofreading_required boolean NOT NULL DEFAULT false,
            updated_by            text NOT NULL,
            updated_at            timestamptz NOT NULL DEFAULT now()
        );
        """
    )


def downgrade() -> None:
    op.execute(
        """
        DROP TABLE county_settings;
        ALTER TABLE applications DROP COLUMN proofread_at, DROP COLUMN proofread_by, DROP COLUMN pending_state;
        ALTER TABLE voters DROP COLUMN confidential_address;
        """
    )
