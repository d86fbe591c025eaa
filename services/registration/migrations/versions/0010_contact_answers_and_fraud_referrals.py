"""A contact request's mailing address (the D(1) answer is mailed there when no e-mail is given),
and the clerk's referrals of suspicious applications to the election prosecutor (C(7)).

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE contact_requests ADD COLUMN mailing_address jsonb;

        CREATE TABLE fraud_referrals (
            referral_id     uuid PRIMARY KEY,
            application_id  uuid NOT NULL REFERENCES applications (application_id),
            county          text NOT NULL,
            reasons         text[] NOT NULL CHECK (cardinality(reasons) > 0),
            referred_by     text NOT NULL,
            referred_at     timestamptz NOT NULL DEFAULT now()
        );
        COMMENT ON TABLE fraud_referrals IS 'Applications a county clerk reasonably believes fraudulent, referred with the clerk''s reasons to the election prosecutor of the county (1.10.35.8 C(7)).';
        CREATE INDEX fraud_referrals_application ON fraud_referrals (application_id);
        """
    )


def downgrade() -> None:
    op.execute(
        """
        DROP TABLE fraud_referrals;
        ALTER TABLE contact_requests DROP COLUMN mailing_address;
        """
    )
