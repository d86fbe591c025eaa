"""Notices with their due dates and history, letters, deliveries, print batches, referrals.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE notices (
            notice_id          uuid PRIMARY KEY,
            notice_type        text NOT NULL,
            clause             text NOT NULL,
            county             text NOT NULL,
            language           text NOT NULL CHECK (language IN ('en', 'es')),
            application_id     uuid,
            voter_id           uuid,
            trigger_key        text NOT NULL,
            trigger_event_id   uuid NOT NULL,
            triggered_at       timestamptz NOT NULL,
            due_date           date NOT NULL,
            state              text NOT NULL CHECK (state IN
                               ('scheduled', 'rendered', 'sent', 'delivered', 'returned', 'failed')),
            reasons            text[] NOT NULL DEFAULT '{}',
            recipient          jsonb NOT NULL,
            details            jsonb NOT NULL DEFAULT '{}',
            required_channels  text[] NOT NULL,
            sent_at            timestamptz,
            sent_late          boolean,
            deadline_alarm_at  timestamptz,
            created_at         timestamptz NOT NULL DEFAULT now(),
            UNIQUE (trigger_key, notice_type)
        );
        COMMENT ON TABLE notices IS 'Every notice the rule requires, with its clause and due date. (trigger_key, notice_type) is unique: a redelivered or re-published triggering event never makes a second notice.';
        COMMENT ON COLUMN notices.recipient IS 'Only what the letter needs: name, mailing address, e-mail. Never an SSN.';
        CREATE INDEX notices_application ON notices (application_id);
        CREATE INDEX notices_voter ON notices (voter_id);
        CREATE INDEX notices_open ON notices (county, due_date) WHERE state IN ('scheduled', 'rendered', 'failed');

        CREATE TABLE notice_history (
            id          bigserial PRIMARY KEY,
            notice_id   uuid NOT NULL REFERENCES notices (notice_id),
            from_state  text,
            to_state    text NOT NULL,
            actor       text NOT NULL,
            note        text,
            at          timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX notice_history_notice ON notice_history (notice_id, id);

        CREATE TABLE letters (
            notice_id    uuid NOT NULL REFERENCES notices (notice_id),
            version      integer NOT NULL,
            pdf          bytea NOT NULL,
            text_body    text NOT NULL,
            html_body    text NOT NULL,
            subject      text NOT NULL,
            rendered_by  text NOT NULL,
            rendered_at  timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (notice_id, version)
        );
        COMMENT ON TABLE letters IS 'Each rendering of a notice; a re-print adds a version.';

        CREATE TABLE print_batches (
            batch_id    uuid PRIMARY KEY,
            county      text NOT NULL,
            batch_date  date NOT NULL,
            created_at  timestamptz NOT NULL DEFAULT now(),
            UNIQUE (county, batch_date)
        );
        COMMENT ON TABLE print_batches IS 'One print batch per county per day: its PDF bundle and CSV manifest are built from its letters.';

        CREATE TABLE deliveries (
            id          bigserial PRIMARY KEY,
            notice_id   uuid NOT NULL REFERENCES notices (notice_id),
            channel     text NOT NULL CHECK (channel IN ('mail', 'email')),
            method      text NOT NULL CHECK (method IN ('print_batch', 'vendor', 'hand', 'smtp')),
            version     integer NOT NULL,
            batch_id    uuid REFERENCES print_batches (batch_id),
            reference   text,
            actor       text NOT NULL,
            at          timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX deliveries_notice ON deliveries (notice_id);
        CREATE INDEX deliveries_batch ON deliveries (batch_id);

        CREATE TABLE referrals (
            referral_id     uuid PRIMARY KEY,
            reason          text NOT NULL,
            clause          text NOT NULL,
            county          text NOT NULL,
            application_id  uuid,
            voter_id        uuid,
            statement       text NOT NULL,
            trigger_key     text NOT NULL,
            trigger_event_id uuid NOT NULL,
            created_at      timestamptz NOT NULL DEFAULT now(),
            UNIQUE (trigger_key, reason)
        );
        COMMENT ON TABLE referrals IS 'Matters referred to the election prosecutor of the district attorney (1.10.35.8 C(5), C(7)): records with reasons, not letters.';
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE referrals, deliveries, print_batches, letters, notice_history, notices")
