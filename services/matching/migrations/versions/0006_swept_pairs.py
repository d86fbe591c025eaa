"""What the statewide duplicate sweep has raised, and likely duplicates in the review queue.

Revision ID: 0006
Revises: 0005

``swept_pairs`` holds one row per pair of voters the sweep (``vrs sweep``, 1.10.35.7 L) has
acted on: confirmed as a strong match (1.10.35.7 JJ) or put in a clerk's queue. The pair is
ordered (``voter_id_a`` is the lower id, the review's subject) and is its primary key, so no run
raises a pair twice, whatever the clerk decided and however often the sweep runs; a pair first
reviewed that has since become strong is confirmed once, and the row says so.
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE swept_pairs (
            voter_id_a  uuid NOT NULL,
            voter_id_b  uuid NOT NULL,
            strength    text NOT NULL CHECK (strength IN ('strong', 'weak', 'none')),
            score       double precision NOT NULL CHECK (score BETWEEN 0 AND 1),
            action      text NOT NULL CHECK (action IN ('confirmed', 'reviewed')),
            sweep_id    uuid NOT NULL,
            swept_at    timestamptz NOT NULL,
            PRIMARY KEY (voter_id_a, voter_id_b),
            CHECK (voter_id_a < voter_id_b),
            CHECK ((action = 'confirmed') = (strength = 'strong'))
        );
        COMMENT ON TABLE swept_pairs IS 'Pairs of voters the statewide duplicate sweep raised (1.10.35.7 L): confirmed as a strong match or put in the review queue; never raised again.';
        COMMENT ON COLUMN swept_pairs.sweep_id IS 'The run that took the action (the correlation id of its events).';
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE swept_pairs")
