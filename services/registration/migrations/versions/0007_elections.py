"""The SOS election calendar and under-age suspense activation (1.10.35.8 A(9)).

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE elections (
            election_id   text PRIMARY KEY,
            name          text NOT NULL,
            kind          text NOT NULL
                CHECK (kind IN ('general', 'primary', 'local', 'special_congressional')),
            election_date date NOT NULL,
            recorded_by   text NOT NULL,
            recorded_at   timestamptz NOT NULL
        );
        CREATE INDEX elections_date ON elections (election_date);
        COMMENT ON TABLE elections IS 'The Secretary of State''s election calendar (1.10.35.7 M); its days set the A(9) suspense reports and under-age activation.';

        CREATE INDEX voters_in_suspense ON voters (county, status_reason) WHERE status = 'suspense';
        COMMENT ON INDEX voters_in_suspense IS 'A(9): the daily under-age activation and the county suspense query report read only voters in suspense.';
        """
    )


def downgrade() -> None:
    op.execute("DROP INDEX voters_in_suspense; DROP TABLE elections")
