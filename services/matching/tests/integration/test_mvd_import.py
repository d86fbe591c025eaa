"""The MVD bulk load against a real PostgreSQL: good rows load, bad ones are reported by line
and column, a re-load updates, and no full SSN lands in any column or message."""

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.rows import dict_row

from vrs_matching.adapters.mvd_import import (
    MvdFileError,
    MvdImportReport,
    MvdLoadError,
    import_mvd_file,
)
from vrs_matching.domain.mvd_file import MVD_COLUMNS, RowProblem
from vrs_plumbing.blind_index import ssn_blind_index

TODAY = date(2026, 11, 21)
Row = dict[str, str]


def load(
    path: Path, database_url: str, key: bytes
) -> tuple[MvdImportReport, list[RowProblem], list[tuple[int, int]]]:
    problems: list[RowProblem] = []
    progress: list[tuple[int, int]] = []
    report = import_mvd_file(
        path,
        database_url=database_url,
        index_key=key,
        today=TODAY,
        on_problem=problems.append,
        on_progress=lambda done, rows: progress.append((done, rows)),
    )
    return report, problems, progress


def records(database_url: str) -> dict[str, dict[str, Any]]:
    with psycopg.connect(database_url, row_factory=dict_row) as conn:
        rows = conn.execute("SELECT * FROM matching.mvd_records").fetchall()
    return {row["mvd_id"]: row for row in rows}


def every_column_as_text(database_url: str) -> str:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT row_to_json(r)::text FROM matching.mvd_records r").fetchall()
    return "\n".join(row[0] for row in rows)


def test_good_rows_load_and_bad_rows_are_reported_by_line_and_column_without_the_ssn(
    matching_db: str,
    index_key: bytes,
    synthetic_person: Callable[..., Row],
    write_mvd_csv: Callable[..., Path],
) -> None:
    good = [synthetic_person() for _ in range(5)]
    bad_ssn = synthetic_person(ssn="12345678")
    bad_dob = synthetic_person(date_of_birth="1980-02-30")
    no_last_name = synthetic_person(last_name="")
    repeated = synthetic_person(mvd_id=good[0]["mvd_id"])
    rows = [good[0], bad_ssn, good[1], bad_dob, good[2], no_last_name, good[3], repeated, good[4]]
    for row in rows:
        row["notes"] = "an extra column, ignored"
    path = write_mvd_csv(rows, columns=[*MVD_COLUMNS, "notes"])

    report, problems, progress = load(path, matching_db, index_key)

    assert (report.rows_read, report.loaded, report.inserted, report.rejected) == (9, 5, 5, 4)
    assert [str(p) for p in problems] == [
        "line 3: ssn: must be nine digits",
        "line 5: date_of_birth: must be a real calendar date",
        "line 7: last_name: required",
        "line 9: mvd_id: repeats the licence/ID number of line 2",
    ]
    stored = records(matching_db)
    assert set(stored) == {row["mvd_id"] for row in good}
    for row in good:
        record = stored[row["mvd_id"]]
        assert record["ssn_index"] == ssn_blind_index(index_key, row["ssn"])
        assert record["ssn_last4"] == row["ssn"][-4:]
        assert record["last_name"] == row["last_name"]
        assert record["last_name_norm"] == row["last_name"].upper()
        assert record["date_of_birth"].isoformat() == row["date_of_birth"]
        assert record["expired"] is (row["expired"] == "true")
    assert stored[good[0]["mvd_id"]]["last_name"] == good[0]["last_name"], "first line wins"
    text = every_column_as_text(matching_db) + "\n".join(str(p) for p in problems)
    for row in rows:
        assert row["ssn"] not in text
    assert progress[-1] == (path.stat().st_size, 9)


def test_a_reload_of_the_same_file_updates_records_instead_of_duplicating_them(
    matching_db: str,
    index_key: bytes,
    synthetic_person: Callable[..., Row],
    write_mvd_csv: Callable[..., Path],
) -> None:
    people = [synthetic_person(expired="false") for _ in range(3)]
    path = write_mvd_csv(people)
    first, _, _ = load(path, matching_db, index_key)
    with psycopg.connect(matching_db) as conn:
        conn.execute(
            "UPDATE matching.mvd_records SET signature_ref = 'mvd://s/1', photo_ref = 'mvd://p/1'"
            " WHERE mvd_id = %s",
            (people[0]["mvd_id"],),
        )
    before = records(matching_db)
    people[0] = {**people[0], "expired": "true", "street": "2 New Road"}

    again, problems, _ = load(write_mvd_csv(people), matching_db, index_key)

    assert (first.inserted, first.updated, first.unchanged) == (3, 0, 0)
    assert (again.rows_read, again.loaded, again.rejected) == (3, 3, 0)
    assert (again.inserted, again.updated, again.unchanged) == (0, 1, 2)
    assert problems == []
    stored = records(matching_db)
    assert len(stored) == 3
    changed = stored[people[0]["mvd_id"]]
    assert (changed["expired"], changed["street"]) == (True, "2 New Road")
    assert (changed["signature_ref"], changed["photo_ref"]) == ("mvd://s/1", "mvd://p/1"), (
        "a file without image columns keeps the references already known"
    )
    assert changed["loaded_at"] > before[people[0]["mvd_id"]]["loaded_at"]
    for person in people[1:]:
        assert stored[person["mvd_id"]] == before[person["mvd_id"]], "unchanged, not rewritten"


