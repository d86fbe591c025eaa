"""Each access-log entry names the voters whose personal data the answer disclosed, searchable.

The column is added with an empty default, which rewrites no row (no trigger fires): the entries
written before it keep their hashes, since the chain covers the voters only when there are some
(``domain/chain.py``).

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE access_log ADD COLUMN voter_ids uuid[] NOT NULL DEFAULT '{}';
        COMMENT ON COLUMN access_log.voter_ids IS 'The voters whose personal data the answer disclosed.';
        CREATE INDEX access_log_voters ON access_log USING gin (voter_ids);
        """
    )


def downgrade() -> None:
    op.execute("DROP INDEX access_log_voters; ALTER TABLE access_log DROP COLUMN voter_ids")
