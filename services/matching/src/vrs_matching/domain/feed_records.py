"""What a list-maintenance feed reports, as matching stores it: one record type per kind.

A record holds no full SSN (only its blind index and last four digits) and knows its natural
key: the identity that makes the same record, read twice by file or by event, one record.
"""

import hashlib
from dataclasses import dataclass
from datetime import date

OTHER_STATE_SOURCE = "other_state"
"""The one source of other-state records: the state that sends the notice (1.10.35.9 G)."""
NCOA_SOURCE = "ncoa"
"""The one source of change-of-address records: the SOS's NCOA vendor (1.10.35.9 A(1))."""


@dataclass(frozen=True)
class FeedRecord:
    """A record of any feed, ready for its table: no full SSN in it. Its fields after ``line``
    (the file line it was read from) are the table's columns, in order."""

    line: int
    natural_key: str


@dataclass(frozen=True)
class DeathRecord(FeedRecord):
    """A death, ready for ``death_records``."""

    first_name: str
    middle_name: str
    last_name: str
    suffix: str
    first_name_norm: str
    middle_name_norm: str
    last_name_norm: str
    suffix_norm: str
    date_of_birth: date
    ssn_index: str | None
    ssn_last4: str | None
    ssn_near: list[str]
    date_of_death: date
    county: str
    source: str


@dataclass(frozen=True)
class FelonyRecord(FeedRecord):
    """A felony incarceration, ready for ``felony_records``."""

    first_name: str
    middle_name: str
    last_name: str
    suffix: str
    first_name_norm: str
    middle_name_norm: str
    last_name_norm: str
    suffix_norm: str
    date_of_birth: date
    ssn_index: str | None
    ssn_last4: str | None
    ssn_near: list[str]
    facility: str
    incarcerated_on: date
    source: str


@dataclass(frozen=True)
class OtherStateRecord(FeedRecord):
    """Another state's notice of a registration, ready for ``other_state_records``."""

    first_name: str
    middle_name: str
    last_name: str
    suffix: str
    first_name_norm: str
    middle_name_norm: str
    last_name_norm: str
    suffix_norm: str
    date_of_birth: date
    ssn_last4: str | None
    state: str
    registered_on: date
    source: str


@dataclass(frozen=True)
class NcoaRecord(FeedRecord):
    """A change of address, ready for ``ncoa_records``; its old address is also normalised,
    since it is matched on name and old address."""

    first_name: str
    last_name: str
    first_name_norm: str
    last_name_norm: str
    old_street: str
    old_city: str
    old_zip: str
    old_street_norm: str
    old_zip5: str
    new_street: str
    new_city: str
    new_state: str
    new_zip: str
    move_date: date
    source: str


def natural_key(kind: str, *parts: object) -> str:
    """The identity of a record: SHA-256 (hex) of its kind and its normalised fields.

    Equal for the same record read twice, whatever the spelling the normalisation folds away;
    different as soon as any field differs. ``None`` reads as empty; the SSN enters only as its
    blind index, never as the number.
    """
    text = "\x1f".join([kind, *("" if part is None else str(part) for part in parts)])
    return hashlib.sha256(text.encode()).hexdigest()
