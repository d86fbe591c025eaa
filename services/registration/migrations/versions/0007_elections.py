"""The SOS election calendar and under-age suspense activation (1.10.35.8 A(9)).

Revision ID: 0007
Revises: 0006
"""

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Reserved; filled in by its change."""


def downgrade() -> None:
    """Reserved; filled in by its change."""
