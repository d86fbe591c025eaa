"""Each row of the MVD bulk file is checked column by column; a problem names its line and
column and never the value, and the full SSN leaves the check only as its blind index."""

import hashlib
from datetime import date

import pytest

from vrs_matching.domain.mvd_file import (
    MVD_COLUMNS,
    MvdRecord,
    RejectedRow,
    RowProblem,
    missing_columns,
    normalise_mvd_id,
    read_mvd_row,
)

TODAY = date(2026, 11, 21)
SSN = "512340987"  # synthetic, made up for this test
GOOD = {
    "mvd_id": "NM100200300",
    "first_name": "Alma",
    "middle_name": "Q",
    "last_name": "Peña",
    "suffix": "",
    "date_of_birth": "1980-02-03",
    "ssn": SSN,
    "street": "1 Plaza",
    "city": "Santa Fe",
    "state": "NM",
    "zip": "87501",
    "county": "santa_fe",
    "expired": "false",
}


def fake_index(digits: str) -> str:
    """A stand-in for the keyed blind index: 64 hex digits, never the number."""
    return hashlib.sha256(b"test:" + digits.encode()).hexdigest()


def read(line: int = 7, **changes: str) -> MvdRecord | RejectedRow:
    return read_mvd_row({**GOOD, **changes}, line=line, index_ssn=fake_index, today=TODAY)


def test_a_good_row_becomes_a_record_with_the_ssn_index_and_last_four_only() -> None:
    record = read()

    assert isinstance(record, MvdRecord)
    assert record.line == 7
    assert record.mvd_id == "NM100200300"
    assert record.ssn_index == fake_index(SSN)
    assert record.ssn_last4 == "0987"
    assert record.date_of_birth == date(1980, 2, 3)
    assert (record.first_name_norm, record.last_name_norm) == ("ALMA", "PENA")
    assert record.county == "santa_fe"
    assert record.expired is False
    assert (record.signature_ref, record.photo_ref) == (None, None)
    assert SSN not in repr(record)


@pytest.mark.parametrize(
    ("column", "written", "problem"),
    [
        ("mvd_id", "", "required"),
        ("mvd_id", "NM#123", "must be 1 to 20 letters or digits"),
        ("mvd_id", "1" * 21, "must be 1 to 20 letters or digits"),
        ("first_name", "", "required"),
        ("first_name", "  ", "required"),
        ("first_name", "1234", "must contain letters"),
        ("first_name", "Al\nma", "must not contain control characters or line breaks"),
        ("first_name", "A" * 101, "must be at most 100 characters"),
        ("first_name", "Pe\ufffda", "must be UTF-8 text"),
        ("middle_name", "M" * 101, "must be at most 100 characters"),
        ("last_name", "", "required"),
        ("last_name", "--", "must contain letters"),
        ("suffix", "J" * 11, "must be at most 10 characters"),
        ("date_of_birth", "", "required"),
        ("date_of_birth", "02/03/1980", "must be a date written YYYY-MM-DD"),
        ("date_of_birth", "1980-2-3", "must be a date written YYYY-MM-DD"),
        ("date_of_birth", "1981-02-29", "must be a real calendar date"),
        ("date_of_birth", "2026-11-22", "must not be in the future"),
        ("ssn", "", "required"),
        ("ssn", "51234098", "must be nine digits"),
        ("ssn", "5123409870", "must be nine digits"),
        ("ssn", "51234O987", "must be nine digits"),
        ("ssn", "٥١٢٣٤٠٩٨٧", "must be nine digits"),  # Arabic-Indic digits are not an SSN
        ("street", "S" * 201, "must be at most 200 characters"),
        ("city", "C" * 101, "must be at most 100 characters"),
        ("state", "New Mexico", "must be a two-letter state code"),
        ("zip", "8750", "must be a ZIP code of 5 or 9 digits"),
        ("zip", "87501-12", "must be a ZIP code of 5 or 9 digits"),
        ("county", "Atlantis", "must be a county of New Mexico, e.g. santa_fe or Santa Fe"),
        ("expired", "maybe", "must be true, false, 1, 0, yes, no or empty"),
        ("signature_ref", "x" * 501, "must be at most 500 characters"),
    ],
)
def test_a_bad_column_rejects_the_row_naming_the_line_and_column_but_not_the_value(
    column: str, written: str, problem: str
) -> None:
    result = read(line=12, **{column: written})

    assert result == RejectedRow(12, (RowProblem(12, column, problem),))
    assert str(result.problems[0]) == f"line 12: {column}: {problem}"
    assert SSN not in str(result)
    if written.strip() and len(written) > 3:
        assert written not in str(result)


