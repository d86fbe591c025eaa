"""A felony-incarceration match the clerk cleared in person (1.10.35.8 C(4), 1.10.35.9 D(2)).

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
        ALTER TABLE review_tasks ADD COLUMN appeared_in_person boolean NOT NULL DEFAULT false;
        COMMENT ON COLUMN review_tasks.appeared_in_person IS
            '1.10.35.8 C(4), 1.10.35.9 D(2): a felony record decided match, but the clerk confirmed the person appeared in person; the registration is accepted.';
        """
    )


def downgrade() -> None:
    op.execute("ALTER TABLE review_tasks DROP COLUMN appeared_in_person")
