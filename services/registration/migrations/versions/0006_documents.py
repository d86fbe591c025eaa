"""Scanned documents and certificate images attached to voter records (1.10.35.8 A(6), D(9), E(2)).

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A document hangs off the voter, not the county: when the voter transfers, its images stay
    # attached (A(6)). One brought by an application waits on the application until the voter
    # exists. The bytes are kept here (bytea); see the service README for the production shape.
    op.execute(
        """
        CREATE TABLE documents (
            document_id    uuid PRIMARY KEY,
            voter_id       uuid REFERENCES voters (voter_id),
            application_id uuid REFERENCES applications (application_id),
            kind           text NOT NULL CHECK (kind IN ('certificate_scan', 'certificate_image', 'confirmation_card', 'other')),
            content_type   text NOT NULL,
            content        bytea NOT NULL,
            sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
            description    text,
            added_by       text NOT NULL,
            added_at       timestamptz NOT NULL DEFAULT now(),
            CHECK (voter_id IS NOT NULL OR application_id IS NOT NULL)
        );
        CREATE INDEX documents_voter ON documents (voter_id, added_at) WHERE voter_id IS NOT NULL;
        CREATE INDEX documents_application ON documents (application_id) WHERE application_id IS NOT NULL;
        CREATE UNIQUE INDEX documents_one_certificate_image ON documents (application_id)
            WHERE kind = 'certificate_image';
        COMMENT ON TABLE documents IS
            'Scanned images (1.10.35.7 EE) and generated certificate images (D(9), E(2)) of voter records; never deleted.';
        COMMENT ON COLUMN documents.sha256 IS 'SHA-256 of content, hex: the fingerprint of the document as received.';
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE documents")
