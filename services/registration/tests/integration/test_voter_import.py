"""The county voter-file load against a real PostgreSQL: good rows become voters with their
first status-history entry and a ``VoterRegistered`` event in the outbox, bad rows are reported
by line and column, a re-load changes nothing, and a full SSN lands only in the vault, sealed."""

import csv
import os
import random
import string
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.rows import dict_row

from vrs_contracts.envelope import decode
from vrs_contracts.events import VoterRegistered
from vrs_embedded.synthetic import issuable_ssn
from vrs_plumbing.blind_index import name_dob_blind_index, ssn_blind_index, ssn_near_indexes
from vrs_plumbing.migrations import upgrade
from vrs_registration.adapters.vault import SealedSsn, SsnVault
from vrs_registration.adapters.voter_import import (
    VoterFileError,
    VoterImportReport,
    VoterLoadError,
    import_voter_file,
)
from vrs_registration.bootstrap import SPEC
from vrs_registration.domain.precincts import PRECINCT_PROBLEM
from vrs_registration.domain.voter_file import VOTER_COLUMNS, RowProblem

TODAY = date(2026, 11, 21)
Row = dict[str, str]


@pytest.fixture
def registration_db(database_url: str) -> str:
    """A new database with registration's migrations applied."""
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    return database_url


@pytest.fixture
def index_key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def vault(index_key: bytes) -> SsnVault:
    """A vault with a retired key and an active one: new entries must use the active one."""
    return SsnVault({"old": os.urandom(32), "k2": os.urandom(32)}, "k2", index_key)


@pytest.fixture
def synthetic_voter() -> Callable[..., Row]:
    """A row of a county voter file for a made-up person; keyword arguments override columns."""
    draw = random.Random()

    def make(**changes: str) -> Row:
        row = {
            "source_id": f"SF-{draw.randint(10**7, 10**8 - 1)}",
            "first_name": draw.choice(["Alma", "Benito", "Celia", "Dario", "Elena"]),
            "middle_name": "",
            "last_name": "Test" + "".join(draw.choices(string.ascii_lowercase, k=10)),
            "suffix": "",
            "date_of_birth": f"{draw.randint(1940, 2005)}-0{draw.randint(1, 9)}-1{draw.randint(0, 9)}",
            "ssn": issuable_ssn(draw),
            "ssn_last4": "",
            "gender": draw.choice(["F", "M", "X", ""]),
            "street": f"{draw.randint(1, 999)} Synthetic Way",
            "city": "Santa Fe",
            "state": "NM",
            "zip": "87501",
            "county": "santa_fe",
            "party": draw.choice(["DEM", "REP", "LIB", ""]),
            "status": "active",
            "registered_on": "2010-05-04",
        }
        return {**row, **changes}

    return make


@pytest.fixture
def write_voters_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write rows as a voter file under ``tmp_path``: a header of ``columns``."""

    def write(
        rows: Sequence[Row], columns: Sequence[str] = VOTER_COLUMNS, name: str = "voters.csv"
    ) -> Path:
        path = tmp_path / name
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        return path

    return write


def load(
    path: Path, database_url: str, vault: SsnVault, index_key: bytes
) -> tuple[VoterImportReport, list[RowProblem], list[tuple[int, int]]]:
    problems: list[RowProblem] = []
    progress: list[tuple[int, int]] = []
    report = import_voter_file(
        path,
        database_url=database_url,
        vault=vault,
        index_key=index_key,
        today=TODAY,
        on_problem=problems.append,
        on_progress=lambda done, rows: progress.append((done, rows)),
    )
    return report, problems, progress


def fetch(database_url: str, query: str) -> list[dict[str, Any]]:
    with psycopg.connect(database_url, row_factory=dict_row) as conn:
        conn.execute("SET search_path = registration")
        return conn.execute(query).fetchall()  # type: ignore[arg-type]


def voters_by_source(database_url: str) -> dict[str, dict[str, Any]]:
    return {row["source_id"]: row for row in fetch(database_url, "SELECT * FROM voters")}


def every_registration_row_as_text(database_url: str) -> str:
    """Every row of every table of registration's schema, as JSON text (bytea as hex)."""
    with psycopg.connect(database_url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'registration'"
            )
        ]
        texts = []
        for table in tables:
            rows = conn.execute(
                f'SELECT row_to_json(t)::text FROM registration."{table}" t'  # noqa: S608 - names from the catalog
            ).fetchall()
            texts += [row[0] for row in rows]
        outbox = conn.execute("SELECT convert_from(payload, 'UTF8') FROM registration.outbox")
        texts += [row[0] for row in outbox]
    return "\n".join(texts)


