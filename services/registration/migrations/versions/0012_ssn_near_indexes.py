"""The SSN vault keeps each SSN's near indexes beside it (docs/adr/0041).

Computed when the SSN is sealed, so the events that carry a registrant (application.accepted,
voter.registered, voter.record_updated) give matching the near indexes of every vaulted SSN
without the number being opened again. Kept in the vault, one row per SSN, and read through the
blind index the applications and voters already hold, so they are stored once per person.
Entries sealed before this migration have none (empty), and their events carry none; no
backfill, as the system holds no such entries yet.

Revision ID: 0012
Revises: 0011
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE ssn_vault ADD COLUMN near_indexes text[] NOT NULL DEFAULT '{}'
            CHECK (cardinality(near_indexes) <= 9);
        COMMENT ON COLUMN ssn_vault.near_indexes IS 'Keyed HMACs (64 bits, hex, sorted) of the SSN with one digit left out, under the blind-index key (vrs_plumbing.blind_index.ssn_near_indexes); empty for an entry sealed before migration 0012.';
        """
    )


def downgrade() -> None:
    op.execute("ALTER TABLE ssn_vault DROP COLUMN near_indexes")
