"""Each row of a feed file (deaths, felony, other-state, ncoa) is checked column by column: a
problem names its line and column and never the value, the full SSN leaves the check only as its
blind index, and the same record read twice has one natural key."""

import hashlib
import random
from datetime import date

import pytest

from vrs_embedded.synthetic import issuable_ssn
from vrs_matching.domain.feed_files import DEATHS, FEED_KINDS, FELONY, NCOA, OTHER_STATE, FeedKind
from vrs_matching.domain.feed_records import (
    DeathRecord,
    FeedRecord,
    FelonyRecord,
    NcoaRecord,
    OtherStateRecord,
)
from vrs_plumbing.bulk_fields import RejectedRow, RowProblem

TODAY = date(2026, 11, 21)
SSN = issuable_ssn(random.Random(35_9))  # synthetic, drawn for this test run
NAME = {"first_name": "José", "middle_name": "Q", "last_name": "Peña-Ortiz", "suffix": "Jr."}
GOOD: dict[str, dict[str, str]] = {
    "deaths": {
        **NAME,
        "date_of_birth": "1930-02-03",
        "ssn": SSN,
        "date_of_death": "2026-01-05",
        "county": "Santa Fe",
        "source": "doh",
    },
    "felony": {
        **NAME,
        "date_of_birth": "1980-02-03",
        "ssn": SSN,
        "facility": "Penitentiary of New Mexico",
        "incarcerated_on": "2025-06-30",
        "source": "corrections",
    },
    "other-state": {
        **NAME,
        "date_of_birth": "1980-02-03",
        "ssn_last4": SSN[-4:],
        "state": "az",
        "registered_on": "2026-03-01",
    },
    "ncoa": {
        "first_name": "José",
        "last_name": "Peña-Ortiz",
        "old_street": "100 Cerrillos Rd.",
        "old_city": "Santa Fe",
        "old_zip": "87505-1234",
        "new_street": "1 Main St",
        "new_city": "Tucson",
        "new_state": "AZ",
        "new_zip": "85701",
        "move_date": "2026-04-01",
    },
}
KINDS = [DEATHS, FELONY, OTHER_STATE, NCOA]


def fake_hash(digits: str) -> str:
    """A stand-in for the keyed blind index: 64 hex digits, never the number."""
    return hashlib.sha256(b"test:" + digits.encode()).hexdigest()


def fake_index(digits: str) -> tuple[str, tuple[str, ...]]:
    """A stand-in for the keyed indexes: the blind index and one near index."""
    return fake_hash(digits), (fake_hash(digits[1:])[:16],)


def read(kind: FeedKind, line: int = 7, **changes: str) -> FeedRecord | RejectedRow:
    return kind.read_row(
        {**GOOD[kind.name], **changes}, line=line, index_ssn=fake_index, today=TODAY
    )


def test_every_kind_is_known_by_the_name_vrs_import_takes() -> None:
    assert list(FEED_KINDS) == ["deaths", "felony", "other-state", "ncoa"]


@pytest.mark.parametrize(
    ("kind", "columns"),
    [
        (
            DEATHS,
            "first_name, middle_name, last_name, suffix, date_of_birth, ssn, date_of_death, "
            "county, source",
        ),
        (
            FELONY,
            "first_name, middle_name, last_name, suffix, date_of_birth, ssn, facility, "
            "incarcerated_on, source",
        ),
        (
            OTHER_STATE,
            "first_name, middle_name, last_name, suffix, date_of_birth, ssn_last4, state, "
            "registered_on",
        ),
        (
            NCOA,
            "first_name, last_name, old_street, old_city, old_zip, new_street, new_city, "
            "new_state, new_zip, move_date",
        ),
    ],
    ids=lambda value: value.name if isinstance(value, FeedKind) else "",
)
def test_each_kind_promises_exactly_the_columns_of_the_design(kind: FeedKind, columns: str) -> None:
    assert ", ".join(kind.columns) == columns
    assert kind.missing_columns([*kind.columns, "notes"]) == []
    assert kind.missing_columns(kind.columns[1:]) == [kind.columns[0]]


def test_a_death_becomes_a_record_with_the_ssn_index_and_last_four_only() -> None:
    record = read(DEATHS)

    assert isinstance(record, DeathRecord)
    assert record.line == 7
    assert (record.first_name, record.last_name, record.suffix) == ("José", "Peña-Ortiz", "Jr.")
    assert (
        record.first_name_norm,
        record.middle_name_norm,
        record.last_name_norm,
        record.suffix_norm,
    ) == ("JOSE", "Q", "PENA ORTIZ", "JR")
    assert (record.ssn_index, record.ssn_near) == (fake_hash(SSN), [fake_hash(SSN[1:])[:16]])
    assert record.ssn_last4 == SSN[-4:]
    assert (record.date_of_birth, record.date_of_death) == (date(1930, 2, 3), date(2026, 1, 5))
    assert (record.county, record.source) == ("santa_fe", "doh")
    assert SSN not in repr(record)


