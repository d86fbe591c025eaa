"""Confidential addresses of public officials (A(4)) and proofreading of paper entries (A(5)).

Revision ID: 0008
Revises: 0007
"""

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Reserved; filled in by its change."""


def downgrade() -> None:
    """Reserved; filled in by its change."""
