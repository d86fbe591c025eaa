"""Near SSN indexes beside the full one: a mistyped SSN is told from a different one (ADR 0041).

The voter projection keeps them from registration's voter events. Voters projected before this
revision have none, so an SSN typo between two of them still reads as two different SSNs until a
voter event stores the voter again. (Death and felony records do not keep them yet.)

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
        ALTER TABLE voter_projection ADD COLUMN ssn_near text[] NOT NULL DEFAULT '{}';
        COMMENT ON COLUMN voter_projection.ssn_near IS
            'Keyed HMACs (64 bits) of the SSN with one digit left out (vrs_plumbing.blind_index.ssn_near_indexes); empty when the full SSN was not known to registration.';
        """
    )


def downgrade() -> None:
    op.execute("ALTER TABLE voter_projection DROP COLUMN ssn_near")
