"""Requesters' affidavits, requests with their quotes and refusals, deposits and payments, court
orders, and requests for a person's sensitive data.

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
        CREATE TABLE affidavits (
            affidavit_id        uuid PRIMARY KEY,
            requester           text NOT NULL,
            version             integer NOT NULL,
            name                text NOT NULL,
            organisation        text NOT NULL,
            address             text NOT NULL,
            purpose             text NOT NULL,
            requester_kind      text NOT NULL,
            attests_lawful_use  boolean NOT NULL CHECK (attests_lawful_use),
            signature           text NOT NULL,
            signed_on           date NOT NULL,
            recorded_at         timestamptz NOT NULL DEFAULT now(),
            UNIQUE (requester, version)
        );
        COMMENT ON TABLE affidavits IS
            '1.10.35.10 A: each signed affidavit of authorization, versioned per requester (the token subject); never updated.';

        CREATE TABLE county_settings (
            county           text PRIMARY KEY,
            deposit_percent  integer NOT NULL CHECK (deposit_percent BETWEEN 0 AND 100),
            set_by           text NOT NULL,
            set_at           timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE requests (
            request_id        uuid PRIMARY KEY,
            requester         text NOT NULL,
            affidavit_id      uuid REFERENCES affidavits,
            product           text NOT NULL,
            medium            text NOT NULL,
            county            text,
            filters           jsonb NOT NULL DEFAULT '{}',
            voter_ids         uuid[] NOT NULL DEFAULT '{}',
            purpose           text,
            outcome           text NOT NULL CHECK (outcome IN ('quoted', 'refused')),
            refusal_reason    text,
            row_count         integer,
            schedule_version  text,
            quote_lines       jsonb,
            total_cents       integer,
            deposit_cents     integer,
            requested_at      timestamptz NOT NULL DEFAULT now(),
            fulfilled_at      timestamptz
        );
        CREATE INDEX requests_requester ON requests (requester, requested_at);
        COMMENT ON TABLE requests IS
            'Every request, quoted or refused (1.10.35.7 FF, 1.10.35.10): the attempt is kept either way.';

        CREATE TABLE payments (
            payment_id    uuid PRIMARY KEY,
            request_id    uuid NOT NULL REFERENCES requests,
            kind          text NOT NULL CHECK (kind IN ('deposit', 'payment')),
            amount_cents  integer NOT NULL CHECK (amount_cents > 0),
            reference     text,
            recorded_by   text NOT NULL,
            recorded_at   timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX payments_request ON payments (request_id);

        CREATE TABLE court_orders (
            court_order_id   uuid PRIMARY KEY,
            requester        text NOT NULL,
            kind             text NOT NULL CHECK (kind IN ('court_order', 'subpoena')),
            court            text NOT NULL,
            case_number      text NOT NULL,
            document_sha256  text NOT NULL,
            attached_at      timestamptz NOT NULL DEFAULT now(),
            decision         text CHECK (decision IN ('approved', 'rejected')),
            decided_by       text,
            decided_at       timestamptz
        );

        CREATE TABLE sensitive_requests (
            sensitive_request_id  uuid PRIMARY KEY,
            requester             text NOT NULL,
            affidavit_id          uuid REFERENCES affidavits,
            voter_id              uuid NOT NULL,
            fields                text[] NOT NULL,
            court_order_id        uuid REFERENCES court_orders,
            outcome               text NOT NULL CHECK (outcome IN ('approved', 'refused')),
            reason                text,
            requested_at          timestamptz NOT NULL DEFAULT now()
        );
        COMMENT ON TABLE sensitive_requests IS
            'Every request for a person''s sensitive data, refused or approved under a court order; kept either way.';
        """
    )


def downgrade() -> None:
    op.execute(
        "DROP TABLE sensitive_requests, court_orders, payments, requests, county_settings, affidavits"
    )