def test_good_rows_load_with_history_and_events_and_bad_rows_are_reported_by_line_and_column(
    registration_db: str,
    vault: SsnVault,
    index_key: bytes,
    synthetic_voter: Callable[..., Row],
    write_voters_csv: Callable[..., Path],
) -> None:
    good = [synthetic_voter() for _ in range(4)]
    last4_only = synthetic_voter(ssn="", ssn_last4="4321", party="GRN", status="Suspense")
    bad_ssn = synthetic_voter(ssn="12345678")
    bad_status_and_county = synthetic_voter(status="purged", county="Atlantis")
    repeated = synthetic_voter(source_id=good[0]["source_id"])
    rows = [
        good[0],
        bad_ssn,
        good[1],
        last4_only,
        bad_status_and_county,
        good[2],
        repeated,
        good[3],
    ]
    for row in rows:
        row["ballot_style"] = "an extra column, ignored"
    path = write_voters_csv(rows, columns=[*VOTER_COLUMNS, "ballot_style"])

    report, problems, progress = load(path, registration_db, vault, index_key)

    assert (report.rows_read, report.loaded, report.inserted, report.rejected) == (8, 5, 5, 3)
    assert [str(p) for p in problems] == [
        "line 3: ssn: must be nine digits",
        "line 6: county: must be a county of New Mexico, e.g. santa_fe or Santa Fe",
        "line 6: status: must be one of active, inactive, suspense, removable, not_eligible, "
        "cancelled",
        "line 8: source_id: repeats the county and source_id of line 2",
    ]
    assert progress[-1] == (path.stat().st_size, 8)

    stored = voters_by_source(registration_db)
    loaded = [*good, last4_only]
    assert set(stored) == {row["source_id"] for row in loaded}
    for row in good:
        voter = stored[row["source_id"]]
        index = ssn_blind_index(index_key, row["ssn"])
        assert (voter["ssn_blind_index"], voter["person_key"]) == (index, index)
        assert voter["ssn_last4"] == row["ssn"][-4:]
        assert (voter["first_name"], voter["last_name"]) == (row["first_name"], row["last_name"])
        assert voter["date_of_birth"].isoformat() == row["date_of_birth"]
        assert (voter["county"], voter["status"]) == ("santa_fe", "active")
        assert voter["party"] == (row["party"] or "DTS")
        assert voter["residence_address"] == {
            "street": row["street"],
            "city": "Santa Fe",
            "state": "NM",
            "zip": "87501",
            "non_standard_description": None,
        }
        assert voter["registered_on"] == date(2010, 5, 4)
        assert voter["source_application_id"] is None
    assert stored[good[0]["source_id"]]["last_name"] == good[0]["last_name"], "first line wins"
    partial = stored[last4_only["source_id"]]
    assert (partial["ssn_blind_index"], partial["ssn_last4"]) == (None, "4321")
    assert partial["person_key"] == name_dob_blind_index(
        index_key,
        last4_only["first_name"],
        last4_only["last_name"],
        date.fromisoformat(last4_only["date_of_birth"]),
    )
    assert (partial["party"], partial["status"]) == ("DTS", "suspense")

    vaulted = fetch(registration_db, "SELECT * FROM ssn_vault")
    assert len(vaulted) == 4
    for entry in vaulted:
        assert entry["key_id"] == "k2"
    opened = {
        vault.open(
            SealedSsn(
                e["blind_index"], e["key_id"], bytes(e["nonce"]), bytes(e["ciphertext"]), e["last4"]
            )
        )
        for e in vaulted
    }
    assert opened == {row["ssn"] for row in good}

    history = fetch(registration_db, "SELECT * FROM voter_status_history ORDER BY id")
    by_voter = {voter["voter_id"]: voter for voter in stored.values()}
    assert sorted(h["voter_id"] for h in history) == sorted(by_voter)
    for entry in history:
        assert entry["old_status"] is None
        assert entry["new_status"] == by_voter[entry["voter_id"]]["status"]
        assert (entry["clause"], entry["actor"]) == ("bulk load", "import:voters.csv")

    outbox = fetch(registration_db, "SELECT * FROM outbox ORDER BY id")
    assert [row["topic"] for row in outbox] == ["vrs.registration.voters.v1"] * 5
    assert [row["state"] for row in outbox] == ["pending"] * 5
    events = [decode(bytes(row["payload"])) for row in outbox]
    assert len({event.correlation_id for event in events}) == 1, "one load, one flow"
    for row, event in zip(outbox, events, strict=True):
        data = event.data
        assert isinstance(data, VoterRegistered)
        voter = by_voter[data.voter_id]
        assert row["event_id"] == event.id
        assert row["key"] == voter["person_key"]
        assert row["headers"]["ce_type"] == VoterRegistered.event_type
        assert event.subject == f"voter/{data.voter_id}"
        assert (data.application_id, data.source_id) == (None, voter["source_id"])
        assert (data.county, data.status, data.party) == (
            voter["county"],
            voter["status"],
            voter["party"],
        )
        assert data.registrant.ssn.blind_index == voter["ssn_blind_index"]
        assert data.registrant.ssn.last4 == voter["ssn_last4"]
        assert data.registrant.residence_address.street == voter["residence_address"]["street"]
        assert data.registered_on == voter["registered_on"]

    text = every_registration_row_as_text(registration_db) + "\n".join(str(p) for p in problems)
    for row in rows:
        if row["ssn"]:
            assert row["ssn"] not in text
            assert f"{row['ssn'][:3]}-{row['ssn'][3:5]}-{row['ssn'][5:]}" not in text


