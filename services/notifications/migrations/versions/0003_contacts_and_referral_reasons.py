"""The voter contacts a breach notice is addressed from, the contact request a D(1) answer
belongs to, and the clerk's reasons of a C(7) referral.

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
        CREATE TABLE voter_contacts (
            voter_id         uuid PRIMARY KEY,
            county           text NOT NULL,
            name             jsonb,
            mailing_address  jsonb,
            email            text,
            language         text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es')),
            as_of_event_id   uuid NOT NULL,
            updated_at       timestamptz NOT NULL DEFAULT now()
        );
        COMMENT ON TABLE voter_contacts IS 'How to write to each voter (name, mailing address, e-mail, county, language), kept from registration''s voter events, for notices whose event names only the voter (breach notices). Never an SSN, a date of birth or a party.';

        ALTER TABLE notices ADD COLUMN contact_request_id uuid;
        CREATE INDEX notices_contact_request ON notices (contact_request_id);

        ALTER TABLE referrals ADD COLUMN reasons text[] NOT NULL DEFAULT '{}';
        ALTER TABLE referrals ADD COLUMN referred_by text;
        COMMENT ON COLUMN referrals.reasons IS 'The clerk''s statement of the reasons, one per entry (1.10.35.8 C(7)).';
        """
    )


def downgrade() -> None:
    op.execute(
        """
        ALTER TABLE referrals DROP COLUMN referred_by, DROP COLUMN reasons;
        DROP INDEX notices_contact_request;
        ALTER TABLE notices DROP COLUMN contact_request_id;
        DROP TABLE voter_contacts;
        """
    )
