"""The public voter projection: the allowed fields of each voter, fed by registration's events.

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
        CREATE TABLE public_voters (
            voter_id          uuid PRIMARY KEY,
            county            text NOT NULL,
            status            text NOT NULL,
            first_name        text NOT NULL,
            middle_name       text,
            last_name         text NOT NULL,
            suffix            text,
            birth_year        integer NOT NULL,
            residence_street  text,
            residence_city    text,
            residence_state   text,
            residence_zip     text,
            mailing_street    text,
            mailing_city      text,
            mailing_state     text,
            mailing_zip       text,
            party             text NOT NULL,
            registered_on     date NOT NULL,
            updated_at        timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX public_voters_county ON public_voters (county, last_name, first_name);
        COMMENT ON TABLE public_voters IS
            'Only the public fields of domain/projection.py: no SSN, MVD number, day or month of birth, signature, agency code, phone, e-mail; no voter with a confidential address (1.10.37).';
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE public_voters")