def test_adr_0041_a_full_ssn_is_vaulted_and_announced_with_its_near_indexes_a_last4_with_none(
    registration_db: str,
    vault: SsnVault,
    index_key: bytes,
    synthetic_voter: Callable[..., Row],
    write_voters_csv: Callable[..., Path],
) -> None:
    full = synthetic_voter()
    last4_only = synthetic_voter(ssn="", ssn_last4="4321")

    load(write_voters_csv([full, last4_only]), registration_db, vault, index_key)

    near = ssn_near_indexes(index_key, full["ssn"])
    (entry,) = fetch(registration_db, "SELECT * FROM ssn_vault")
    assert tuple(entry["near_indexes"]) == near
    sources = {
        v["voter_id"]: v["source_id"] for v in fetch(registration_db, "SELECT * FROM voters")
    }
    announced = {}
    for row in fetch(registration_db, "SELECT payload FROM outbox"):
        data = decode(bytes(row["payload"])).data
        assert isinstance(data, VoterRegistered)
        announced[sources[data.voter_id]] = data.registrant.ssn.near_indexes
    assert announced == {full["source_id"]: near, last4_only["source_id"]: ()}


def test_a_reload_of_the_same_file_changes_nothing_and_publishes_nothing_again(
    registration_db: str,
    vault: SsnVault,
    index_key: bytes,
    synthetic_voter: Callable[..., Row],
    write_voters_csv: Callable[..., Path],
) -> None:
    path = write_voters_csv([synthetic_voter() for _ in range(3)])
    first, _, _ = load(path, registration_db, vault, index_key)
    before = {
        table: fetch(registration_db, f"SELECT * FROM {table}")  # noqa: S608 - constant names
        for table in ("voters", "voter_status_history", "outbox", "ssn_vault")
    }

    again, problems, _ = load(path, registration_db, vault, index_key)

    assert (first.inserted, first.unchanged) == (3, 0)
    assert (again.rows_read, again.loaded, again.inserted, again.unchanged) == (3, 3, 0, 3)
    assert (again.rejected, problems) == (0, [])
    for table, rows in before.items():
        assert fetch(registration_db, f"SELECT * FROM {table}") == rows, table  # noqa: S608


def test_a_reload_that_says_otherwise_about_a_loaded_voter_is_rejected_naming_the_columns(
    registration_db: str,
    vault: SsnVault,
    index_key: bytes,
    synthetic_voter: Callable[..., Row],
    write_voters_csv: Callable[..., Path],
) -> None:
    people = [synthetic_voter(party="DEM") for _ in range(2)]
    load(write_voters_csv(people), registration_db, vault, index_key)
    before = voters_by_source(registration_db)
    changed = {**people[0], "status": "inactive", "street": "2 Moved Ave", "party": "REP"}
    newcomer = synthetic_voter()

    report, problems, _ = load(
        write_voters_csv([changed, people[1], newcomer]), registration_db, vault, index_key
    )

    assert (report.rows_read, report.inserted, report.unchanged, report.rejected) == (3, 1, 1, 1)
    assert [(p.line, p.column) for p in problems] == [
        (2, "street"),
        (2, "party"),
        (2, "status"),
    ]
    assert problems[0].problem == (
        "differs from the voter already loaded with this county and source_id; "
        "a bulk load does not change a loaded voter"
    )
    after = voters_by_source(registration_db)
    assert after[people[0]["source_id"]] == before[people[0]["source_id"]]
    assert newcomer["source_id"] in after
    assert len(fetch(registration_db, "SELECT * FROM outbox")) == 3


