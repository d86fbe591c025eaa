"""Scanned documents and certificate images attached to voter records (1.10.35.8 A(6), D(9), E(2)).

Revision ID: 0006
Revises: 0005
"""

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Reserved; filled in by its change."""


def downgrade() -> None:
    """Reserved; filled in by its change."""
