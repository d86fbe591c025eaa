"""One row of a list-maintenance feed (DESIGN.md, "Bulk file columns"), read into a record.

Four kinds, each named as ``vrs import`` names it, each with the columns promised in DESIGN.md
(extra columns are ignored):

- ``deaths`` (1.10.35.9 E(1): the DOH's list, ``source`` ``doh``; F(1): a tribe's or pueblo's
  notarized list, ``source`` ``tribal``);
- ``felony`` (1.10.35.9 D(1): ``source`` ``courts``, ``corrections``, ``justice`` or ``other``);
- ``other-state`` (1.10.35.9 G: another state's notice of a registration there);
- ``ncoa`` (1.10.35.9 A(1): a change of address of the national change of address program).

A row that comes as an event on ``vrs.feeds.v1`` is read by the same functions, so a record
means the same whichever way it came. The full SSN is read here and nowhere else: it is checked,
handed to the blind-index function and dropped; a record holds its index and last four digits
only. A problem names the line and the column and says what is wrong, never what the value was
(STYLE.md, habit 6).
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from vrs_contracts.counties import County
from vrs_contracts.events.feeds import DeathSource, FelonySource
from vrs_matching.domain.feed_records import (
    NCOA_SOURCE,
    OTHER_STATE_SOURCE,
    DeathRecord,
    FeedRecord,
    FelonyRecord,
    NcoaRecord,
    OtherStateRecord,
    natural_key,
)
from vrs_matching.domain.identity import normalise_name, normalise_street
from vrs_matching.domain.mvd_file import normalise_county
from vrs_plumbing import bulk_fields
from vrs_plumbing.bulk_fields import RejectedRow, RowCheck

DEATH_COLUMNS = (
    *bulk_fields.NAME_COLUMNS,
    "date_of_birth",
    "ssn",
    "date_of_death",
    "county",
    "source",
)
FELONY_COLUMNS = (
    *bulk_fields.NAME_COLUMNS,
    "date_of_birth",
    "ssn",
    "facility",
    "incarcerated_on",
    "source",
)
OTHER_STATE_COLUMNS = (
    *bulk_fields.NAME_COLUMNS,
    "date_of_birth",
    "ssn_last4",
    "state",
    "registered_on",
)
NCOA_COLUMNS = (
    "first_name",
    "last_name",
    "old_street",
    "old_city",
    "old_zip",
    "new_street",
    "new_city",
    "new_state",
    "new_zip",
    "move_date",
)
HOME_STATE = "NM"

MAX_LENGTHS = {
    "first_name": 100,
    "middle_name": 100,
    "last_name": 100,
    "suffix": 10,
    "facility": 200,
    "old_street": 200,
    "old_city": 100,
    "new_street": 200,
    "new_city": 100,
}


SsnIndexer = Callable[[str], tuple[str, tuple[str, ...]]]
"""Nine SSN digits to their blind index and near indexes (``vrs_plumbing.blind_index``)."""


class FeedRowReader(Protocol):
    """A kind's row check: the raw text by column, the line, the SSN's indexer and the day that
    bounds dates; a record, or the row rejected with every problem found."""

    def __call__(
        self,
        fields: Mapping[str, str],
        *,
        line: int,
        index_ssn: SsnIndexer,
        today: date,
    ) -> FeedRecord | RejectedRow: ...


@dataclass(frozen=True)
class FeedKind:
    """One kind of feed: its name (as ``vrs import`` takes it), promised columns, row check and
    record type."""

    name: str
    columns: tuple[str, ...]
    read_row: FeedRowReader
    record_type: type[FeedRecord]

    def missing_columns(self, header: Sequence[str]) -> list[str]:
        """The promised columns a header row lacks, in the promised order."""
        return bulk_fields.missing_columns(header, self.columns)


@dataclass(frozen=True)
class _Name:
    """A person's name as written and as normalised for comparison."""

    first: str
    middle: str
    last: str
    suffix: str

    @property
    def normalised(self) -> tuple[str, str, str, str]:
        return (
            normalise_name(self.first),
            normalise_name(self.middle),
            normalise_name(self.last),
            normalise_name(self.suffix),
        )

    def columns(self) -> dict[str, str]:
        """The record's name columns: as written, and as normalised."""
        first, middle, last, suffix = self.normalised
        return {
            "first_name": self.first,
            "middle_name": self.middle,
            "last_name": self.last,
            "suffix": self.suffix,
            "first_name_norm": first,
            "middle_name_norm": middle,
            "last_name_norm": last,
            "suffix_norm": suffix,
        }


