"""Each county's list of commercial mail-box establishments (1.10.35.8 C(3)).

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
        CREATE TABLE commercial_mailboxes (
            mailbox_id  uuid PRIMARY KEY,
            county      text NOT NULL,
            name        text NOT NULL,
            street      text NOT NULL,
            city        text,
            state       text,
            zip         text,
            match_key   text NOT NULL,
            added_by    text NOT NULL,
            added_at    timestamptz NOT NULL DEFAULT now(),
            UNIQUE (county, match_key)
        );
        COMMENT ON TABLE commercial_mailboxes IS 'Addresses of commercial mail box establishments, kept by each county clerk (1.10.35.8 C(3)).';
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE commercial_mailboxes")
