"""One row of a county's voter file (DESIGN.md, "Bulk file columns"), read into a voter record.

The file's columns are a promise to the counties: ``source_id, first_name, middle_name,
last_name, suffix, date_of_birth, ssn, ssn_last4, gender, street, city, state, zip, county,
party, status, registered_on``; extra columns are ignored; ``ssn`` may be empty where only
``ssn_last4`` is known.

The full SSN is read here and nowhere else: it is checked and handed to the vault's sealing
function, and what comes out holds the sealed entry (ciphertext, blind index, last four digits)
only. A problem names the line and the column and says what is wrong, never what the value was
(STYLE.md, habit 6).
"""

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Generic, Protocol, TypeVar

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import VoterStatus
from vrs_registration.domain.rules import invalid_ssn_series, party_of_record

VOTER_COLUMNS = (
    "source_id",
    "first_name",
    "middle_name",
    "last_name",
    "suffix",
    "date_of_birth",
    "ssn",
    "ssn_last4",
    "gender",
    "street",
    "city",
    "state",
    "zip",
    "county",
    "party",
    "status",
    "registered_on",
)
MAX_LENGTHS = {
    "source_id": 64,
    "first_name": 100,
    "middle_name": 100,
    "last_name": 100,
    "suffix": 10,
    "gender": 20,
    "street": 200,
    "city": 100,
}
HOME_STATE = "NM"
ISO_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
STATE_SHAPE = re.compile(r"^[A-Z]{2}$")
ZIP_SHAPE = re.compile(r"^\d{5}(-?\d{4})?$")
SEPARATORS = re.compile(r"[\s-]")  # how people space out SSNs: 123-45-6789, 123 45 6789
COUNTY_SEPARATORS = re.compile(r"[\s_-]+")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
NOT_UTF8 = "\ufffd"  # what a byte that is not UTF-8 reads as (the reader decodes leniently)
STATUS_CHOICES = ", ".join(status.value for status in VoterStatus)


class VaultEntry(Protocol):
    """What the vault makes of a full SSN: the number sealed, known by its blind index."""

    @property
    def blind_index(self) -> str:
        """The keyed blind index of the SSN (hex)."""
        ...


