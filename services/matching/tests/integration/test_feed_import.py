"""Each feed file's bulk load against a real PostgreSQL: good rows load, bad ones are reported by
line and column, a re-load is a no-op, and no full SSN lands in any column or message."""

import random
import string
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.rows import dict_row

from vrs_embedded.synthetic import issuable_ssn
from vrs_matching.adapters.feed_import import FeedFileError, FeedLoadError, import_feed_file
from vrs_matching.adapters.feed_tables import TABLES
from vrs_matching.domain.feed_files import DEATHS, FELONY, NCOA, OTHER_STATE, FeedKind
from vrs_plumbing.blind_index import ssn_blind_index
from vrs_plumbing.bulk_fields import RowProblem
from vrs_plumbing.bulk_load import BulkLoadReport

TODAY = date(2026, 11, 21)
KINDS = [DEATHS, FELONY, OTHER_STATE, NCOA]
Row = dict[str, str]
draw = random.Random()


def person() -> Row:
    return {
        "first_name": draw.choice(["Alma", "Benito", "Celia", "Dario", "Elena"]),
        "middle_name": draw.choice(["", "Q"]),
        "last_name": "Test" + "".join(draw.choices(string.ascii_lowercase, k=10)),
        "suffix": draw.choice(["", "Jr"]),
        "date_of_birth": f"{draw.randint(1930, 1990)}-0{draw.randint(1, 9)}-1{draw.randint(0, 9)}",
    }


def synthetic_row(kind: FeedKind) -> Row:
    """A good row of ``kind`` for a made-up person."""
    if kind is DEATHS:
        return {
            **person(),
            "ssn": issuable_ssn(draw),
            "date_of_death": f"2026-0{draw.randint(1, 9)}-1{draw.randint(0, 9)}",
            "county": draw.choice(["santa_fe", "Doña Ana", ""]),
            "source": draw.choice(["doh", "tribal"]),
        }
    if kind is FELONY:
        return {
            **person(),
            "ssn": draw.choice([issuable_ssn(draw), ""]),
            "facility": "Central New Mexico Correctional Facility",
            "incarcerated_on": f"2025-0{draw.randint(1, 9)}-1{draw.randint(0, 9)}",
            "source": draw.choice(["courts", "corrections", "justice", "other"]),
        }
    if kind is OTHER_STATE:
        return {
            **person(),
            "ssn_last4": f"{draw.randint(1, 9999):04d}",
            "state": draw.choice(["AZ", "CO", "TX"]),
            "registered_on": f"2026-0{draw.randint(1, 9)}-1{draw.randint(0, 9)}",
        }
    return {
        "first_name": person()["first_name"],
        "last_name": person()["last_name"],
        "old_street": f"{draw.randint(1, 999)} Synthetic Way",
        "old_city": "Santa Fe",
        "old_zip": "87501",
        "new_street": f"{draw.randint(1, 999)} Elsewhere Ave",
        "new_city": "Tucson",
        "new_state": "AZ",
        "new_zip": "85701",
        "move_date": f"2026-0{draw.randint(1, 9)}-1{draw.randint(0, 9)}",
    }


BAD_ROWS: dict[str, list[tuple[Row, str]]] = {
    DEATHS.name: [
        ({"ssn": "12345678"}, "ssn: must be nine digits"),
        ({"date_of_death": "1900-01-01"}, "date_of_death: must not be before date_of_birth"),
        ({"source": "rumour"}, "source: must be one of doh, tribal"),
    ],
    FELONY.name: [
        ({"date_of_birth": "1980-02-30"}, "date_of_birth: must be a real calendar date"),
        ({"last_name": ""}, "last_name: required"),
        ({"source": ""}, "source: required"),
    ],
    OTHER_STATE.name: [
        ({"state": "NM"}, "state: must be another state than NM"),
        ({"ssn_last4": "12"}, "ssn_last4: must be four digits"),
        ({"registered_on": "03/01/2026"}, "registered_on: must be a date written YYYY-MM-DD"),
    ],
    NCOA.name: [
        ({"old_zip": "875"}, "old_zip: must be a ZIP code of 5 or 9 digits"),
        ({"old_street": ""}, "old_street: required"),
        ({"move_date": "2027-01-01"}, "move_date: must not be in the future"),
    ],
}


def load(
    kind: FeedKind, path: Path, database_url: str, key: bytes
) -> tuple[BulkLoadReport, list[RowProblem], list[tuple[int, int]]]:
    problems: list[RowProblem] = []
    progress: list[tuple[int, int]] = []
    report = import_feed_file(
        kind,
        path,
        database_url=database_url,
        index_key=key,
        today=TODAY,
        on_problem=problems.append,
        on_progress=lambda done, rows: progress.append((done, rows)),
    )
    return report, problems, progress