def _read_name(row: RowCheck) -> _Name:
    """First and last name required and holding letters; middle name and suffix optional."""
    first, last = row.text("first_name", required=True), row.text("last_name", required=True)
    for column, written in (("first_name", first), ("last_name", last)):
        if written and not normalise_name(written):
            row.problem(column, "must contain letters")
    return _Name(first, row.text("middle_name"), last, row.text("suffix"))


def _date_of_birth(row: RowCheck, today: date) -> date | None:
    written = row.text("date_of_birth", required=True)
    return bulk_fields.date_until("date_of_birth", written, today, row.problem)


def _date_since_birth(
    row: RowCheck, column: str, today: date, date_of_birth: date | None
) -> date | None:
    """A required date, not in the future and not before the date of birth."""
    day = bulk_fields.date_until(column, row.text(column, required=True), today, row.problem)
    if day is not None and date_of_birth is not None and day < date_of_birth:
        row.problem(column, "must not be before date_of_birth")
        return None
    return day


def _code(row: RowCheck, column: str, codes: type[StrEnum]) -> str:
    """A required code of ``codes``, in any case; "" (and a problem) otherwise."""
    written = row.text(column, required=True).lower()
    if written and written not in codes.__members__:
        row.problem(column, f"must be one of {', '.join(codes.__members__)}")
        return ""
    return written


def _ssn(row: RowCheck, index_ssn: SsnIndexer) -> tuple[str | None, list[str], str | None]:
    """The optional full SSN as (blind index, near indexes, last four), or (None, [], None);
    the digits stop here."""
    digits = bulk_fields.ssn_digits(row.raw("ssn"), row.problem, required=False)
    if not digits:
        return None, [], None
    ssn_index, near = index_ssn(digits)
    return ssn_index, list(near), digits[-4:]


def read_death_row(
    fields: Mapping[str, str],
    *,
    line: int,
    index_ssn: SsnIndexer,
    today: date,
) -> DeathRecord | RejectedRow:
    """Check one row of a death list (1.10.35.9 E(1), F(1)) and make it a record.

    Name, date of birth, date of death (not before the birth) and source (``doh`` or
    ``tribal``) are required; the SSN (nine digits) and the county (a New Mexico county's code
    or name) may be blank. Every column is checked, so one pass names every problem of the row.
    """
    row = RowCheck(fields, line, MAX_LENGTHS)
    name = _read_name(row)
    date_of_birth = _date_of_birth(row, today)
    ssn_index, ssn_near, ssn_last4 = _ssn(row, index_ssn)
    date_of_death = _date_since_birth(row, "date_of_death", today, date_of_birth)
    county = normalise_county(row.text("county"))
    if county and county not in County.__members__:
        row.problem("county", "must be a county of New Mexico, e.g. santa_fe or Santa Fe")
    source = _code(row, "source", DeathSource)
    if row.problems or date_of_birth is None or date_of_death is None:
        return row.rejected()
    normalised = name.normalised
    return DeathRecord(
        line=line,
        natural_key=natural_key(
            "deaths", *normalised, date_of_birth, ssn_index, date_of_death, county, source
        ),
        **name.columns(),
        date_of_birth=date_of_birth,
        ssn_index=ssn_index,
        ssn_last4=ssn_last4,
        ssn_near=ssn_near,
        date_of_death=date_of_death,
        county=county,
        source=source,
    )


def read_felony_row(
    fields: Mapping[str, str],
    *,
    line: int,
    index_ssn: SsnIndexer,
    today: date,
) -> FelonyRecord | RejectedRow:
    """Check one row of a felony-incarceration list (1.10.35.9 D(1)) and make it a record.

    Name, date of birth, the date of incarceration (not before the birth) and source
    (``courts``, ``corrections``, ``justice`` or ``other``) are required; the SSN and the
    facility may be blank.
    """
    row = RowCheck(fields, line, MAX_LENGTHS)
    name = _read_name(row)
    date_of_birth = _date_of_birth(row, today)
    ssn_index, ssn_near, ssn_last4 = _ssn(row, index_ssn)
    facility = row.text("facility")
    incarcerated_on = _date_since_birth(row, "incarcerated_on", today, date_of_birth)
    source = _code(row, "source", FelonySource)
    if row.problems or date_of_birth is None or incarcerated_on is None:
        return row.rejected()
    normalised = name.normalised
    return FelonyRecord(
        line=line,
        natural_key=natural_key(
            "felony",
            *normalised,
            date_of_birth,
            ssn_index,
            normalise_street(facility),
            incarcerated_on,
            source,
        ),
        **name.columns(),
        date_of_birth=date_of_birth,
        ssn_index=ssn_index,
        ssn_last4=ssn_last4,
        ssn_near=ssn_near,
        facility=facility,
        incarcerated_on=incarcerated_on,
        source=source,
    )


