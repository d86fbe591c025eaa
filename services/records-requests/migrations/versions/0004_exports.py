"""Exports (encrypted chunks, their voters), and the disclosure accounting.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE exports (
            export_id        uuid PRIMARY KEY,
            request_id       uuid NOT NULL REFERENCES requests,
            requester        text NOT NULL,
            state            text NOT NULL
                             CHECK (state IN ('queued', 'building', 'ready', 'deleted')),
            columns          text[] NOT NULL,
            rows_total       integer,
            rows_done        integer NOT NULL DEFAULT 0,
            file_sha256      text,
            download_limit   integer NOT NULL,
            downloads        integer NOT NULL DEFAULT 0,
            created_at       timestamptz NOT NULL,
            ready_at         timestamptz,
            expires_at       timestamptz,
            deleted_at       timestamptz,
            deletion_reason  text
        );
        CREATE INDEX exports_work ON exports (state, created_at);
        COMMENT ON TABLE exports IS
            '1.10.35.11 H: an export job, its progress, downloads and deletion; the file is in export_chunks until deleted.';

        CREATE TABLE export_chunks (
            export_id   uuid NOT NULL REFERENCES exports,
            seq         integer NOT NULL,
            key_id      text NOT NULL,
            nonce       bytea NOT NULL,
            ciphertext  bytea NOT NULL,
            PRIMARY KEY (export_id, seq)
        );
        COMMENT ON TABLE export_chunks IS
            'The export file, AES-GCM encrypted chunk by chunk (associated data: export id and sequence); deleted with the export.';

        CREATE TABLE export_voters (
            export_id  uuid NOT NULL REFERENCES exports,
            position   integer NOT NULL,
            voter_id   uuid NOT NULL,
            county     text NOT NULL,
            PRIMARY KEY (export_id, position)
        );
        CREATE INDEX export_voters_voter ON export_voters (voter_id);
        COMMENT ON TABLE export_voters IS
            'Which voters each export disclosed, in file order; kept after the file is deleted, for the accounting and breach queries.';

        CREATE TABLE disclosures (
            disclosure_id           uuid PRIMARY KEY,
            export_id               uuid UNIQUE REFERENCES exports,
            request_id              uuid REFERENCES requests,
            sensitive_request_id    uuid UNIQUE REFERENCES sensitive_requests,
            disclosed_at            timestamptz NOT NULL,
            recipient_name          text NOT NULL,
            recipient_organisation  text NOT NULL,
            recipient_address       text NOT NULL,
            purpose                 text NOT NULL,
            legal_basis             text NOT NULL CHECK (legal_basis IN ('affidavit', 'court_order')),
            legal_basis_id          uuid NOT NULL,
            fields                  text[] NOT NULL,
            row_count               integer NOT NULL,
            file_sha256             text,
            deletion_date           timestamptz,
            deleted_at              timestamptz,
            CHECK ((export_id IS NULL) <> (sensitive_request_id IS NULL)),
            CHECK ((export_id IS NULL) = (request_id IS NULL))
        );
        COMMENT ON TABLE disclosures IS
            'One record per disclosure (an export under an affidavit, or a person''s data the SOS gave under a court order): who, where, why, on which legal basis, which fields, how many rows, the file hash, when deleted.';
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE disclosures, export_voters, export_chunks, exports")
