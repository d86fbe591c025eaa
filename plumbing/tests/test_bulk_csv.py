"""Reading a bulk CSV file: the header decides whether the file can load at all; after it, a bad
row (not UTF-8, a stray quote, the wrong width, a bad column) is rejected alone, by line and
column, and no message ever quotes a value of the file."""

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pytest

from vrs_plumbing.bulk_csv import BulkCsv, BulkFileError
from vrs_plumbing.bulk_fields import (
    RejectedRow,
    RowCheck,
    RowProblem,
    date_until,
    missing_columns,
    ssn_digits,
    state_code,
    yes_no,
    zip_code,
)
from vrs_plumbing.bulk_load import PROGRESS_EVERY_ROWS, BulkLoadReport, stream_rows

TODAY = date(2026, 11, 21)
PROMISED = ("person_id", "name", "born")
SECRET = "Zebulon"  # a value that must never come back in a message


@dataclass(frozen=True)
class Person:
    """The record of the tiny file kind these tests read."""

    line: int
    person_id: str
    name: str
    born: date


def read_person(fields: Mapping[str, str], line: int) -> Person | RejectedRow:
    row = RowCheck(fields, line, {"name": 10})
    person_id = row.text("person_id", required=True)
    name = row.text("name", required=True)
    born = date_until("born", row.text("born", required=True), TODAY, row.problem)
    if row.problems or born is None:
        return row.rejected()
    return Person(line, person_id, name, born)


def lacking(header: Sequence[str]) -> list[str]:
    return missing_columns(header, PROMISED)


def read_file(content: bytes) -> list[Person | RejectedRow]:
    return list(BulkCsv(io.BytesIO(content), missing_columns=lacking).rows(read_person))


def loaded(rows: list[Person | RejectedRow]) -> list[int]:
    return [row.line for row in rows if isinstance(row, Person)]


def problems(rows: list[Person | RejectedRow]) -> list[RowProblem]:
    return [problem for row in rows if isinstance(row, RejectedRow) for problem in row.problems]


HEADER = b"person_id,name,born\r\n"
GOOD_2 = b"P1,Alma,1980-02-03\r\n"
GOOD_4 = b"P3,Celia,1990-12-31\r\n"


@pytest.mark.parametrize(
    ("bad_line_3", "problem"),
    [
        (b"P2,Zebul\xffon,1980-02-03\r\n", RowProblem(3, "name", "must be UTF-8 text")),
        (b'P2,"Zebulon"x,1980-02-03\r\n', RowProblem(3, "row", "not valid CSV: ',' expected after '\"'")),
        (b"P2,Zebulon\r\n", RowProblem(3, "row", "has 2 values; the header names 3 columns")),
        (b"P2,Zebulon,1980-02-03,x\r\n", RowProblem(3, "row", "has 4 values; the header names 3 columns")),
        (b"P2,Zebulon,03/02/1980\r\n", RowProblem(3, "born", "must be a date written YYYY-MM-DD")),
        (b"P2,Zebulon Zebulon,1980-02-03\r\n", RowProblem(3, "name", "must be at most 10 characters")),
        (b"P2,,1980-02-03\r\n", RowProblem(3, "name", "required")),
    ],
)  # fmt: skip
def test_a_bad_row_is_rejected_alone_by_line_and_column_without_its_value(
    bad_line_3: bytes, problem: RowProblem
) -> None:
    rows = read_file(HEADER + GOOD_2 + bad_line_3 + GOOD_4)

    assert loaded(rows) == [2, 4]
    assert problems(rows) == [problem]
    assert SECRET not in str(problem)
    assert "1980" not in str(problem)


def test_a_stray_quote_and_a_bad_byte_on_next_lines_spoil_only_their_own_lines() -> None:
    rows = read_file(HEADER + b'P1,"Al"ma,1980-02-03\r\n' + b"P2,Al\xe9a,1980-02-03\r\n" + GOOD_4)

    assert loaded(rows) == [4]
    assert [(problem.line, problem.column) for problem in problems(rows)] == [
        (2, "row"),
        (3, "name"),
    ]


def test_a_row_is_numbered_by_the_line_it_starts_on_and_blank_lines_are_skipped() -> None:
    rows = read_file(HEADER + b'P1,"Al\r\nma",1980-02-03\r\n' + b"\r\n" + GOOD_4)

    assert [(row.line, type(row).__name__) for row in rows] == [(2, "RejectedRow"), (5, "Person")]
    assert problems(rows) == [
        RowProblem(2, "name", "must not contain control characters or line breaks")
    ]


def test_a_header_is_read_whatever_its_case_spacing_or_byte_order_mark_and_extras_are_ignored() -> (
    None
):
    rows = read_file(b"\xef\xbb\xbf Person_ID ,NAME,born,notes\n" + b"P1,Alma,1980-02-03,x\n")

    assert rows == [Person(2, "P1", "Alma", date(1980, 2, 3))]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty: expected a header row naming the columns"),
        (b"person_id,name\r\n", "the header lacks the column(s): born"),
        (b"name\r\n", "the header lacks the column(s): person_id, born"),
        (b"person_id,name,born,Name\r\n", "the header names a column twice: name"),
        (b'person_id,"name"x,born\r\n', "line 1 (the header) is not valid CSV: ',' expected after '\"'"),
    ],
)  # fmt: skip
def test_a_file_without_a_usable_header_is_refused_as_a_whole(content: bytes, message: str) -> None:
    with pytest.raises(BulkFileError) as refused:
        BulkCsv(io.BytesIO(content + GOOD_2 if content else b""), missing_columns=lacking)

    assert str(refused.value) == message