@pytest.mark.parametrize(
    ("column", "written", "field", "stored"),
    [
        ("mvd_id", " nm-100 200 300 ", "mvd_id", "NM100200300"),
        ("ssn", "512-34-0987", "ssn_last4", "0987"),
        ("ssn", " 512 34 0987 ", "ssn_index", fake_index(SSN)),
        ("state", "nm", "state", "NM"),
        ("zip", "87501-1234", "zip", "87501-1234"),
        ("zip", "", "zip", ""),
        ("county", "Santa Fe", "county", "santa_fe"),
        ("county", "DOÑA ANA", "county", "dona_ana"),
        ("county", "", "county", ""),
        ("expired", "", "expired", False),
        ("expired", "0", "expired", False),
        ("expired", "No", "expired", False),
        ("expired", "TRUE", "expired", True),
        ("expired", "1", "expired", True),
        ("expired", "yes", "expired", True),
        ("middle_name", "", "middle_name", ""),
        (
            "signature_ref",
            "mvd://signatures/NM100200300",
            "signature_ref",
            "mvd://signatures/NM100200300",
        ),
        ("photo_ref", "  ", "photo_ref", None),
    ],
)
def test_accepted_spellings_are_read_into_one_stored_form(
    column: str, written: str, field: str, stored: object
) -> None:
    record = read(**{column: written})

    assert isinstance(record, MvdRecord)
    assert getattr(record, field) == stored


def test_every_problem_of_a_row_is_named_in_one_pass() -> None:
    result = read(line=3, mvd_id="", ssn="123", date_of_birth="soon", expired="perhaps")

    assert isinstance(result, RejectedRow)
    assert [(p.line, p.column) for p in result.problems] == [
        (3, "mvd_id"),
        (3, "date_of_birth"),
        (3, "ssn"),
        (3, "expired"),
    ]


def test_a_missing_column_reads_as_blank() -> None:
    fields = {k: v for k, v in GOOD.items() if k != "last_name"}

    result = read_mvd_row(fields, line=4, index_ssn=fake_index, today=TODAY)

    assert result == RejectedRow(4, (RowProblem(4, "last_name", "required"),))


def test_the_index_function_sees_nine_digits_and_nothing_else() -> None:
    seen: list[str] = []

    def recording_index(digits: str) -> str:
        seen.append(digits)
        return fake_index(digits)

    read_mvd_row({**GOOD, "ssn": "512-34-0987"}, line=2, index_ssn=recording_index, today=TODAY)
    read_mvd_row({**GOOD, "ssn": "12"}, line=3, index_ssn=recording_index, today=TODAY)

    assert seen == [SSN]


def test_a_header_must_hold_every_promised_column_and_may_hold_more() -> None:
    assert missing_columns([*MVD_COLUMNS, "notes", "photo_ref"]) == []
    assert missing_columns(["mvd_id", "first_name", "last_name"]) == [
        "middle_name",
        "suffix",
        "date_of_birth",
        "ssn",
        "street",
        "city",
        "state",
        "zip",
        "county",
        "expired",
    ]


def test_a_licence_number_is_the_same_however_it_is_spaced_or_cased() -> None:
    assert normalise_mvd_id("nm-0123 456") == normalise_mvd_id("NM0123456") == "NM0123456"
