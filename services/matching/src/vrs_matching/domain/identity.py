"""Who a record says a person is, normalised for comparison, and the rule's match strengths.

Normalisation (documented because a strong match compares names "the same", 1.10.35.7 JJ):
accents removed (Peña = Pena), upper case, hyphens and apostrophes read as spaces, anything that
is not a letter or space dropped, runs of spaces folded. Nothing else: nicknames, typos and
re-ordered surnames are for the weak criteria, never for a strong match.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from vrs_contracts.vocabulary import MatchStrength

_APOSTROPHES_AND_HYPHENS = re.compile(r"[-'’]")
_NOT_LETTERS = re.compile(r"[^A-Z ]")
_SPACES = re.compile(r"\s+")


class Field(StrEnum):
    """The four fields of 1.10.35.7 SS."""

    name = "name"
    date_of_birth = "date_of_birth"
    ssn = "ssn"
    address = "address"


def normalise_name(text: str | None) -> str:
    """A name part as the comparison reads it (see the module docstring)."""
    if not text:
        return ""
    if text.isascii():  # no accents to remove: the bulk loads' common case, kept fast
        stripped = text.upper()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()
    spaced = _APOSTROPHES_AND_HYPHENS.sub(" ", stripped)
    letters = _NOT_LETTERS.sub("", spaced)
    return _SPACES.sub(" ", letters).strip()


def normalise_street(text: str | None) -> str:
    """A street line folded the same way, digits kept."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()
    return re.sub(r"\s+", " ", re.sub(r"[^A-Z0-9 ]", " ", stripped)).strip()


@dataclass(frozen=True)
class Identity:
    """A person as one record states it, already normalised.

    Only what identifies a person: never party, gender, age group or any other protected class
    (1.10.35.9: list maintenance is uniform and non-discriminatory), so the matcher cannot read
    them. ``ssn_last4`` is what a record states when the full SSN is unknown (or beside its blind
    index); it never makes the SSN field agree for 1.10.35.7 SS. ``ssn_near`` holds the SSN's
    near indexes (``vrs_plumbing.blind_index.ssn_near_indexes``), empty where the full SSN was
    not known to whoever indexed it: two SSNs one typo apart share one.
    """

    first_name: str
    last_name: str
    date_of_birth: date | None
    ssn_index: str | None
    street: str
    zip5: str
    middle_name: str = ""
    suffix: str = ""
    ssn_last4: str | None = None
    ssn_near: frozenset[str] = frozenset()

    @property
    def name(self) -> str:
        """First and last name together."""
        return f"{self.first_name} {self.last_name}"


def agreeing_fields(a: Identity, b: Identity) -> frozenset[Field]:
    """Which of the four fields of 1.10.35.7 SS agree between two records.

    A field agrees only when both records state it and the statements are equal; an SSN agrees
    only on the full number (both blind indexes present and equal), never on the last four.
    """
    agree: set[Field] = set()
    if a.first_name and a.last_name and a.name == b.name:
        agree.add(Field.name)
    if a.date_of_birth is not None and a.date_of_birth == b.date_of_birth:
        agree.add(Field.date_of_birth)
    if a.ssn_index and a.ssn_index == b.ssn_index:
        agree.add(Field.ssn)
    if a.street and a.zip5 and (a.street, a.zip5) == (b.street, b.zip5):
        agree.add(Field.address)
    return frozenset(agree)


def match_strength(agree: frozenset[Field]) -> MatchStrength:
    """1.10.35.7 JJ and SS: strong is name, DOB and full SSN; weak is any two of the four."""
    if {Field.name, Field.date_of_birth, Field.ssn} <= agree:
        return MatchStrength.strong
    if len(agree) >= 2:
        return MatchStrength.weak
    return MatchStrength.none
