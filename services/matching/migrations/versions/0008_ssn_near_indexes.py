"""Near SSN indexes beside the full one: a mistyped SSN is told from a different one (ADR 0041).

The voter projection keeps them from registration's voter events; the death and felony records
from the feeds, whose SSNs matching opens. Rows stored before this revision have none, so an SSN
typo between them still reads as two different SSNs until the row is stored again.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None



TABLES = ("voter_projection", "death_records", "felony_records")


def upgrade() -> None:
    for table in TABLES:
        op.execute(
            f"""
            ALTER TABLE {table} ADD COLUMN ssn_near text[] NOT NULL DEFAULT '{{}}';
            COMMENT ON COLUMN {table}.ssn_near IS
                'Keyed HMACs (64 bits) of the SSN with one digit left out (vrs_plumbing.blind_index.ssn_near_indexes); empty when the full SSN was not known.';
            """  # noqa: S608 - the table names are constants
        )


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} DROP COLUMN ssn_near")