def test_a_felony_incarceration_becomes_a_record() -> None:
    record = read(FELONY, source="Justice")

    assert isinstance(record, FelonyRecord)
    assert record.ssn_index == fake_hash(SSN)
    assert record.facility == "Penitentiary of New Mexico"
    assert record.incarcerated_on == date(2025, 6, 30)
    assert record.source == "justice"
    assert SSN not in repr(record)


def test_an_other_state_notice_becomes_a_record_with_the_last_four_it_gives() -> None:
    record = read(OTHER_STATE)

    assert isinstance(record, OtherStateRecord)
    assert (record.ssn_last4, record.state, record.source) == (SSN[-4:], "AZ", "other_state")
    assert record.registered_on == date(2026, 3, 1)


def test_a_change_of_address_keeps_its_old_address_normalised_for_matching() -> None:
    record = read(NCOA)

    assert isinstance(record, NcoaRecord)
    assert (record.first_name_norm, record.last_name_norm) == ("JOSE", "PENA ORTIZ")
    assert (record.old_street, record.old_street_norm) == ("100 Cerrillos Rd.", "100 CERRILLOS RD")
    assert (record.old_zip, record.old_zip5) == ("87505-1234", "87505")
    assert (record.new_state, record.new_zip, record.move_date) == ("AZ", "85701", date(2026, 4, 1))
    assert record.source == "ncoa"


@pytest.mark.parametrize(
    ("kind", "blank"),
    [
        (DEATHS, ("middle_name", "suffix", "ssn", "county")),
        (FELONY, ("middle_name", "suffix", "ssn", "facility")),
        (OTHER_STATE, ("middle_name", "suffix", "ssn_last4")),
        (NCOA, ("old_city", "new_street", "new_city", "new_state", "new_zip")),
    ],
    ids=lambda value: value.name if isinstance(value, FeedKind) else "",
)
def test_optional_columns_may_be_blank(kind: FeedKind, blank: tuple[str, ...]) -> None:
    record = read(kind, **dict.fromkeys(blank, ""))

    assert isinstance(record, kind.record_type)
    if isinstance(record, DeathRecord | FelonyRecord):
        assert (record.ssn_index, record.ssn_last4) == (None, None)


BAD_CASES = [
    *[
        (kind, column, written, problem)
        for kind in (DEATHS, FELONY, OTHER_STATE, NCOA)
        for column, written, problem in [
            ("first_name", "", "required"),
            ("first_name", "1234", "must contain letters"),
            ("first_name", "Al\nma", "must not contain control characters or line breaks"),
            ("first_name", "A" * 101, "must be at most 100 characters"),
            ("last_name", "  ", "required"),
            ("last_name", "--", "must contain letters"),
            ("last_name", "Pe\ufffda", "must be UTF-8 text"),
        ]
    ],
    *[
        (kind, column, written, problem)
        for kind in (DEATHS, FELONY, OTHER_STATE)
        for column, written, problem in [
            ("middle_name", "M" * 101, "must be at most 100 characters"),
            ("suffix", "J" * 11, "must be at most 10 characters"),
            ("date_of_birth", "", "required"),
            ("date_of_birth", "02/03/1980", "must be a date written YYYY-MM-DD"),
            ("date_of_birth", "1981-02-29", "must be a real calendar date"),
            ("date_of_birth", "2026-11-22", "must not be in the future"),
        ]
    ],
    *[
        (kind, "ssn", written, "must be nine digits")
        for kind in (DEATHS, FELONY)
        for written in ("51234098", "5123409870", "51234O987", "٥١٢٣٤٠٩٨٧")
    ],
    (DEATHS, "date_of_death", "", "required"),
    (DEATHS, "date_of_death", "2026-1-5", "must be a date written YYYY-MM-DD"),
    (DEATHS, "date_of_death", "2026-11-22", "must not be in the future"),
    (DEATHS, "date_of_death", "1930-02-02", "must not be before date_of_birth"),
    (DEATHS, "county", "Atlantis", "must be a county of New Mexico, e.g. santa_fe or Santa Fe"),
    (DEATHS, "source", "", "required"),
    (DEATHS, "source", "obituary", "must be one of doh, tribal"),
    (FELONY, "facility", "F" * 201, "must be at most 200 characters"),
    (FELONY, "incarcerated_on", "", "required"),
    (FELONY, "incarcerated_on", "1970-01-01", "must not be before date_of_birth"),
    (FELONY, "source", "sheriff", "must be one of courts, corrections, justice, other"),
    (OTHER_STATE, "ssn_last4", "123", "must be four digits"),
    (OTHER_STATE, "ssn_last4", "12a4", "must be four digits"),
    (OTHER_STATE, "state", "", "required"),
    (OTHER_STATE, "state", "Arizona", "must be a two-letter state code"),
    (OTHER_STATE, "state", "nm", "must be another state than NM"),
    (OTHER_STATE, "registered_on", "2026-13-01", "must be a real calendar date"),
    (OTHER_STATE, "registered_on", "1979-12-31", "must not be before date_of_birth"),
    (NCOA, "old_street", "", "required"),
    (NCOA, "old_street", "#", "must contain letters or digits"),
    (NCOA, "old_street", "S" * 201, "must be at most 200 characters"),
    (NCOA, "old_city", "C" * 101, "must be at most 100 characters"),
    (NCOA, "old_zip", "", "required"),
    (NCOA, "old_zip", "8750", "must be a ZIP code of 5 or 9 digits"),
    (NCOA, "new_state", "Arizona", "must be a two-letter state code"),
    (NCOA, "new_zip", "85701-12", "must be a ZIP code of 5 or 9 digits"),
    (NCOA, "move_date", "", "required"),
    (NCOA, "move_date", "2026-11-22", "must not be in the future"),
]