Sealed = TypeVar("Sealed", bound=VaultEntry)


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one column of one line of the file (never the value itself)."""

    line: int
    column: str
    problem: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.column}: {self.problem}"


@dataclass(frozen=True)
class RejectedRow:
    """A row that will not be loaded, with every problem found in it."""

    line: int
    problems: tuple[RowProblem, ...]


@dataclass(frozen=True)
class VoterRecord(Generic[Sealed]):
    """A voter ready for the voter file: the full SSN only as its sealed vault entry.

    Optional text columns left blank are None, as the voter file stores them.
    """

    line: int
    source_id: str
    county: County
    status: VoterStatus
    first_name: str
    middle_name: str | None
    last_name: str
    suffix: str | None
    date_of_birth: date
    ssn: Sealed | None
    ssn_last4: str | None
    person_key: str
    gender: str | None
    street: str
    city: str | None
    state: str | None
    zip: str | None
    party: str
    registered_on: date

    @property
    def ssn_blind_index(self) -> str | None:
        """The blind index of the full SSN, when the file gave one."""
        return self.ssn.blind_index if self.ssn is not None else None


def missing_columns(header: Sequence[str]) -> list[str]:
    """The promised columns a header row lacks, in the promised order."""
    present = set(header)
    return [column for column in VOTER_COLUMNS if column not in present]


@lru_cache(maxsize=256)
def county_of(written: str) -> County | None:
    """The county a file names by code or by name (``santa_fe``, ``Santa Fe``, ``DOÑA ANA``,
    ``De Baca``), or None when it names no county of New Mexico."""
    decomposed = unicodedata.normalize("NFKD", written)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip().lower()
    code = COUNTY_SEPARATORS.sub("_", folded)
    return County.__members__.get(code)


def read_voter_row(
    fields: Mapping[str, str],
    *,
    line: int,
    today: date,
    qualified_parties: frozenset[str],
    seal_ssn: Callable[[str], Sealed],
    index_name_dob: Callable[[str, str, date], str],
) -> VoterRecord[Sealed] | RejectedRow:
    """Check one data row of a county voter file and turn it into a voter, or say what is wrong.

    ``fields`` maps column names to the raw text of this row (missing columns read as blank);
    ``line`` is the file line the row starts on; ``today`` bounds the dates;
    ``qualified_parties`` are the codes of the parties qualified today; ``seal_ssn`` turns nine
    SSN digits into their vault entry (called only for a row that will load);
    ``index_name_dob`` gives the name+DOB blind index of a voter without a full SSN. Every
    column is checked, so one pass names every problem of the row.

    The rules applied beyond the shape of each column:

    - 1.10.35.8 A(7)-(8): a party that is not qualified, or none, is entered as DTS (decline
      to select); a voter is never refused for the party column.
    - 1.10.35.8 C(6): a full SSN of an invalid series (000, 666, 9xx; group 00; serial 0000)
      is refused, so it never reaches the vault nor matching.
    - The person key (DESIGN.md, "Events") is the SSN's blind index, else the name+DOB one.
    """
    problems: list[RowProblem] = []

    def problem(column: str, text: str) -> None:
        problems.append(RowProblem(line, column, text))

    def text(column: str, *, required: bool = False) -> str:
        value = (fields.get(column) or "").strip()
        if required and not value:
            problem(column, "required")
        elif NOT_UTF8 in value:
            problem(column, "must be UTF-8 text")
        elif CONTROL_CHARACTERS.search(value):
            problem(column, "must not contain control characters or line breaks")
        elif column in MAX_LENGTHS and len(value) > MAX_LENGTHS[column]:
            problem(column, f"must be at most {MAX_LENGTHS[column]} characters")
        return value

    def name(column: str, *, required: bool = False) -> str:
        value = text(column, required=required)
        if value and not any(ch.isalpha() for ch in value):
            problem(column, "must contain letters")
        return value

    source_id = text("source_id", required=True)
    first_name = name("first_name", required=True)
    middle_name = name("middle_name")
    last_name = name("last_name", required=True)
    suffix = text("suffix")
    date_of_birth = _date("date_of_birth", text("date_of_birth", required=True), today, problem)
    ssn_digits = _ssn(fields.get("ssn") or "", problem)
    ssn_last4 = _ssn_last4(text("ssn_last4"), ssn_digits, problem)
    gender = text("gender")
    street = text("street", required=True)
    city = text("city")
    state = text("state").upper()
    if state and not STATE_SHAPE.match(state):
        problem("state", "must be a two-letter state code")
    elif state and state != HOME_STATE:
        problem("state", "must be NM: a voter of a New Mexico county lives in New Mexico")
    zip_code = text("zip")
    if zip_code and not ZIP_SHAPE.match(zip_code):
        problem("zip", "must be a ZIP code of 5 or 9 digits")
    county_written = text("county", required=True)
    county = county_of(county_written) if county_written else None
    if county_written and county is None:
        problem("county", "must be a county of New Mexico, e.g. santa_fe or Santa Fe")
    party = party_of_record(fields.get("party"), qualified_parties)
    status = _status(text("status", required=True), problem)
    registered_on = _date("registered_on", text("registered_on", required=True), today, problem)
    if date_of_birth and registered_on and registered_on < date_of_birth:
        problem("registered_on", "must not be before the date of birth")

    if (
        problems
        or date_of_birth is None
        or registered_on is None
        or county is None
        or status is None
    ):
        return RejectedRow(line, tuple(problems))
    sealed = seal_ssn(ssn_digits) if ssn_digits else None
    person_key = (
        sealed.blind_index
        if sealed is not None
        else index_name_dob(first_name, last_name, date_of_birth)
    )
    return VoterRecord(
        line=line,
        source_id=source_id,
        county=county,
        status=status,
        first_name=first_name,
        middle_name=middle_name or None,
        last_name=last_name,
        suffix=suffix or None,
        date_of_birth=date_of_birth,
        ssn=sealed,
        ssn_last4=ssn_last4 or None,
        person_key=person_key,
        gender=gender or None,
        street=street,
        city=city or None,
        state=state or None,
        zip=zip_code or None,
        party=party,
        registered_on=registered_on,
    )


def _date(
    column: str, written: str, today: date, problem: Callable[[str, str], None]
) -> date | None:
    if not written:
        return None
    if not ISO_DATE_SHAPE.match(written):
        problem(column, "must be a date written YYYY-MM-DD")
        return None
    try:
        day = date.fromisoformat(written)
    except ValueError:
        problem(column, "must be a real calendar date")
        return None
    if day > today:
        problem(column, "must not be in the future")
        return None
    return day


def _ssn(written: str, problem: Callable[[str, str], None]) -> str:
    """The nine digits of a full SSN, or "" when the column is blank or wrong.

    Dashes and spaces are ignored (``123-45-6789``). Problems never quote the number.
    """
    digits = SEPARATORS.sub("", written)
    if not digits:
        return ""
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit():
        problem("ssn", "must be nine digits")
        return ""
    if invalid_ssn_series(digits):
        problem("ssn", "is not of a valid series (1.10.35.8 C(6))")
        return ""
    return digits


def _ssn_last4(written: str, ssn_digits: str, problem: Callable[[str, str], None]) -> str:
    """The last four digits: the column as written, else those of the full SSN."""
    if written and (len(written) != 4 or not written.isascii() or not written.isdigit()):
        problem("ssn_last4", "must be four digits")
        return ""
    if written and ssn_digits and written != ssn_digits[-4:]:
        problem("ssn_last4", "must be the last four digits of ssn")
        return ""
    return written or ssn_digits[-4:]


def _status(written: str, problem: Callable[[str, str], None]) -> VoterStatus | None:
    if not written:
        return None
    try:
        return VoterStatus(written.lower())
    except ValueError:
        problem("status", f"must be one of {STATUS_CHOICES}")
        return None