def test_a9_a_voter_loaded_in_suspense_under_18_is_under_age_in_the_record_history_and_event(
    registration_db: str,
    vault: SsnVault,
    index_key: bytes,
    synthetic_voter: Callable[..., Row],
    write_voters_csv: Callable[..., Path],
) -> None:
    rows = [
        synthetic_voter(
            source_id="young",
            status="suspense",
            date_of_birth="2010-06-01",
            registered_on="2026-10-01",
        ),
        synthetic_voter(source_id="said", status="inactive", status_reason="confirmation_mailing"),
        synthetic_voter(source_id="adult", status="active"),
    ]

    path = write_voters_csv(rows, columns=[*VOTER_COLUMNS, "status_reason"])
    report, problems, _ = load(path, registration_db, vault, index_key)

    assert (report.inserted, problems) == (3, [])
    reasons = {
        row["source_id"]: row["status_reason"]
        for row in fetch(registration_db, "SELECT source_id, status_reason FROM voters")
    }
    assert reasons == {"young": "under_age", "said": "confirmation_mailing", "adult": None}
    history = fetch(
        registration_db,
        "SELECT v.source_id, h.status_reason FROM voter_status_history h JOIN voters v USING (voter_id)",
    )
    assert {row["source_id"]: row["status_reason"] for row in history} == reasons
    events = [
        decode(bytes(row["payload"])).data for row in fetch(registration_db, "SELECT * FROM outbox")
    ]
    assert {
        event.source_id: event.status_reason and event.status_reason.value
        for event in events
        if isinstance(event, VoterRegistered)
    } == reasons


def test_a_precinct_column_is_kept_and_announced_and_a_reload_never_changes_it(
    registration_db: str,
    vault: SsnVault,
    index_key: bytes,
    synthetic_voter: Callable[..., Row],
    write_voters_csv: Callable[..., Path],
) -> None:
    """1.10.35.9 C: a county file may carry the precinct the county assigned each voter to."""
    rows = [
        synthetic_voter(source_id="assigned", precinct="12-a"),
        synthetic_voter(source_id="unassigned", precinct=""),
        synthetic_voter(source_id="wrong", precinct="12 A"),
    ]
    columns = [*VOTER_COLUMNS, "precinct"]

    report, problems, _ = load(write_voters_csv(rows, columns), registration_db, vault, index_key)

    assert report.inserted == 2
    assert [str(p) for p in problems] == [f"line 4: precinct: {PRECINCT_PROBLEM}"]
    precincts = {
        row["source_id"]: row["precinct"]
        for row in fetch(registration_db, "SELECT source_id, precinct FROM voters")
    }
    assert precincts == {"assigned": "12-A", "unassigned": None}
    events = [
        decode(bytes(row["payload"])).data for row in fetch(registration_db, "SELECT * FROM outbox")
    ]
    assert {
        event.source_id: event.precinct for event in events if isinstance(event, VoterRegistered)
    } == precincts

    without_column = write_voters_csv(rows[:2], name="again.csv")
    report, problems, _ = load(without_column, registration_db, vault, index_key)
    assert (report.unchanged, problems) == (2, [])
    moved = write_voters_csv([{**rows[0], "precinct": "13"}], columns, name="moved.csv")
    report, problems, _ = load(moved, registration_db, vault, index_key)
    assert report.rejected == 1
    assert [p.column for p in problems] == ["precinct"]
    assert voters_by_source(registration_db)["assigned"]["precinct"] == "12-A"


def test_the_same_source_id_in_two_counties_is_two_voters(
    registration_db: str,
    vault: SsnVault,
    index_key: bytes,
    synthetic_voter: Callable[..., Row],
    write_voters_csv: Callable[..., Path],
) -> None:
    rows = [
        synthetic_voter(source_id="000001", county="Santa Fe"),
        synthetic_voter(source_id="000001", county="Doña Ana", city="Las Cruces", zip="88001"),
    ]

    report, problems, _ = load(write_voters_csv(rows), registration_db, vault, index_key)

    assert (report.inserted, problems) == (2, [])
    counties = {row["county"] for row in fetch(registration_db, "SELECT county FROM voters")}
    assert counties == {"santa_fe", "dona_ana"}