def read_other_state_row(
    fields: Mapping[str, str],
    *,
    line: int,
    index_ssn: SsnIndexer,  # noqa: ARG001 - the notice has no full SSN; one signature for every kind
    today: date,
) -> OtherStateRecord | RejectedRow:
    """Check one row of other states' notices (1.10.35.9 G) and make it a record.

    Name, date of birth, the state (a two-letter code other than NM) and the date of the
    registration there (not before the birth) are required; the last four SSN digits may be
    blank.
    """
    row = RowCheck(fields, line, MAX_LENGTHS)
    name = _read_name(row)
    date_of_birth = _date_of_birth(row, today)
    ssn_last4 = row.text("ssn_last4") or None
    if ssn_last4 is not None and not (
        len(ssn_last4) == 4 and ssn_last4.isascii() and ssn_last4.isdigit()
    ):
        row.problem("ssn_last4", "must be four digits")
    state = bulk_fields.state_code("state", row.text("state", required=True), row.problem)
    if state == HOME_STATE:
        row.problem("state", "must be another state than NM")
    registered_on = _date_since_birth(row, "registered_on", today, date_of_birth)
    if row.problems or date_of_birth is None or registered_on is None:
        return row.rejected()
    normalised = name.normalised
    return OtherStateRecord(
        line=line,
        natural_key=natural_key(
            "other-state", *normalised, date_of_birth, ssn_last4, state, registered_on
        ),
        **name.columns(),
        date_of_birth=date_of_birth,
        ssn_last4=ssn_last4,
        state=state,
        registered_on=registered_on,
        source=OTHER_STATE_SOURCE,
    )


def read_ncoa_row(
    fields: Mapping[str, str],
    *,
    line: int,
    index_ssn: SsnIndexer,  # noqa: ARG001 - NCOA has no SSN; one signature for every kind
    today: date,
) -> NcoaRecord | RejectedRow:
    """Check one row of an NCOA file (1.10.35.9 A(1)) and make it a record.

    Name, old street, old ZIP (the record is matched on name and old address) and the date of
    the move are required; the new address may be blank (a move with no forwarding address).
    """
    row = RowCheck(fields, line, MAX_LENGTHS)
    name = _read_name(row)  # the file has no middle name or suffix: they read as blank
    old_street = row.text("old_street", required=True)
    old_street_norm = normalise_street(old_street)
    if old_street and not old_street_norm:
        row.problem("old_street", "must contain letters or digits")
    old_city = row.text("old_city")
    old_zip = bulk_fields.zip_code("old_zip", row.text("old_zip", required=True), row.problem)
    new_street = row.text("new_street")
    new_city = row.text("new_city")
    new_state = bulk_fields.state_code("new_state", row.text("new_state"), row.problem)
    new_zip = bulk_fields.zip_code("new_zip", row.text("new_zip"), row.problem)
    move_date = bulk_fields.date_until(
        "move_date", row.text("move_date", required=True), today, row.problem
    )
    if row.problems or move_date is None:
        return row.rejected()
    old_zip5 = old_zip[:5]
    first_norm, _, last_norm, _ = name.normalised
    return NcoaRecord(
        line=line,
        natural_key=natural_key(
            "ncoa",
            first_norm,
            last_norm,
            old_street_norm,
            normalise_street(old_city),
            old_zip5,
            normalise_street(new_street),
            normalise_street(new_city),
            new_state,
            new_zip[:5],
            move_date,
        ),
        first_name=name.first,
        last_name=name.last,
        first_name_norm=first_norm,
        last_name_norm=last_norm,
        old_street=old_street,
        old_city=old_city,
        old_zip=old_zip,
        old_street_norm=old_street_norm,
        old_zip5=old_zip5,
        new_street=new_street,
        new_city=new_city,
        new_state=new_state,
        new_zip=new_zip,
        move_date=move_date,
        source=NCOA_SOURCE,
    )


DEATHS = FeedKind("deaths", DEATH_COLUMNS, read_death_row, DeathRecord)
FELONY = FeedKind("felony", FELONY_COLUMNS, read_felony_row, FelonyRecord)
OTHER_STATE = FeedKind("other-state", OTHER_STATE_COLUMNS, read_other_state_row, OtherStateRecord)
NCOA = FeedKind("ncoa", NCOA_COLUMNS, read_ncoa_row, NcoaRecord)
FEED_KINDS: dict[str, FeedKind] = {kind.name: kind for kind in (DEATHS, FELONY, OTHER_STATE, NCOA)}
"""Every kind of feed by the name ``vrs import`` takes."""
