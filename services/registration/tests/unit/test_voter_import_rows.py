"""Each row of a county voter file is checked column by column; a problem names its line and
column and never the value; the full SSN leaves the check only sealed; party falls back to DTS
(1.10.35.8 A(7)-(8)); the person key is the SSN's blind index, else the name+DOB one."""

import hashlib
from dataclasses import dataclass
from datetime import date

import pytest

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import StatusReason, VoterStatus
from vrs_registration.domain.voter_file import (
    VOTER_COLUMNS,
    RejectedRow,
    RowProblem,
    VoterRecord,
    county_of,
    loaded_status_reason,
    missing_columns,
    read_voter_row,
)

TODAY = date(2026, 11, 21)
SSN = "512340987"  # synthetic, made up for this test
PARTIES = frozenset({"DEM", "REP", "LIB"})
GOOD = {
    "source_id": "SF-000123",
    "first_name": "Alma",
    "middle_name": "Q",
    "last_name": "Peña",
    "suffix": "",
    "date_of_birth": "1980-02-03",
    "ssn": SSN,
    "ssn_last4": "",
    "gender": "F",
    "street": "1 Plaza",
    "city": "Santa Fe",
    "state": "NM",
    "zip": "87501",
    "county": "santa_fe",
    "party": "DEM",
    "status": "active",
    "registered_on": "2004-10-01",
}


@dataclass(frozen=True)
class FakeSealed:
    """A stand-in for the vault's entry: an index and an opaque box, never the number."""

    blind_index: str
    box: bytes


def fake_index(digits: str) -> str:
    return hashlib.sha256(b"test:" + digits.encode()).hexdigest()


def fake_seal(digits: str) -> FakeSealed:
    return FakeSealed(fake_index(digits), bytes(reversed(digits.encode())))


def fake_name_dob_index(first: str, last: str, born: date) -> str:
    return hashlib.sha256(f"{first}|{last}|{born}".encode()).hexdigest()


def read(line: int = 7, **changes: str) -> VoterRecord[FakeSealed] | RejectedRow:
    return read_voter_row(
        {**GOOD, **changes},
        line=line,
        today=TODAY,
        qualified_parties=PARTIES,
        seal_ssn=fake_seal,
        index_name_dob=fake_name_dob_index,
    )


def test_a_good_row_becomes_a_voter_with_the_ssn_sealed_and_its_blind_index_as_person_key() -> None:
    record = read()

    assert isinstance(record, VoterRecord)
    assert record.line == 7
    assert record.source_id == "SF-000123"
    assert record.county is County.santa_fe
    assert record.status is VoterStatus.active
    assert record.ssn == fake_seal(SSN)
    assert record.ssn_blind_index == fake_index(SSN)
    assert record.person_key == fake_index(SSN)
    assert record.ssn_last4 == "0987"
    assert (record.first_name, record.middle_name, record.last_name) == ("Alma", "Q", "Peña")
    assert record.suffix is None
    assert record.date_of_birth == date(1980, 2, 3)
    assert record.registered_on == date(2004, 10, 1)
    assert (record.street, record.city, record.state, record.zip) == (
        "1 Plaza",
        "Santa Fe",
        "NM",
        "87501",
    )
    assert record.party == "DEM"
    assert SSN not in repr(record)


def test_a_row_with_only_the_last_four_keeps_them_and_is_keyed_by_name_and_date_of_birth() -> None:
    record = read(ssn="", ssn_last4="0987")

    assert isinstance(record, VoterRecord)
    assert record.ssn is None
    assert record.ssn_blind_index is None
    assert record.ssn_last4 == "0987"
    assert record.person_key == fake_name_dob_index("Alma", "Peña", date(1980, 2, 3))


def test_a_row_without_any_ssn_is_loaded_keyed_by_name_and_date_of_birth() -> None:
    record = read(ssn="", ssn_last4="")

    assert isinstance(record, VoterRecord)
    assert (record.ssn, record.ssn_last4) == (None, None)
    assert record.person_key == fake_name_dob_index("Alma", "Peña", date(1980, 2, 3))


def test_the_ssn_is_not_sealed_for_a_row_that_will_not_load() -> None:
    sealed: list[str] = []

    def seal(digits: str) -> FakeSealed:
        sealed.append(digits)
        return fake_seal(digits)

    result = read_voter_row(
        {**GOOD, "status": "asleep"},
        line=2,
        today=TODAY,
        qualified_parties=PARTIES,
        seal_ssn=seal,
        index_name_dob=fake_name_dob_index,
    )

    assert isinstance(result, RejectedRow)
    assert sealed == []


