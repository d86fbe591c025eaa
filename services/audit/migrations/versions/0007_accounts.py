"""Accounts: who may sign in, with which role and county scope, every change to that, and every
attempt to sign in.

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE account (
            subject          text PRIMARY KEY,
            role             text NOT NULL,
            county           text,
            status           text NOT NULL CHECK (status IN ('active', 'disabled')),
            owner_name       text,
            created_at       timestamptz NOT NULL,
            created_by       text NOT NULL,
            last_activity_at timestamptz,
            disabled_at      timestamptz,
            disabled_reason  text,
            password_hash    text,
            totp_secret      text,
            CHECK ((role IN ('county_clerk', 'county_supervisor')) = (county IS NOT NULL))
        );
        COMMENT ON TABLE account IS 'A user of the system: role, county scope (county roles only) and status (1.10.35.11).';
        CREATE INDEX account_status ON account (status, last_activity_at);

        CREATE TABLE account_change (
            seq        bigserial PRIMARY KEY,
            subject    text NOT NULL REFERENCES account (subject),
            change     text NOT NULL CHECK (change IN ('created', 'role_changed', 'credentials_set', 'disabled', 'enabled')),
            role       text NOT NULL,
            county     text,
            status     text NOT NULL,
            changed_by text NOT NULL,
            reason     text NOT NULL,
            changed_at timestamptz NOT NULL
        );
        COMMENT ON TABLE account_change IS 'Every change of an account: what it became, who did it and why.';
        CREATE INDEX account_change_subject ON account_change (subject, seq);

        CREATE TABLE sign_in_attempt (
            seq            bigserial PRIMARY KEY,
            subject        text NOT NULL,
            source_address text,
            attempted_at   timestamptz NOT NULL,
            succeeded      boolean NOT NULL,
            reason         text
        );
        COMMENT ON TABLE sign_in_attempt IS 'Every sign-in attempt: the rate limit and the lock-out count them.';
        CREATE INDEX sign_in_attempt_subject ON sign_in_attempt (subject, attempted_at);
        CREATE INDEX sign_in_attempt_source ON sign_in_attempt (source_address, attempted_at);
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE sign_in_attempt, account_change, account")
