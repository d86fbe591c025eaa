"""Incidents an auditor declares, and the voters each exposed (breach response, issue 6).

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
        CREATE TABLE incident (
            incident_id   uuid PRIMARY KEY,
            description   text NOT NULL,
            window_start  timestamptz NOT NULL,
            window_end    timestamptz NOT NULL CHECK (window_end > window_start),
            selector      jsonb NOT NULL,
            exposed_data  text[] NOT NULL,
            exposed_to    text NOT NULL,
            office_action text NOT NULL,
            declared_by   text NOT NULL,
            declared_at   timestamptz NOT NULL DEFAULT now()
        );
        COMMENT ON TABLE incident IS 'An exposure of voters'' data an auditor declared: a window and a selector of the access log.';
        CREATE TABLE incident_voter (
            incident_id uuid NOT NULL REFERENCES incident,
            voter_id    uuid NOT NULL,
            seen_by     text[] NOT NULL,
            PRIMARY KEY (incident_id, voter_id)
        );
        COMMENT ON TABLE incident_voter IS 'Each voter an incident exposed, and the users the access log shows saw the data.';
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE incident_voter, incident")
