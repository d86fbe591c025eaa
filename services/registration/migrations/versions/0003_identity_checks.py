"""Online identity checks (1.10.35.8 D(1), D(5)) and contact requests to county clerks.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE identity_checks (
            identity_check_id uuid PRIMARY KEY,
            requested_by      text NOT NULL,
            matched           boolean NOT NULL,
            mvd_id            text NOT NULL,
            ssn_blind_index   text NOT NULL,
            date_of_birth     date NOT NULL,
            signature_ref     text,
            photo_ref         text,
            created_at        timestamptz NOT NULL DEFAULT now(),
            expires_at        timestamptz NOT NULL,
            used_by           uuid
        );
        COMMENT ON TABLE identity_checks IS 'MVD identity checks of online applicants: the blind index of the SSN, never the number.';

        CREATE TABLE contact_requests (
            contact_request_id uuid PRIMARY KEY,
            identity_check_id  uuid NOT NULL REFERENCES identity_checks (identity_check_id),
            county             text NOT NULL,
            first_name         text NOT NULL,
            last_name          text NOT NULL,
            email              text,
            phone              text,
            language           text NOT NULL,
            requested_by       text NOT NULL,
            received_at        timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX contact_requests_county ON contact_requests (county, received_at);
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE contact_requests, identity_checks")