def test_a_header_problem_is_raised_as_the_kind_s_own_error() -> None:
    class VoterFileError(BulkFileError):
        pass

    with pytest.raises(VoterFileError, match="lacks the column"):
        BulkCsv(io.BytesIO(b"person_id\r\n"), missing_columns=lacking, error=VoterFileError)


def test_bytes_read_follows_the_reading() -> None:
    content = HEADER + GOOD_2 + GOOD_4
    file = BulkCsv(io.BytesIO(content), missing_columns=lacking)
    list(file.rows(read_person))

    assert file.bytes_read() == len(content)


# The column checks every kind shares.


def checked(check: str, written: str) -> tuple[object, list[RowProblem]]:
    row = RowCheck({"c": written}, 9, {"c": 5})
    value: object
    if check == "text":
        value = row.text("c", required=True)
    elif check == "date":
        value = date_until("c", row.raw("c"), TODAY, row.problem)
    elif check == "yes_no":
        value = yes_no("c", row.raw("c"), row.problem)
    elif check == "state":
        value = state_code("c", row.raw("c"), row.problem)
    elif check == "zip":
        value = zip_code("c", row.raw("c"), row.problem)
    else:
        value = ssn_digits(row.raw("c"), row.problem, required=check == "ssn", column="c")
    return value, row.problems


@pytest.mark.parametrize(
    ("check", "written", "value", "problem"),
    [
        ("text", "  Alma ", "Alma", None),
        ("text", "", "", "required"),
        ("text", "   ", "", "required"),
        ("text", "Pe\ufffda", "Pe\ufffda", "must be UTF-8 text"),
        ("text", "A\tB", "A\tB", "must not contain control characters or line breaks"),
        ("text", "Abcdef", "Abcdef", "must be at most 5 characters"),
        ("date", "", None, None),
        ("date", "1980-02-03", date(1980, 2, 3), None),
        ("date", "2026-11-21", TODAY, None),
        ("date", "2026-11-22", None, "must not be in the future"),
        ("date", "1981-02-29", None, "must be a real calendar date"),
        ("date", "1980-2-3", None, "must be a date written YYYY-MM-DD"),
        ("date", "02/03/1980", None, "must be a date written YYYY-MM-DD"),
        ("yes_no", "", False, None),
        ("yes_no", "YES", True, None),
        ("yes_no", "1", True, None),
        ("yes_no", "false", False, None),
        ("yes_no", "maybe", False, "must be true, false, 1, 0, yes, no or empty"),
        ("state", "nm", "NM", None),
        ("state", "", "", None),
        ("state", "New Mexico", "", "must be a two-letter state code"),
        ("zip", "87501", "87501", None),
        ("zip", "87501-1234", "87501-1234", None),
        ("zip", "875011234", "875011234", None),
        ("zip", "8750", "", "must be a ZIP code of 5 or 9 digits"),
        ("ssn", "512-34-0987", "512340987", None),
        ("ssn", " 512 34 0987 ", "512340987", None),
        ("ssn", "", "", "required"),
        ("ssn_optional", "", "", None),
        ("ssn", "51234098", "", "must be nine digits"),
        ("ssn", "51234O987", "", "must be nine digits"),
        ("ssn", "٥١٢٣٤٠٩٨٧", "", "must be nine digits"),  # Arabic-Indic digits are not an SSN
    ],
)
def test_a_shared_column_check_gives_the_value_or_names_the_problem_without_the_value(
    check: str, written: str, value: object, problem: str | None
) -> None:
    got, found = checked(check, written)

    assert got == value
    assert found == ([RowProblem(9, "c", problem)] if problem else [])
    if written.strip() and len(written) > 3:
        assert all(written.strip() not in str(p) for p in found)


def test_missing_columns_are_named_in_the_promised_order() -> None:
    assert missing_columns(["born", "notes"], PROMISED) == ["person_id", "name"]
    assert missing_columns(list(PROMISED), PROMISED) == []


def test_a_row_problem_reads_as_line_column_and_problem() -> None:
    assert str(RowProblem(12, "ssn", "must be nine digits")) == "line 12: ssn: must be nine digits"


# Streaming checked rows to the load.


def test_streaming_writes_good_rows_reports_bad_ones_and_counts_both() -> None:
    bad = RejectedRow(3, (RowProblem(3, "a", "x"), RowProblem(3, "b", "y")))
    written: list[str] = []
    reported: list[RowProblem] = []
    report = BulkLoadReport()

    stream_rows(
        ["r2", bad, "r4"],
        report=report,
        write=written.append,
        on_problem=reported.append,
        on_progress=None,
        bytes_read=lambda: 0,
    )

    assert written == ["r2", "r4"]
    assert reported == list(bad.problems)
    assert (report.rows_read, report.rejected) == (3, 1)


def test_streaming_reports_progress_every_few_thousand_rows() -> None:
    progress: list[tuple[int, int]] = []

    stream_rows(
        ["r"] * (2 * PROGRESS_EVERY_ROWS + 1),
        report=BulkLoadReport(),
        write=lambda _row: None,
        on_problem=lambda _problem: None,
        on_progress=lambda done, rows: progress.append((done, rows)),
        bytes_read=lambda: 42,
    )

    assert progress == [(42, PROGRESS_EVERY_ROWS), (42, 2 * PROGRESS_EVERY_ROWS)]


def test_a_load_logs_its_outcome_and_counts() -> None:
    assert BulkLoadReport(rows_read=3, inserted=2, rejected=1).log_fields() == {
        "outcome": "partial",
        "rows_read": 3,
        "inserted": 2,
        "unchanged": 0,
        "rejected": 1,
    }
    assert BulkLoadReport(rows_read=1, unchanged=1).log_fields()["outcome"] == "complete"
