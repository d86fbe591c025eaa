"""One row of the MVD bulk file (DESIGN.md, "Bulk file columns"), read into an MVD record.

The file's columns are a promise to the MVD: ``mvd_id, first_name, middle_name, last_name,
suffix, date_of_birth, ssn, street, city, state, zip, county, expired``; extra columns are
ignored, except ``signature_ref`` and ``photo_ref``, which, when present, name the MVD's images
of the person's signature and photo (1.10.35.8 D(1) sends them with an online application).

The full SSN is read here and nowhere else: it is checked, handed to the blind-index function
and dropped; what comes out holds its index and last four digits only. A problem names the line
and the column and says what is wrong, never what the value was (STYLE.md, habit 6).
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from vrs_contracts.counties import County
from vrs_matching.domain.identity import normalise_name

MVD_COLUMNS = (
    "mvd_id",
    "first_name",
    "middle_name",
    "last_name",
    "suffix",
    "date_of_birth",
    "ssn",
    "street",
    "city",
    "state",
    "zip",
    "county",
    "expired",
)
IMAGE_COLUMNS = ("signature_ref", "photo_ref")

EXPIRED_WORDS = {
    "": False,
    "false": False,
    "0": False,
    "no": False,
    "true": True,
    "1": True,
    "yes": True,
}
MAX_LENGTHS = {
    "first_name": 100,
    "middle_name": 100,
    "last_name": 100,
    "suffix": 10,
    "street": 200,
    "city": 100,
    "signature_ref": 500,
    "photo_ref": 500,
}
MVD_ID_SHAPE = re.compile(r"^[A-Z0-9]{1,20}$")
ISO_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
STATE_SHAPE = re.compile(r"^[A-Z]{2}$")
ZIP_SHAPE = re.compile(r"^\d{5}(-?\d{4})?$")
SEPARATORS = re.compile(r"[\s-]")  # how people space out licence numbers and SSNs
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
NOT_UTF8 = "\ufffd"  # what a byte that is not UTF-8 reads as (the reader decodes leniently)


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
class MvdRecord:
    """A licence or state ID record ready for the index: no full SSN in it."""

    line: int
    mvd_id: str
    first_name: str
    middle_name: str
    last_name: str
    suffix: str
    date_of_birth: date
    ssn_index: str
    ssn_last4: str
    street: str
    city: str
    state: str
    zip: str
    county: str
    expired: bool
    signature_ref: str | None
    photo_ref: str | None
    first_name_norm: str
    last_name_norm: str


def missing_columns(header: Sequence[str]) -> list[str]:
    """The promised columns a header row lacks, in the promised order."""
    present = set(header)
    return [column for column in MVD_COLUMNS if column not in present]


def normalise_mvd_id(text: str) -> str:
    """A licence/ID number as stored and compared: upper case, spaces and hyphens dropped.

    How a clerk or an applicant writes the number (``nm-0123 456``) does not make it another
    number; anything else (other punctuation, letters outside A-Z) is left for the shape check.
    """
    return SEPARATORS.sub("", text).upper()


@lru_cache(maxsize=1024)
def normalise_county(text: str) -> str:
    """A county as written in a file (``Santa Fe``, ``DOÑA ANA``, ``santa_fe``) folded to the
    shape of its code (``santa_fe``, ``dona_ana``)."""
    folded = normalise_name(text.replace("_", " ")).lower()
    return folded.replace(" ", "_")


def read_mvd_row(
    fields: Mapping[str, str],
    *,
    line: int,
    index_ssn: Callable[[str], str],
    today: date,
) -> MvdRecord | RejectedRow:
    """Check one data row of the MVD file and turn it into a record, or say what is wrong.

    ``fields`` maps column names to the raw text of this row (missing columns read as blank);
    ``line`` is the file line the row starts on; ``index_ssn`` turns nine SSN digits into their
    blind index; ``today`` bounds the date of birth. Every column is checked, so one pass
    names every problem of the row.
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

    mvd_id = normalise_mvd_id(text("mvd_id", required=True))
    if mvd_id and not MVD_ID_SHAPE.match(mvd_id):
        problem("mvd_id", "must be 1 to 20 letters or digits")
    first_name = text("first_name", required=True)
    first_name_norm = normalise_name(first_name)
    if first_name and not first_name_norm:
        problem("first_name", "must contain letters")
    middle_name = text("middle_name")
    last_name = text("last_name", required=True)
    last_name_norm = normalise_name(last_name)
    if last_name and not last_name_norm:
        problem("last_name", "must contain letters")
    suffix = text("suffix")
    date_of_birth = _date_of_birth(text("date_of_birth", required=True), today, problem)
    ssn_index, ssn_last4 = _ssn(fields.get("ssn") or "", index_ssn, problem)
    street = text("street")
    city = text("city")
    state = text("state").upper()
    if state and not STATE_SHAPE.match(state):
        problem("state", "must be a two-letter state code")
    zip_code = text("zip")
    if zip_code and not ZIP_SHAPE.match(zip_code):
        problem("zip", "must be a ZIP code of 5 or 9 digits")
    county = normalise_county(text("county"))
    if county and county not in County.__members__:
        problem("county", "must be a county of New Mexico, e.g. santa_fe or Santa Fe")
    expired_word = text("expired").lower()
    if expired_word not in EXPIRED_WORDS:
        problem("expired", "must be true, false, 1, 0, yes, no or empty")
    signature_ref = text("signature_ref") or None
    photo_ref = text("photo_ref") or None

    if problems or date_of_birth is None or ssn_index is None:
        return RejectedRow(line, tuple(problems))
    return MvdRecord(
        line=line,
        mvd_id=mvd_id,
        first_name=first_name,
        middle_name=middle_name,
        last_name=last_name,
        suffix=suffix,
        date_of_birth=date_of_birth,
        ssn_index=ssn_index,
        ssn_last4=ssn_last4,
        street=street,
        city=city,
        state=state,
        zip=zip_code,
        county=county,
        expired=EXPIRED_WORDS[expired_word],
        signature_ref=signature_ref,
        photo_ref=photo_ref,
        first_name_norm=first_name_norm,
        last_name_norm=last_name_norm,
    )


def _date_of_birth(written: str, today: date, problem: Callable[[str, str], None]) -> date | None:
    if not written:
        return None
    if not ISO_DATE_SHAPE.match(written):
        problem("date_of_birth", "must be a date written YYYY-MM-DD")
        return None
    try:
        born = date.fromisoformat(written)
    except ValueError:
        problem("date_of_birth", "must be a real calendar date")
        return None
    if born > today:
        problem("date_of_birth", "must not be in the future")
        return None
    return born


def _ssn(
    written: str, index_ssn: Callable[[str], str], problem: Callable[[str, str], None]
) -> tuple[str | None, str]:
    """The blind index and last four digits of a full SSN; the number itself goes no further.

    Dashes and spaces are ignored (``123-45-6789``). Problems never quote the number.
    """
    digits = SEPARATORS.sub("", written)
    if not digits:
        problem("ssn", "required")
        return None, ""
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit():
        problem("ssn", "must be nine digits")
        return None, ""
    return index_ssn(digits), digits[-4:]