@pytest.mark.parametrize(
    ("kind", "column", "written", "problem"),
    BAD_CASES,
    ids=[f"{kind.name}-{column}-{n}" for n, (kind, column, _, _) in enumerate(BAD_CASES)],
)
def test_a_bad_column_rejects_the_row_naming_the_line_and_column_but_not_the_value(
    kind: FeedKind, column: str, written: str, problem: str
) -> None:
    result = read(kind, line=12, **{column: written})

    assert result == RejectedRow(12, (RowProblem(12, column, problem),))
    assert str(result.problems[0]) == f"line 12: {column}: {problem}"
    assert SSN not in str(result)
    if len(written.strip()) > 3:
        assert written not in str(result)


def test_every_problem_of_a_row_is_named_in_one_pass() -> None:
    result = read(DEATHS, line=3, first_name="", ssn="123", date_of_death="soon", source="x")

    assert isinstance(result, RejectedRow)
    assert [(p.line, p.column) for p in result.problems] == [
        (3, "first_name"),
        (3, "ssn"),
        (3, "date_of_death"),
        (3, "source"),
    ]


def test_a_missing_column_reads_as_blank() -> None:
    fields_ = {k: v for k, v in GOOD["felony"].items() if k != "incarcerated_on"}

    result = FELONY.read_row(fields_, line=4, index_ssn=fake_index, today=TODAY)

    assert result == RejectedRow(4, (RowProblem(4, "incarcerated_on", "required"),))


def test_the_index_function_sees_nine_digits_and_nothing_else() -> None:
    seen: list[str] = []

    def recording_index(digits: str) -> tuple[str, tuple[str, ...]]:
        seen.append(digits)
        return fake_index(digits)

    dashed = f"{SSN[:3]}-{SSN[3:5]}-{SSN[5:]}"
    for kind, ssn in ((DEATHS, dashed), (FELONY, "12"), (DEATHS, "")):
        kind.read_row(
            {**GOOD[kind.name], "ssn": ssn}, line=2, index_ssn=recording_index, today=TODAY
        )

    assert seen == [SSN]


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_the_same_record_written_differently_has_one_natural_key(kind: FeedKind) -> None:
    first = read(kind)
    folded = {
        column: value.upper().replace("É", "E").replace("Ñ", "N")
        for column, value in GOOD[kind.name].items()
        if column in {"first_name", "last_name", "old_street", "old_city", "facility"}
    }
    again = read(kind, line=99, **folded)

    assert isinstance(first, FeedRecord)
    assert isinstance(again, FeedRecord)
    assert again.natural_key == first.natural_key
    assert len(first.natural_key) == 64


@pytest.mark.parametrize(
    ("kind", "column", "other"),
    [
        (DEATHS, "date_of_death", "2026-01-06"),
        (DEATHS, "source", "tribal"),
        (DEATHS, "ssn", ""),
        (FELONY, "incarcerated_on", "2025-07-01"),
        (OTHER_STATE, "state", "TX"),
        (NCOA, "old_zip", "87501"),
        (NCOA, "move_date", "2026-04-02"),
    ],
    ids=lambda value: value.name if isinstance(value, FeedKind) else str(value),
)
def test_a_record_that_says_anything_different_has_another_natural_key(
    kind: FeedKind, column: str, other: str
) -> None:
    first, second = read(kind), read(kind, **{column: other})

    assert isinstance(first, FeedRecord)
    assert isinstance(second, FeedRecord)
    assert second.natural_key != first.natural_key
