"""Applications, the voter file with its status history, the SSN vault, qualified parties.

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
        CREATE TABLE ssn_vault (
            blind_index text PRIMARY KEY,
            key_id      text NOT NULL,
            nonce       bytea NOT NULL,
            ciphertext  bytea NOT NULL,
            last4       char(4) NOT NULL,
            created_at  timestamptz NOT NULL DEFAULT now()
        );
        COMMENT ON TABLE ssn_vault IS 'The only copy of full SSNs: AES-GCM ciphertext, key id for rotation.';

        CREATE TABLE qualified_parties (
            code text PRIMARY KEY,
            name text NOT NULL
        );
        INSERT INTO qualified_parties (code, name) VALUES
            ('DEM', 'Democratic Party'), ('REP', 'Republican Party'), ('LIB', 'Libertarian Party');

        CREATE TABLE applications (
            application_id    uuid PRIMARY KEY,
            submitted_by      text NOT NULL,
            idempotency_key   text NOT NULL,
            request_hash      text NOT NULL,
            channel           text NOT NULL,
            county            text NOT NULL,
            decision          text NOT NULL CHECK (decision IN ('accepted', 'suspense', 'rejected')),
            status_reason     text,
            rejection_reasons text[] NOT NULL DEFAULT '{}',
            state             text NOT NULL,
            person_key        text NOT NULL,
            ssn_blind_index   text REFERENCES ssn_vault (blind_index),
            ssn_last4         char(4),
            first_name        text,
            middle_name       text,
            last_name         text,
            suffix            text,
            date_of_birth     date,
            gender            text,
            residence_address jsonb,
            mailing_address   jsonb,
            party             text NOT NULL,
            details           jsonb NOT NULL,
            voter_id          uuid,
            correlation_id    uuid NOT NULL,
            received_at       timestamptz NOT NULL,
            decided_at        timestamptz,
            UNIQUE (submitted_by, idempotency_key)
        );
        CREATE INDEX applications_county ON applications (county, received_at);

        CREATE TABLE voters (
            voter_id              uuid PRIMARY KEY,
            county                text NOT NULL,
            status                text NOT NULL,
            status_reason         text,
            first_name            text NOT NULL,
            middle_name           text,
            last_name             text NOT NULL,
            suffix                text,
            date_of_birth         date NOT NULL,
            ssn_blind_index       text REFERENCES ssn_vault (blind_index),
            ssn_last4             char(4),
            person_key            text NOT NULL,
            gender                text,
            residence_address     jsonb NOT NULL,
            mailing_address       jsonb,
            party                 text NOT NULL,
            email                 text,
            phone                 text,
            language              text,
            source_id             text,
            source_application_id uuid,
            registered_on         date NOT NULL,
            created_at            timestamptz NOT NULL DEFAULT now(),
            updated_at            timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX voters_county ON voters (county);
        CREATE INDEX voters_person_key ON voters (person_key);

        CREATE TABLE voter_status_history (
            id             bigserial PRIMARY KEY,
            voter_id       uuid NOT NULL REFERENCES voters (voter_id),
            old_status     text,
            new_status     text NOT NULL,
            status_reason  text,
            clause         text NOT NULL,
            actor          text NOT NULL,
            changed_at     timestamptz NOT NULL DEFAULT now(),
            cause_event_id uuid
        );
        CREATE INDEX voter_status_history_voter ON voter_status_history (voter_id, id);
        """
    )


def downgrade() -> None:
    op.execute(
        "DROP TABLE voter_status_history, voters, applications, qualified_parties, ssn_vault, inbox, outbox"
    )
