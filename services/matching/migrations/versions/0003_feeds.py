"""The list-maintenance feeds: death, felony-incarceration, other-state and NCOA records.

Revision ID: 0003
Revises: 0002

One table per kind of feed (1.10.35.9 E and F; D; G; A(1)), each loaded by bulk file
(``vrs import KIND``) and by events on ``vrs.feeds.v1``, through the same row checks. Names are
kept as the feed wrote them and normalised (``vrs_matching.domain.identity.normalise_name``, the
``*_norm`` columns) for matching; an NCOA record's old address, on which it is matched, is
normalised too (``normalise_street`` and the five-digit ZIP). A full SSN is never stored: where
a kind has one, ``ssn_index`` is its keyed blind index (docs/adr/0006) and ``ssn_last4`` its
last four digits; CHECKs keep anything else out.

``natural_key`` makes a re-load harmless: it is the SHA-256 of the kind and every field of the
record as normalised (``vrs_matching.domain.feed_records.natural_key``; the SSN by its blind
index), so the same record sent twice, by file or by event, spelled with or without accents, is
stored once, while a record that says anything different (another date of death, another
source) is a record of its own. Producers' own ids are not used: files have none, and the same
record may come by file and by event.

``matched_at`` is NULL until the record has been run against the voter file; the part of the
system that runs it sets it (a partial index keeps the records still to run at hand).
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SSN_COLUMNS = """
            ssn_index        text CHECK (length(ssn_index) = 64 AND ssn_index !~ '[^0-9a-f]'),
            ssn_last4        char(4) CHECK (ssn_last4 !~ '[^0-9]'),
            CHECK ((ssn_index IS NULL) = (ssn_last4 IS NULL)),"""
NAME_COLUMNS = """
            first_name       text NOT NULL,
            middle_name      text NOT NULL DEFAULT '',
            last_name        text NOT NULL,
            suffix           text NOT NULL DEFAULT '',
            first_name_norm  text NOT NULL,
            middle_name_norm text NOT NULL DEFAULT '',
            last_name_norm   text NOT NULL,
            suffix_norm      text NOT NULL DEFAULT '',"""
RECORD_COLUMNS = """
            record_id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            natural_key      text NOT NULL UNIQUE
                             CHECK (length(natural_key) = 64 AND natural_key !~ '[^0-9a-f]'),"""
BOOKKEEPING_COLUMNS = """
            received_at      timestamptz NOT NULL DEFAULT now(),
            matched_at       timestamptz"""
TABLES = ("death_records", "felony_records", "other_state_records", "ncoa_records")


def _comments(table: str) -> str:
    return f"""
        COMMENT ON COLUMN {table}.natural_key IS 'SHA-256 of the kind and every field as normalised (the SSN by its blind index): a re-load of the same record is a no-op.';
        COMMENT ON COLUMN {table}.received_at IS 'When the record first arrived.';
        COMMENT ON COLUMN {table}.matched_at IS 'When the record was run against the voter file; NULL until then.';
        CREATE INDEX {table}_unmatched ON {table} (received_at) WHERE matched_at IS NULL;
    """


def _person_indexes(table: str) -> str:
    return f"""
        CREATE INDEX {table}_dob_last ON {table} (date_of_birth, last_name_norm);
        CREATE INDEX {table}_names ON {table} (last_name_norm, first_name_norm);
    """


def upgrade() -> None:
    op.execute(
        f"""
        CREATE TABLE death_records ({RECORD_COLUMNS}{NAME_COLUMNS}
            date_of_birth    date NOT NULL,{SSN_COLUMNS}
            date_of_death    date NOT NULL CHECK (date_of_death >= date_of_birth),
            county           text NOT NULL DEFAULT '',
            source           text NOT NULL CHECK (source IN ('doh', 'tribal')),{BOOKKEEPING_COLUMNS}
        );
        COMMENT ON TABLE death_records IS 'Deaths reported by the DOH (1.10.35.9 E(1), source doh) and by the notarized lists of tribes and pueblos (F(1), source tribal).';
        CREATE INDEX death_records_ssn ON death_records (ssn_index);
        {_person_indexes("death_records")}{_comments("death_records")}

        CREATE TABLE felony_records ({RECORD_COLUMNS}{NAME_COLUMNS}
            date_of_birth    date NOT NULL,{SSN_COLUMNS}
            facility         text NOT NULL DEFAULT '',
            incarcerated_on  date NOT NULL CHECK (incarcerated_on >= date_of_birth),
            source           text NOT NULL
                             CHECK (source IN ('courts', 'corrections', 'justice', 'other')),{BOOKKEEPING_COLUMNS}
        );
        COMMENT ON TABLE felony_records IS 'State and federal felony incarcerations from the courts, corrections, justice or another legally recognized source (1.10.35.9 D(1)).';
        CREATE INDEX felony_records_ssn ON felony_records (ssn_index);
        {_person_indexes("felony_records")}{_comments("felony_records")}

        CREATE TABLE other_state_records ({RECORD_COLUMNS}{NAME_COLUMNS}
            date_of_birth    date NOT NULL,
            ssn_last4        char(4) CHECK (ssn_last4 !~ '[^0-9]'),
            state            char(2) NOT NULL CHECK (state !~ '[^A-Z]' AND state <> 'NM'),
            registered_on    date NOT NULL CHECK (registered_on >= date_of_birth),
            source           text NOT NULL CHECK (source = 'other_state'),{BOOKKEEPING_COLUMNS}
        );
        COMMENT ON TABLE other_state_records IS 'Notices of another state that a voter registered there (1.10.35.9 G); the notice gives the last four SSN digits at most.';
        {_person_indexes("other_state_records")}{_comments("other_state_records")}

        CREATE TABLE ncoa_records ({RECORD_COLUMNS}
            first_name       text NOT NULL,
            last_name        text NOT NULL,
            first_name_norm  text NOT NULL,
            last_name_norm   text NOT NULL,
            old_street       text NOT NULL,
            old_city         text NOT NULL DEFAULT '',
            old_zip          text NOT NULL,
            old_street_norm  text NOT NULL,
            old_zip5         text NOT NULL CHECK (length(old_zip5) = 5 AND old_zip5 !~ '[^0-9]'),
            new_street       text NOT NULL DEFAULT '',
            new_city         text NOT NULL DEFAULT '',
            new_state        text NOT NULL DEFAULT '',
            new_zip          text NOT NULL DEFAULT '',
            move_date        date NOT NULL,
            source           text NOT NULL CHECK (source = 'ncoa'),{BOOKKEEPING_COLUMNS}
        );
        COMMENT ON TABLE ncoa_records IS 'Changes of address of the national change of address program (1.10.35.9 A(1)); no DOB, no SSN: matched on name and old address.';
        COMMENT ON COLUMN ncoa_records.old_street_norm IS 'Old street as vrs_matching.domain.identity.normalise_street reads it.';
        CREATE INDEX ncoa_records_old_address ON ncoa_records (old_zip5, old_street_norm);
        CREATE INDEX ncoa_records_names ON ncoa_records (last_name_norm, first_name_norm);{_comments("ncoa_records")}
        """
    )


def downgrade() -> None:
    op.execute(f"DROP TABLE {', '.join(TABLES)}")
