"""The clerk's review queue, settled match outcomes, and what the clerk sees of a projected voter.

Revision ID: 0005
Revises: 0004

``review_tasks`` holds one pair per row: the subject (an application at intake, a voter in list
maintenance) and one candidate record. (subject_id, kind, record_id) is unique, so a pair —
resolved or not — is never raised twice. The records the clerk sees are masked on the way in:
names, DOB, the SSN's last four digits and the address; a CHECK keeps any key naming an SSN or
a blind index out of them. The clerk's note stays here; events never carry it.

``match_results`` learns when and how an application's match was settled, so it is settled once.
``voter_projection`` keeps each voter as the clerk sees it (``record``, names as written) and the
date of its latest registration (to tell which of two duplicate registrations stays).
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE review_tasks (
            review_id        uuid PRIMARY KEY,
            county           text NOT NULL,
            subject          text NOT NULL CHECK (subject IN ('application', 'voter')),
            subject_id       uuid NOT NULL,
            kind             text NOT NULL,
            record_id        text NOT NULL,
            strength         text NOT NULL CHECK (strength IN ('strong', 'weak', 'none')),
            score            double precision NOT NULL CHECK (score BETWEEN 0 AND 1),
            evidence         jsonb NOT NULL,
            explanation      jsonb NOT NULL DEFAULT '[]',
            contrary         text[] NOT NULL DEFAULT '{}',
            subject_record   jsonb NOT NULL
                             CHECK (NOT subject_record ?| ARRAY['ssn', 'ssn_index', 'blind_index']),
            candidate_record jsonb NOT NULL
                             CHECK (NOT candidate_record ?| ARRAY['ssn', 'ssn_index', 'blind_index']),
            state            text NOT NULL DEFAULT 'open'
                             CHECK (state IN ('open', 'needs_contact', 'resolved')),
            decision         text CHECK (decision IN ('match', 'not_a_match', 'needs_contact')),
            note             text,
            raised_at        timestamptz NOT NULL,
            resolved_by      text,
            resolved_at      timestamptz,
            UNIQUE (subject_id, kind, record_id),
            CHECK ((state = 'resolved') = (decision IN ('match', 'not_a_match'))),
            CHECK ((decision IS NULL) = (resolved_by IS NULL AND resolved_at IS NULL))
        );
        COMMENT ON TABLE review_tasks IS 'Pairs only a county clerk may decide (1.10.35.7 SS, X): the owning county''s queue, the records side by side (SSN as last four only), the decision and the clerk''s note.';
        COMMENT ON COLUMN review_tasks.resolved_by IS 'Who made the latest decision; the task is finished only in state resolved.';
        COMMENT ON COLUMN review_tasks.strength IS 'strong (1.10.35.7 JJ), weak (SS), or none: raised by the score alone (1.10.35.8 A(1) additional criteria).';
        CREATE INDEX review_tasks_queue ON review_tasks (county, state, score DESC);

        ALTER TABLE match_results ADD COLUMN settled_outcome text, ADD COLUMN settled_at timestamptz;

        ALTER TABLE voter_projection ADD COLUMN record jsonb, ADD COLUMN registered_on date;
        COMMENT ON COLUMN voter_projection.record IS 'The voter as a clerk sees it in a review: names as written, DOB, SSN last four, address, county. Never a blind index.';
        """
    )


def downgrade() -> None:
    op.execute(
        """
        ALTER TABLE voter_projection DROP COLUMN registered_on, DROP COLUMN record;
        ALTER TABLE match_results DROP COLUMN settled_at, DROP COLUMN settled_outcome;
        DROP TABLE review_tasks;
        """
    )