@pytest.mark.parametrize(
    ("column", "written", "problem"),
    [
        ("source_id", "", "required"),
        ("source_id", "S" * 65, "must be at most 64 characters"),
        ("source_id", "SF\t1", "must not contain control characters or line breaks"),
        ("first_name", "", "required"),
        ("first_name", "  ", "required"),
        ("first_name", "1234", "must contain letters"),
        ("first_name", "Al\nma", "must not contain control characters or line breaks"),
        ("first_name", "A" * 101, "must be at most 100 characters"),
        ("first_name", "Pe\ufffda", "must be UTF-8 text"),
        ("middle_name", "M" * 101, "must be at most 100 characters"),
        ("middle_name", "42", "must contain letters"),
        ("last_name", "", "required"),
        ("last_name", "--", "must contain letters"),
        ("suffix", "J" * 11, "must be at most 10 characters"),
        ("date_of_birth", "", "required"),
        ("date_of_birth", "02/03/1980", "must be a date written YYYY-MM-DD"),
        ("date_of_birth", "1980-2-3", "must be a date written YYYY-MM-DD"),
        ("date_of_birth", "1981-02-29", "must be a real calendar date"),
        ("date_of_birth", "2026-11-22", "must not be in the future"),
        ("ssn", "51234098", "must be nine digits"),
        ("ssn", "5123409870", "must be nine digits"),
        ("ssn", "51234O987", "must be nine digits"),
        ("ssn", "٥١٢٣٤٠٩٨٧", "must be nine digits"),  # Arabic-Indic digits are not an SSN
        ("ssn", "000120987", "is not of a valid series (1.10.35.8 C(6))"),
        ("ssn", "666120987", "is not of a valid series (1.10.35.8 C(6))"),
        ("ssn", "912340987", "is not of a valid series (1.10.35.8 C(6))"),
        ("ssn", "512000987", "is not of a valid series (1.10.35.8 C(6))"),
        ("ssn", "512340000", "is not of a valid series (1.10.35.8 C(6))"),
        ("ssn_last4", "987", "must be four digits"),
        ("ssn_last4", "09a7", "must be four digits"),
        ("ssn_last4", "1111", "must be the last four digits of ssn"),
        ("gender", "G" * 21, "must be at most 20 characters"),
        ("street", "", "required"),
        ("street", "S" * 201, "must be at most 200 characters"),
        ("city", "C" * 101, "must be at most 100 characters"),
        ("state", "New Mexico", "must be a two-letter state code"),
        ("state", "AZ", "must be NM: a voter of a New Mexico county lives in New Mexico"),
        ("zip", "8750", "must be a ZIP code of 5 or 9 digits"),
        ("zip", "87501-12", "must be a ZIP code of 5 or 9 digits"),
        ("county", "", "required"),
        ("county", "Atlantis", "must be a county of New Mexico, e.g. santa_fe or Santa Fe"),
        ("status", "", "required"),
        (
            "status",
            "purged",
            "must be one of active, inactive, suspense, removable, not_eligible, cancelled",
        ),
        ("registered_on", "", "required"),
        ("registered_on", "10/01/2004", "must be a date written YYYY-MM-DD"),
        ("registered_on", "2027-01-01", "must not be in the future"),
        ("registered_on", "1979-12-31", "must not be before the date of birth"),
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


def test_every_problem_of_a_row_is_named_in_one_pass() -> None:
    result = read(line=3, first_name="", ssn="123", county="Narnia", status="", zip="1")

    assert isinstance(result, RejectedRow)
    assert [(p.column, p.problem) for p in result.problems] == [
        ("first_name", "required"),
        ("ssn", "must be nine digits"),
        ("zip", "must be a ZIP code of 5 or 9 digits"),
        ("county", "must be a county of New Mexico, e.g. santa_fe or Santa Fe"),
        ("status", "required"),
    ]


@pytest.mark.parametrize(
    ("written", "entered"),
    [
        ("DEM", "DEM"),
        (" rep ", "REP"),
        ("lib", "LIB"),
        ("", "DTS"),
        ("DTS", "DTS"),
        ("GRN", "DTS"),  # not a qualified party today: decline to select, never rejected
        ("Whig Party of the Territory of New Mexico, est. 1850", "DTS"),
    ],
)
def test_a_party_that_is_not_qualified_or_none_is_entered_as_decline_to_select_1_10_35_8_a7_a8(
    written: str, entered: str
) -> None:
    record = read(party=written)

    assert isinstance(record, VoterRecord)
    assert record.party == entered


@pytest.mark.parametrize(
    ("column", "written", "field", "stored"),
    [
        ("ssn", "512-34-0987", "ssn_last4", "0987"),
        ("ssn", " 512 34 0987 ", "ssn_blind_index", fake_index(SSN)),
        ("ssn_last4", "0987", "ssn_last4", "0987"),
        ("status", "Suspense", "status", VoterStatus.suspense),
        ("status", " NOT_ELIGIBLE ", "status", VoterStatus.not_eligible),
        ("state", "nm", "state", "NM"),
        ("state", "", "state", None),
        ("zip", "87501-1234", "zip", "87501-1234"),
        ("zip", "", "zip", None),
        ("city", "", "city", None),
        ("gender", "", "gender", None),
        ("middle_name", "  ", "middle_name", None),
        ("county", "Santa Fe", "county", County.santa_fe),
        ("county", "DOÑA ANA", "county", County.dona_ana),
        ("county", "de-baca", "county", County.de_baca),
        ("county", "McKinley", "county", County.mckinley),
        ("registered_on", "1980-02-03", "registered_on", date(1980, 2, 3)),
    ],
)
def test_what_a_county_may_write_in_several_ways_is_stored_one_way(
    column: str, written: str, field: str, stored: object
) -> None:
    record = read(**{column: written})

    assert isinstance(record, VoterRecord)
    assert getattr(record, field) == stored


@pytest.mark.parametrize(
    ("written", "county"),
    [
        ("santa_fe", County.santa_fe),
        ("Los Alamos", County.los_alamos),
        ("Doña Ana", County.dona_ana),
        ("  rio   arriba ", County.rio_arriba),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_a_county_is_named_by_its_code_or_its_name(written: str, county: County | None) -> None:
    assert county_of(written) is county


def test_a_header_lacking_promised_columns_names_them_in_the_promised_order() -> None:
    header = [c for c in VOTER_COLUMNS if c not in {"ssn_last4", "status"}] + ["notes"]

    assert missing_columns(header) == ["ssn_last4", "status"]
    assert missing_columns(list(VOTER_COLUMNS)) == []


@pytest.mark.parametrize(
    ("status", "written", "born", "reason"),
    [
        (VoterStatus.suspense, None, date(2009, 3, 1), StatusReason.under_age),
        (VoterStatus.suspense, None, date(2008, 11, 21), None),  # 18 on the day of the load
        (VoterStatus.suspense, None, date(2008, 11, 22), StatusReason.under_age),
        (VoterStatus.active, None, date(2009, 3, 1), None),
        (
            VoterStatus.suspense,
            StatusReason.incomplete_application,
            date(2009, 3, 1),
            StatusReason.incomplete_application,
        ),
        (
            VoterStatus.inactive,
            StatusReason.confirmation_mailing,
            date(1970, 1, 1),
            StatusReason.confirmation_mailing,
        ),
    ],
)
def test_a9_a_loaded_voter_in_suspense_under_18_is_under_age_unless_the_file_says_why(
    status: VoterStatus, written: StatusReason | None, born: date, reason: StatusReason | None
) -> None:
    assert loaded_status_reason(status, written, born, TODAY) is reason


def test_a_row_with_a_status_reason_keeps_it_and_a_wrong_one_is_named() -> None:
    record = read(status="inactive", status_reason="Confirmation_Mailing")
    assert isinstance(record, VoterRecord)
    assert record.status_reason is StatusReason.confirmation_mailing

    under_age = read(status="suspense", date_of_birth="2010-01-01", registered_on="2026-11-02")
    assert isinstance(under_age, VoterRecord)
    assert under_age.status_reason is StatusReason.under_age

    rejected = read(status_reason="on holiday")
    assert isinstance(rejected, RejectedRow)
    assert [problem.column for problem in rejected.problems] == ["status_reason"]


def test_a_row_with_a_precinct_keeps_it_upper_case_a_blank_one_is_none_a_wrong_one_is_named() -> (
    None
):
    record = read(precinct=" 12-a ")
    assert isinstance(record, VoterRecord)
    assert record.precinct == "12-A"
    blank = read(precinct="")
    assert isinstance(blank, VoterRecord)
    assert blank.precinct is None
    without_column = read()
    assert isinstance(without_column, VoterRecord)
    assert without_column.precinct is None

    rejected = read(precinct="12 A; DROP")
    assert isinstance(rejected, RejectedRow)
    assert [problem.column for problem in rejected.problems] == ["precinct"]
    assert "12 A" not in str(rejected.problems[0])