def test_a_party_qualified_today_is_kept_and_an_ssn_already_in_the_vault_is_not_sealed_again(
    registration_db: str,
    vault: SsnVault,
    index_key: bytes,
    synthetic_voter: Callable[..., Row],
    write_voters_csv: Callable[..., Path],
) -> None:
    person = synthetic_voter(party="grn")
    earlier = vault.seal(person["ssn"])
    with psycopg.connect(registration_db) as conn:
        conn.execute("INSERT INTO registration.qualified_parties VALUES ('GRN', 'Green Party')")
        conn.execute(
            "INSERT INTO registration.ssn_vault (blind_index, key_id, nonce, ciphertext, last4)"
            " VALUES (%s, %s, %s, %s, %s)",
            (earlier.blind_index, earlier.key_id, earlier.nonce, earlier.ciphertext, earlier.last4),
        )

    report, _, _ = load(write_voters_csv([person]), registration_db, vault, index_key)

    assert report.inserted == 1
    assert voters_by_source(registration_db)[person["source_id"]]["party"] == "GRN"
    vaulted = fetch(registration_db, "SELECT nonce FROM ssn_vault")
    assert [bytes(v["nonce"]) for v in vaulted] == [earlier.nonce]


def test_a_row_that_is_not_utf8_or_not_csv_or_the_wrong_width_is_rejected_alone(
    registration_db: str,
    vault: SsnVault,
    index_key: bytes,
    synthetic_voter: Callable[..., Row],
    write_voters_csv: Callable[..., Path],
) -> None:
    people = [synthetic_voter() for _ in range(3)]
    path = write_voters_csv(people)
    lines = path.read_bytes().split(b"\r\n")
    lines[1] = lines[1].replace(b"Test", b"T\xe9st")  # Latin-1, not UTF-8
    lines[2] = lines[2].replace(b",Santa Fe,", b',"Santa" Fe,')  # a stray quote
    path.write_bytes(b"\r\n".join(lines) + b"SF-1,Short,,Row\r\n\r\n")

    report, problems, _ = load(path, registration_db, vault, index_key)

    assert (report.rows_read, report.loaded, report.rejected) == (4, 1, 3)
    assert [(p.line, p.column) for p in problems] == [(2, "last_name"), (3, "row"), (5, "row")]
    assert problems[0].problem == "must be UTF-8 text"
    assert problems[1].problem.startswith("not valid CSV")
    assert problems[2].problem == "has 4 values; the header names 17 columns"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty: expected a header row naming the columns"),
        (
            b"source_id,first_name,last_name,date_of_birth\r\nSF1,A,B,1980-01-01\r\n",
            "the header lacks the column(s): middle_name, suffix, ssn, ssn_last4, gender, street, "
            "city, state, zip, county, party, status, registered_on",
        ),
        (
            b",".join(c.encode() for c in (*VOTER_COLUMNS, "SSN")) + b"\r\n",
            "the header names a column twice: ssn",
        ),
    ],
)
def test_a_file_without_the_promised_header_loads_nothing(
    registration_db: str,
    vault: SsnVault,
    index_key: bytes,
    tmp_path: Path,
    content: bytes,
    message: str,
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)

    with pytest.raises(VoterFileError) as refused:
        load(path, registration_db, vault, index_key)

    assert str(refused.value) == message
    assert voters_by_source(registration_db) == {}


def test_a_header_is_read_whatever_its_case_spacing_or_byte_order_mark(
    registration_db: str,
    vault: SsnVault,
    index_key: bytes,
    synthetic_voter: Callable[..., Row],
    write_voters_csv: Callable[..., Path],
) -> None:
    path = write_voters_csv([synthetic_voter()])
    body = path.read_bytes().split(b"\r\n", 1)[1]
    header = ", ".join(c.upper() for c in VOTER_COLUMNS).encode()
    path.write_bytes(b"\xef\xbb\xbf" + header + b"\r\n" + body)

    report, problems, _ = load(path, registration_db, vault, index_key)

    assert (report.loaded, problems) == (1, [])


def test_a_database_without_registrations_migrations_is_refused_with_what_to_do(
    database_url: str,
    vault: SsnVault,
    index_key: bytes,
    synthetic_voter: Callable[..., Row],
    write_voters_csv: Callable[..., Path],
) -> None:
    path = write_voters_csv([synthetic_voter()])

    with pytest.raises(VoterLoadError) as refused:
        load(path, database_url, vault, index_key)

    assert "run registration's migrations first" in str(refused.value)


def test_an_unreachable_database_is_reported_without_row_data(
    vault: SsnVault,
    index_key: bytes,
    synthetic_voter: Callable[..., Row],
    write_voters_csv: Callable[..., Path],
    tmp_path: Path,
) -> None:
    person = synthetic_voter()
    path = write_voters_csv([person])

    with pytest.raises(VoterLoadError) as refused:
        load(
            path, f"postgresql://postgres@/vrs?host={tmp_path}&connect_timeout=2", vault, index_key
        )

    assert str(refused.value).startswith("cannot reach the database:")
    assert person["ssn"] not in str(refused.value)