def test_image_references_load_from_their_optional_columns(
    matching_db: str,
    index_key: bytes,
    synthetic_person: Callable[..., Row],
    write_mvd_csv: Callable[..., Path],
) -> None:
    person = synthetic_person(signature_ref="mvd://sig/77", photo_ref="mvd://photo/77")
    path = write_mvd_csv([person], columns=[*MVD_COLUMNS, "signature_ref", "photo_ref"])

    report, _, _ = load(path, matching_db, index_key)

    stored = records(matching_db)[person["mvd_id"]]
    assert report.loaded == 1
    assert (stored["signature_ref"], stored["photo_ref"]) == ("mvd://sig/77", "mvd://photo/77")


def test_a_row_that_is_not_utf8_or_not_csv_is_rejected_alone(
    matching_db: str,
    index_key: bytes,
    synthetic_person: Callable[..., Row],
    write_mvd_csv: Callable[..., Path],
) -> None:
    people = [synthetic_person() for _ in range(3)]
    path = write_mvd_csv(people)
    lines = path.read_bytes().split(b"\r\n")
    lines[1] = lines[1].replace(b"Test", b"T\xe9st")  # Latin-1, not UTF-8
    lines[2] = lines[2].replace(b",Santa Fe,", b',"Santa" Fe,')  # a stray quote
    path.write_bytes(b"\r\n".join(lines))

    report, problems, _ = load(path, matching_db, index_key)

    assert (report.rows_read, report.loaded, report.rejected) == (3, 1, 2)
    assert [(p.line, p.column) for p in problems] == [(2, "last_name"), (3, "row")]
    assert problems[0].problem == "must be UTF-8 text"
    assert problems[1].problem.startswith("not valid CSV")


def test_a_row_with_too_few_or_too_many_values_is_rejected(
    matching_db: str,
    index_key: bytes,
    synthetic_person: Callable[..., Row],
    write_mvd_csv: Callable[..., Path],
) -> None:
    path = write_mvd_csv([synthetic_person()])
    with path.open("a", encoding="utf-8") as out:
        out.write("NM1,Short,,Row\r\n\r\n")

    report, problems, _ = load(path, matching_db, index_key)

    assert (report.rows_read, report.loaded, report.rejected) == (2, 1, 1)
    assert [str(p) for p in problems] == ["line 3: row: has 4 values; the header names 13 columns"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty: expected a header row naming the columns"),
        (
            b"mvd_id,first_name,last_name\r\nNM1,A,B\r\n",
            "the header lacks the column(s): middle_name, suffix, date_of_birth, ssn, street, "
            "city, state, zip, county, expired",
        ),
        (
            b",".join(c.encode() for c in (*MVD_COLUMNS, "ssn")) + b"\r\n",
            "the header names a column twice: ssn",
        ),
    ],
)
def test_a_file_without_the_promised_header_loads_nothing(
    matching_db: str, index_key: bytes, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)

    with pytest.raises(MvdFileError) as refused:
        load(path, matching_db, index_key)

    assert str(refused.value) == message
    assert records(matching_db) == {}


def test_a_header_is_read_whatever_its_case_spacing_or_byte_order_mark(
    matching_db: str,
    index_key: bytes,
    synthetic_person: Callable[..., Row],
    write_mvd_csv: Callable[..., Path],
) -> None:
    path = write_mvd_csv([synthetic_person()])
    body = path.read_bytes().split(b"\r\n", 1)[1]
    header = ", ".join(c.upper() for c in MVD_COLUMNS).encode()
    path.write_bytes(b"\xef\xbb\xbf" + header + b"\r\n" + body)

    report, problems, _ = load(path, matching_db, index_key)

    assert (report.loaded, problems) == (1, [])


def test_a_database_without_matchings_schema_is_refused_with_what_to_do(
    database_url: str,
    index_key: bytes,
    synthetic_person: Callable[..., Row],
    write_mvd_csv: Callable[..., Path],
) -> None:
    path = write_mvd_csv([synthetic_person()])

    with pytest.raises(MvdLoadError) as refused:
        load(path, database_url, index_key)

    assert "run matching's migrations first" in str(refused.value)


def test_an_unreachable_database_is_reported_without_row_data(
    index_key: bytes,
    synthetic_person: Callable[..., Row],
    write_mvd_csv: Callable[..., Path],
    tmp_path: Path,
) -> None:
    person = synthetic_person()
    path = write_mvd_csv([person])

    with pytest.raises(MvdLoadError) as refused:
        load(path, f"postgresql://postgres@/vrs?host={tmp_path}&connect_timeout=2", index_key)

    assert str(refused.value).startswith("cannot reach the database:")
    assert person["ssn"] not in str(refused.value)
