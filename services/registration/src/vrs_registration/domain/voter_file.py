"""One row of a county's voter file (DESIGN.md, "Bulk file columns"), read into a voter record.

The file's columns are a promise to the counties: ``source_id, first_name, middle_name,
last_name, suffix, date_of_birth, ssn, ssn_last4, gender, street, city, state, zip, county,
party, status, registered_on``; extra columns are ignored; ``ssn`` may be empty where only
``ssn_last4`` is known. Two optional columns are read when present: ``status_reason`` (a status
reason of the vocabulary) and ``precinct`` (the precinct the county assigned the voter to from
its street file, 1.10.35.9 C).

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
from vrs_contracts.vocabulary import StatusReason, VoterStatus
from vrs_plumbing import bulk_fields
from vrs_plumbing.bulk_fields import RejectedRow, RowProblem
from vrs_registration.domain.precincts import PRECINCT_PROBLEM, precinct_code
from vrs_registration.domain.rules import age_on, invalid_ssn_series, party_of_record

VOTER_COLUMNS = (
    "source_id",
    *bulk_fields.NAME_COLUMNS,
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
COUNTY_SEPARATORS = re.compile(r"[\s_-]+")
# The row types are the shared ones; callers know them by this module's name too.
__all__ = [
    "VOTER_COLUMNS",
    "RejectedRow",
    "RowProblem",
    "VaultEntry",
    "VoterRecord",
    "county_of",
    "loaded_status_reason",
    "missing_columns",
    "read_voter_row",
]
STATUS_CHOICES = ", ".join(status.value for status in VoterStatus)
REASON_CHOICES = ", ".join(reason.value for reason in StatusReason)


class VaultEntry(Protocol):
    """What the vault makes of a full SSN: the number sealed, known by its blind index."""

    @property
    def blind_index(self) -> str:
        """The keyed blind index of the SSN (hex)."""
        ...


Sealed = TypeVar("Sealed", bound=VaultEntry)


@dataclass(frozen=True)
class VoterRecord(Generic[Sealed]):
    """A voter ready for the voter file: the full SSN only as its sealed vault entry.

    Optional text columns left blank are None, as the voter file stores them.
    """

    line: int
    source_id: str
    county: County
    status: VoterStatus
    status_reason: StatusReason | None
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
    precinct: str | None = None

    @property
    def ssn_blind_index(self) -> str | None:
        """The blind index of the full SSN, when the file gave one."""
        return self.ssn.blind_index if self.ssn is not None else None


def missing_columns(header: Sequence[str]) -> list[str]:
    """The promised columns a header row lacks, in the promised order."""
    return bulk_fields.missing_columns(header, VOTER_COLUMNS)


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
    - 1.10.35.8 A(9): a voter in suspense who is not 18 on the day of the load is under age
      (``loaded_status_reason``), so the activation before an election reaches them.
    - The person key (DESIGN.md, "Events") is the SSN's blind index, else the name+DOB one.
    """
    row = bulk_fields.RowCheck(fields, line, MAX_LENGTHS)
    problem, text = row.problem, row.text

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
    date_of_birth = bulk_fields.date_until(
        "date_of_birth", text("date_of_birth", required=True), today, problem
    )
    full_ssn = _ssn(row.raw("ssn"), problem)
    ssn_last4 = _ssn_last4(text("ssn_last4"), full_ssn, problem)
    gender = text("gender")
    street = text("street", required=True)
    city = text("city")
    state = bulk_fields.state_code("state", text("state"), problem)
    if state and state != HOME_STATE:
        problem("state", "must be NM: a voter of a New Mexico county lives in New Mexico")
    zip_written = bulk_fields.zip_code("zip", text("zip"), problem)
    county_written = text("county", required=True)
    county = county_of(county_written) if county_written else None
    if county_written and county is None:
        problem("county", "must be a county of New Mexico, e.g. santa_fe or Santa Fe")
    party = party_of_record(fields.get("party"), qualified_parties)
    status = _status(text("status", required=True), problem)
    written_reason = _status_reason(text("status_reason"), problem)
    precinct = _precinct(text("precinct"), problem)
    registered_on = bulk_fields.date_until(
        "registered_on", text("registered_on", required=True), today, problem
    )
    if date_of_birth and registered_on and registered_on < date_of_birth:
        problem("registered_on", "must not be before the date of birth")

    if (
        row.problems
        or date_of_birth is None
        or registered_on is None
        or county is None
        or status is None
    ):
        return row.rejected()
    sealed = seal_ssn(full_ssn) if full_ssn else None
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
        status_reason=loaded_status_reason(status, written_reason, date_of_birth, today),
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
        zip=zip_written or None,
        party=party,
        registered_on=registered_on,
        precinct=precinct,
    )


def _ssn(written: str, problem: bulk_fields.ColumnProblem) -> str:
    """The nine digits of a full SSN of a valid series, or "" when the column is blank or wrong.

    Problems never quote the number.
    """
    digits = bulk_fields.ssn_digits(written, problem, required=False)
    if digits and invalid_ssn_series(digits):
        problem("ssn", "is not of a valid series (1.10.35.8 C(6))")
        return ""
    return digits


def _ssn_last4(written: str, full_ssn: str, problem: bulk_fields.ColumnProblem) -> str:
    """The last four digits: the column as written, else those of the full SSN."""
    if written and (len(written) != 4 or not written.isascii() or not written.isdigit()):
        problem("ssn_last4", "must be four digits")
        return ""
    if written and full_ssn and written != full_ssn[-4:]:
        problem("ssn_last4", "must be the last four digits of ssn")
        return ""
    return written or full_ssn[-4:]


def _status(written: str, problem: bulk_fields.ColumnProblem) -> VoterStatus | None:
    if not written:
        return None
    try:
        return VoterStatus(written.lower())
    except ValueError:
        problem("status", f"must be one of {STATUS_CHOICES}")
        return None


def loaded_status_reason(
    status: VoterStatus, written: StatusReason | None, date_of_birth: date, today: date
) -> StatusReason | None:
    """The status reason a loaded voter is entered with.

    The file's ``status_reason`` when it gives one. Otherwise a voter in suspense who is not 18
    on the day of the load is ``under_age`` (1.10.35.8 A(9)): the clerk activates such voters 21
    days before the election on or before which they turn 18, and the activation looks for that
    reason. Any other voter without a written reason has none.
    """
    if written is not None:
        return written
    if status is VoterStatus.suspense and age_on(date_of_birth, today) < 18:
        return StatusReason.under_age
    return None


def _status_reason(written: str, problem: bulk_fields.ColumnProblem) -> StatusReason | None:
    if not written:
        return None
    try:
        return StatusReason(written.lower())
    except ValueError:
        problem("status_reason", f"must be one of {REASON_CHOICES}")
        return None


def _precinct(written: str, problem: bulk_fields.ColumnProblem) -> str | None:
    """1.10.35.9 C: the precinct the county assigned, upper-case; blank when none is yet."""
    if not written:
        return None
    code = precinct_code(written)
    if code is None:
        problem("precinct", PRECINCT_PROBLEM)
    return code
