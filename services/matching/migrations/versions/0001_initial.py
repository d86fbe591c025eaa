"""The voter-file projection and match results.

Revision ID: 0001
Revises:
"""

from alembic import op

from vrs_plumbing.migrations import OUTBOX_AND_INBOX_DDL

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(OUTBOX_AND_INBOX_DDL)
    op.execute(
        """
        CREATE TABLE voter_projection (
            voter_id      uuid PRIMARY KEY,
            county        text NOT NULL,
            status        text NOT NULL,
            first_name    text NOT NULL,
            last_name     text NOT NULL,
            middle_name   text NOT NULL DEFAULT '',
            suffix        text NOT NULL DEFAULT '',
            date_of_birth date,
            ssn_index     text,
            ssn_last4     char(4),
            street        text NOT NULL DEFAULT '',
            zip5          text NOT NULL DEFAULT ''
        );
        COMMENT ON TABLE voter_projection IS 'Registration''s voter file as matching needs it: no party, no full SSN.';
        CREATE INDEX voter_projection_ssn ON voter_projection (ssn_index);
        CREATE INDEX voter_projection_dob_last ON voter_projection (date_of_birth, last_name);
        CREATE INDEX voter_projection_names ON voter_projection (last_name, first_name);
        CREATE INDEX voter_projection_address ON voter_projection (street, zip5);

        CREATE TABLE match_results (
            application_id uuid PRIMARY KEY,
            person_key     text NOT NULL,
            strength       text NOT NULL,
            candidates     jsonb NOT NULL,
            checked_at     timestamptz NOT NULL
        );
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE match_results, voter_projection, inbox, outbox")