def records(database_url: str, kind: FeedKind) -> list[dict[str, Any]]:
    with psycopg.connect(database_url, row_factory=dict_row) as conn:
        return conn.execute(
            f"SELECT * FROM matching.{TABLES[kind.name]} ORDER BY natural_key"  # noqa: S608 - a table name of our own
        ).fetchall()


def every_column_as_text(database_url: str, kind: FeedKind) -> str:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            f"SELECT row_to_json(r)::text FROM matching.{TABLES[kind.name]} r"  # noqa: S608 - a table name of our own
        ).fetchall()
    return "\n".join(row[0] for row in rows)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_good_rows_load_and_bad_rows_are_reported_by_line_and_column_without_the_ssn(
    kind: FeedKind,
    matching_db: str,
    index_key: bytes,
    write_mvd_csv: Callable[..., Path],
) -> None:
    good = [synthetic_row(kind) for _ in range(4)]
    bad = [{**synthetic_row(kind), **change} for change, _ in BAD_ROWS[kind.name]]
    rows = [good[0], bad[0], good[1], bad[1], good[2], bad[2], good[3]]
    for row in rows:
        row["notes"] = "an extra column, ignored"
    path = write_mvd_csv(rows, columns=[*kind.columns, "notes"], name=f"{kind.name}.csv")

    report, problems, progress = load(kind, path, matching_db, index_key)

    assert (report.rows_read, report.loaded, report.inserted, report.rejected) == (7, 4, 4, 3)
    assert [str(p) for p in problems] == [
        f"line {line}: {problem}"
        for line, (_, problem) in zip((3, 5, 7), BAD_ROWS[kind.name], strict=True)
    ]
    stored = {record["last_name"]: record for record in records(matching_db, kind)}
    assert set(stored) == {row["last_name"] for row in good}
    for row in good:
        record = stored[row["last_name"]]
        assert record["first_name_norm"] == row["first_name"].upper()
        assert record["last_name_norm"] == row["last_name"].upper()
        assert record["matched_at"] is None
        assert record["received_at"] is not None
        if "ssn" in row:
            expected = ssn_blind_index(index_key, row["ssn"]) if row["ssn"] else None
            assert record["ssn_index"] == expected
            assert record["ssn_last4"] == (row["ssn"][-4:] if row["ssn"] else None)
    text = every_column_as_text(matching_db, kind) + "\n".join(str(p) for p in problems)
    for row in rows:
        if row.get("ssn"):
            assert row["ssn"] not in text
    assert progress[-1] == (path.stat().st_size, 7)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_a_reload_of_the_same_file_is_a_no_op(
    kind: FeedKind,
    matching_db: str,
    index_key: bytes,
    write_mvd_csv: Callable[..., Path],
) -> None:
    rows = [synthetic_row(kind) for _ in range(3)]
    path = write_mvd_csv(rows, columns=kind.columns, name=f"{kind.name}.csv")
    first, _, _ = load(kind, path, matching_db, index_key)
    before = records(matching_db, kind)

    again, problems, _ = load(kind, path, matching_db, index_key)

    assert (first.inserted, first.unchanged) == (3, 0)
    assert (again.rows_read, again.loaded, again.inserted, again.unchanged) == (3, 3, 0, 3)
    assert problems == []
    assert records(matching_db, kind) == before


def test_a_changed_row_is_a_record_of_its_own_and_a_repeated_row_is_stored_once(
    matching_db: str, index_key: bytes, write_mvd_csv: Callable[..., Path]
) -> None:
    death = synthetic_row(DEATHS)
    shouted = {**death, "first_name": death["first_name"].upper()}
    corrected = {**death, "date_of_death": "2026-10-01"}
    path = write_mvd_csv([death, shouted, corrected], columns=DEATHS.columns)

    report, problems, _ = load(DEATHS, path, matching_db, index_key)

    assert (report.rows_read, report.inserted, report.unchanged, report.rejected) == (3, 2, 1, 0)
    assert problems == []
    stored = records(matching_db, DEATHS)
    assert {record["first_name"] for record in stored} == {death["first_name"]}, "first line wins"
    assert sorted(record["date_of_death"].isoformat() for record in stored) == sorted(
        [death["date_of_death"], "2026-10-01"]
    )


def test_a_file_without_the_promised_columns_loads_nothing(
    matching_db: str, index_key: bytes, write_mvd_csv: Callable[..., Path]
) -> None:
    path = write_mvd_csv([synthetic_row(NCOA)], columns=NCOA.columns[:-1])

    with pytest.raises(FeedFileError, match=r"the header lacks the column\(s\): move_date"):
        load(NCOA, path, matching_db, index_key)

    assert records(matching_db, NCOA) == []


def test_a_database_without_matchings_migrations_is_refused_by_name(
    database_url: str, index_key: bytes, write_mvd_csv: Callable[..., Path]
) -> None:
    path = write_mvd_csv([synthetic_row(FELONY)], columns=FELONY.columns)

    with pytest.raises(FeedLoadError, match=r"no felony records \(matching\.felony_records\)"):
        load(FELONY, path, database_url, index_key)
