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
from vrs_plumbing import bulk_fields
from vrs_plumbing.bulk_fields import RejectedRow, RowProblem

# The row types are the shared ones; callers know them by this module's name too.
__all__ = [
    "IMAGE_COLUMNS",
    "MVD_COLUMNS",
    "MvdRecord",
    "RejectedRow",
    "RowProblem",
    "missing_columns",
    "normalise_county",
    "normalise_mvd_id",
    "read_mvd_row",
]

MVD_COLUMNS = (
    "mvd_id",
    *bulk_fields.NAME_COLUMNS,
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
    return bulk_fields.missing_columns(header, MVD_COLUMNS)


def normalise_mvd_id(text: str) -> str:
    """A licence/ID number as stored and compared: upper case, spaces and hyphens dropped.

    How a clerk or an applicant writes the number (``nm-0123 456``) does not make it another
    number; anything else (other punctuation, letters outside A-Z) is left for the shape check.
    """
    return bulk_fields.SEPARATORS.sub("", text).upper()


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
    row = bulk_fields.RowCheck(fields, line, MAX_LENGTHS)
    problem, text = row.problem, row.text

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
    date_of_birth = bulk_fields.date_until(
        "date_of_birth", text("date_of_birth", required=True), today, problem
    )
    ssn = bulk_fields.ssn_digits(row.raw("ssn"), problem, required=True)
    street = text("street")
    city = text("city")
    state = bulk_fields.state_code("state", text("state"), problem)
    zip_written = bulk_fields.zip_code("zip", text("zip"), problem)
    county = normalise_county(text("county"))
    if county and county not in County.__members__:
        problem("county", "must be a county of New Mexico, e.g. santa_fe or Santa Fe")
    expired = bulk_fields.yes_no("expired", text("expired"), problem)
    signature_ref = text("signature_ref") or None
    photo_ref = text("photo_ref") or None

    if row.problems or date_of_birth is None or not ssn:
        return row.rejected()
    ssn_index, ssn_last4 = index_ssn(ssn), ssn[-4:]  # the number itself goes no further
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
        zip=zip_written,
        county=county,
        expired=expired,
        signature_ref=signature_ref,
        photo_ref=photo_ref,
        first_name_norm=first_name_norm,
        last_name_norm=last_name_norm,
    )
