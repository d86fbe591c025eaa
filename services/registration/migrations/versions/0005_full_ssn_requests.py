"""1.10.35.8 A(2): MVD-verified partial identities and one-time links for the full SSN.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE applications ADD COLUMN mvd_ssn_index text;
        COMMENT ON COLUMN applications.mvd_ssn_index IS
            'A(2): blind index of the SSN of the MVD record that verified a form giving only a licence number or last four; never a vault entry.';

        CREATE TABLE full_ssn_requests (
            application_id uuid PRIMARY KEY REFERENCES applications (application_id),
            token_hash     text NOT NULL UNIQUE,
            requested_at   timestamptz NOT NULL,
            expires_at     timestamptz NOT NULL,
            answered_at    timestamptz,
            failed_tries   integer NOT NULL DEFAULT 0
        );
        COMMENT ON TABLE full_ssn_requests IS 'One-time links for a voter to give the full SSN (A(2)); only the hash of the token is kept.';
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE full_ssn_requests; ALTER TABLE applications DROP COLUMN mvd_ssn_index")
