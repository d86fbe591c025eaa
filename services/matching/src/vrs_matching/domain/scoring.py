"""How alike two records are beyond the rule's literal match, and which pairs to raise.

The rule fixes two matches exactly (identity.py): strong (1.10.35.7 JJ) and weak (1.10.35.7 SS).
It also lets the clerk search with criteria of its own to avoid duplicates (1.10.35.8 A(1)).
This module is those extra criteria: a score in [0, 1] that reads past typos, nicknames, a
transposed day and month, one surname of a double surname, accents, swapped first and last names
and SSNs known only by their last four; with the per-field evidence a clerk reads to see why two
records were paired, and the contrary evidence that keeps a likely duplicate from being raised
as one (two different full SSNs, Jr against Sr, twins, dates of birth a generation apart).

The score adds up bits of evidence in the manner of Fellegi and Sunter: each field's comparison
level weighs about log2 of how much likelier it is between two records of one person than
between two records of two people (a full SSN agreeing weighs far more than an address, which a
household shares). Two records drawn at random from a statewide file of 1.4 million voters are
one person about once in four million pairs (some 22 bits against), so the score is the sum
read through a logistic curve centred there: it reads as the chance that the two records are
one person. A file of another size moves the centre by the ratio of the sizes (twice the records,
twice the pairs for each true one: one bit more against): ``Thresholds.file_records`` says how
many records the searched file holds. A likely duplicate needs 0.8; a clerk's maintenance queue
takes, besides every literal weak match, anything from 0.015 (one chance in seventy).

Two full SSNs that differ by one mistyped digit or two swapped neighbours (their near indexes
meet, docs/adr/0041) are one number written wrong once, not two numbers: that weighs for the pair
and is no contrary evidence, though it never makes the SSN field agree (1.10.35.7 JJ, SS).
"""

import math
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from rapidfuzz.distance import JaroWinkler

from vrs_contracts.vocabulary import MatchStrength
from vrs_matching.domain.identity import Field, Identity, agreeing_fields, match_strength
from vrs_matching.domain.name_forms import are_nicknames, generational_suffix, significant_parts

STATEWIDE_RECORDS = 1_400_000
"""About how many records New Mexico's voter file holds: the file ``_MIDPOINT_BITS`` is for."""
_MIDPOINT_BITS = 22.0
_BITS_PER_DOUBLING = 1.0
_GENERATION_YEARS = 12


class Contrary(StrEnum):
    """Evidence that two records are two people, whatever else agrees."""

    different_full_ssn = "different_full_ssn"
    different_ssn_last4 = "different_ssn_last4"
    generational_suffix = "generational_suffix"
    twins = "twins"
    dob_far_apart = "dob_far_apart"


@dataclass(frozen=True)
class FieldEvidence:
    """How one field compares between two records, as a clerk reads it.

    ``agrees`` is the literal agreement of 1.10.35.7 SS for that field (the same after
    normalisation); ``similarity`` in [0, 1] is how alike the two statements are; ``note`` is a
    short code-like explanation ("nickname: BOB~ROBERT", "day and month transposed"). A note
    never holds an SSN, any part of one, or a blind index.
    """

    field: str
    agrees: bool
    similarity: float
    note: str


@dataclass(frozen=True)
class Comparison:
    """Two records compared: the rule's strength, the score that ranks them, and why."""

    strength: MatchStrength
    agreeing_fields: frozenset[Field]
    score: float
    evidence: tuple[FieldEvidence, ...]
    contrary: tuple[str, ...]


@dataclass(frozen=True)
class Thresholds:
    """Where the score raises a pair, for review and as a likely duplicate, and how many records
    the searched file holds, which sets the odds that two records are one person (configuration)."""

    review: float = 0.015
    duplicate: float = 0.8
    file_records: int = STATEWIDE_RECORDS

    def __post_init__(self) -> None:
        for name in ("review", "duplicate"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} threshold must lie between 0 and 1, not {value}")
        if self.file_records < 2:
            raise ValueError(f"a file to search holds at least 2 records, not {self.file_records}")

    @property
    def midpoint_bits(self) -> float:
        """The bits of evidence at which two records of a file this size are even odds."""
        return _MIDPOINT_BITS + math.log2(self.file_records / STATEWIDE_RECORDS)


DEFAULT_THRESHOLDS = Thresholds()


class _Verdict(NamedTuple):
    evidence: FieldEvidence
    bits: float


def _verdict(field: str, similarity: float, note: str, bits: float) -> _Verdict:
    return _Verdict(FieldEvidence(field, similarity == 1.0, similarity, note), bits)


_UNSTATED = {
    field: _verdict(field, 0.0, "not stated on both records", 0.0)
    for field in ("first_name", "last_name", "date_of_birth", "ssn", "address")
}


def compare(a: Identity, b: Identity, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Comparison:
    """Compare two records: the literal strength (1.10.35.7 JJ, SS), the score of the extra
    criteria (1.10.35.8 A(1)) in a file of ``thresholds.file_records``, the evidence for each
    field and any contrary evidence."""
    names = _names(a, b)
    dob, dob_years_apart = _dates_of_birth(a.date_of_birth, b.date_of_birth)
    ssn = _ssns(a, b)
    address = _addresses(a, b)
    verdicts = [*names, dob, ssn, address]
    contrary: list[str] = []
    if ssn.evidence.note == _DIFFERENT_FULL_SSNS:
        contrary.append(Contrary.different_full_ssn)
    elif ssn.evidence.note == _DIFFERENT_LAST4:
        contrary.append(Contrary.different_ssn_last4)
    middle = _middle_names(a.middle_name, b.middle_name)
    if middle is not None:
        verdicts.append(middle)
    suffix = _suffixes(a.suffix, b.suffix)
    if suffix is not None:
        verdicts.append(suffix)
        if suffix.bits < 0:
            contrary.append(Contrary.generational_suffix)
    if dob_years_apart >= _GENERATION_YEARS and not ssn.evidence.agrees:
        # A generation apart is father and son, unless one full SSN says it is one person
        # whose date of birth was written wrong once.
        contrary.append(Contrary.dob_far_apart)
    if (
        dob.evidence.agrees
        and address.evidence.agrees
        and names[0].bits < 0
        and (ssn.bits <= 0 or ssn.evidence.note == _NEAR_SSNS)
    ):
        # Twins share a birthday and a home; a first name apart and no SSN in common tell them
        # from one person written twice. Twins' SSNs are often issued one after the other, so
        # SSNs a digit apart do not tell them from one person.
        contrary.append(Contrary.twins)
    agree = agreeing_fields(a, b)
    bits = sum(v.bits for v in verdicts)
    return Comparison(
        strength=match_strength(agree),
        agreeing_fields=agree,
        score=_chance(bits, thresholds.midpoint_bits),
        evidence=tuple(v.evidence for v in verdicts),
        contrary=tuple(contrary),
    )


def _chance(bits: float, midpoint_bits: float) -> float:
    """The chance the evidence gives, to four decimals, rounded down: only a certainty reads 1.0,
    so a duplicate threshold of 1.0 raises no likely duplicate at all."""
    chance: float = 1.0 / (1.0 + 2.0 ** ((midpoint_bits - bits) / _BITS_PER_DOUBLING))
    return math.floor(chance * 10_000) / 10_000


def raise_as_duplicate(c: Comparison, t: Thresholds) -> bool:
    """Duplicate search and the statewide sweep (1.10.35.7 L, 1.10.35.8 A(1)).

    The search shall use the strong match; the weak criteria are optional ("may"), so besides
    every strong pair only a likely duplicate is raised: a score of at least ``t.duplicate`` and
    no contrary evidence. Twins and father and son are never strong and never raised.
    """
    if c.strength is MatchStrength.strong:
        return True
    return c.score >= t.duplicate and not c.contrary


def raise_for_maintenance(c: Comparison, t: Thresholds) -> bool:
    """Deaths, felony incarcerations, other-state notices (1.10.35.9 D(1), E(1), F(2), G).

    The clerk shall investigate every weak match, so every pair meeting the literal definition
    (two of the four fields agree) is raised, contrary evidence or not, besides every strong one
    and every pair scoring at least ``t.review``.
    """
    return c.strength is not MatchStrength.none or c.score >= t.review


# --- names -------------------------------------------------------------------------------------


def _names(a: Identity, b: Identity) -> tuple[_Verdict, _Verdict]:
    """First and last name, read straight or, where that reads better, swapped."""
    first = _given_names(a, b)
    last = _surnames("last_name", a.last_name, b.last_name)
    straight = first.bits + last.bits
    if (
        straight >= 9.0
        or not (a.first_name and a.last_name and b.first_name and b.last_name)
        or (a.first_name[0] != b.last_name[0] and a.last_name[0] != b.first_name[0])
    ):
        # Read straight: it reads well, or a swap cannot read better (no crossed initial agrees).
        return first, last
    crossed_first = _surnames("first_name", a.first_name, b.last_name)
    crossed_last = _surnames("last_name", a.last_name, b.first_name)
    swapped = crossed_first.bits + crossed_last.bits - 1.0
    if swapped <= straight:
        return first, last
    note = "first and last swapped"
    return (
        _verdict("first_name", min(crossed_first.evidence.similarity, 0.95), note, swapped / 2),
        _verdict("last_name", min(crossed_last.evidence.similarity, 0.95), note, swapped / 2),
    )


def _given_names(a: Identity, b: Identity) -> _Verdict:  # noqa: PLR0911 - one return per comparison level, most telling first
    first_a, first_b = a.first_name, b.first_name
    if not first_a or not first_b:
        return _UNSTATED["first_name"]
    if first_a == first_b:
        return _verdict("first_name", 1.0, "same", 6.5)
    if are_nicknames(first_a, first_b):
        pair = "~".join(sorted((first_a, first_b)))
        return _verdict("first_name", 0.9, f"nickname: {pair}", 4.5)
    words_a, words_b = set(first_a.split()), set(first_b.split())
    if words_a < words_b or words_b < words_a:
        return _verdict("first_name", 0.9, "one of two given names", 4.5)
    if (first_b == a.middle_name and not b.middle_name) or (
        first_a == b.middle_name and not a.middle_name
    ):
        # One record gives the middle name as the first and, so, no middle name of its own.
        return _verdict("first_name", 0.8, "goes by the middle name", 3.5)
    if (len(first_a) == 1 or len(first_b) == 1) and first_a[0] == first_b[0]:
        return _verdict("first_name", 0.6, "initial only", -1.0)
    similarity = JaroWinkler.normalized_similarity(first_a, first_b)
    if similarity >= 0.9:
        return _verdict("first_name", similarity, "spelling differs", 3.5)
    if similarity >= 0.8:
        return _verdict("first_name", similarity, "spelling differs", 0.0)
    return _verdict("first_name", similarity, "different", -5.5)


def _surnames(field: str, last_a: str, last_b: str) -> _Verdict:  # noqa: PLR0911 - one return per comparison level, most telling first
    if not last_a or not last_b:
        return _UNSTATED[field]
    if last_a == last_b:
        return _verdict(field, 1.0, "same", 7.0)
    if last_a.replace(" ", "") == last_b.replace(" ", ""):
        return _verdict(field, 0.95, "double surname written as one word", 7.0)
    parts_a, parts_b = set(significant_parts(last_a)), set(significant_parts(last_b))
    if parts_a and parts_b and (parts_a <= parts_b or parts_b <= parts_a):
        return _verdict(field, 0.9, "one surname of a double surname", 5.0)
    similarity = JaroWinkler.normalized_similarity(last_a, last_b)
    if similarity >= 0.92:
        return _verdict(field, similarity, "spelling differs", 4.5)
    if parts_a and parts_b and (len(parts_a) > 1 or len(parts_b) > 1):
        closest = max(JaroWinkler.normalized_similarity(x, y) for x in parts_a for y in parts_b)
        if closest == 1.0:
            return _verdict(field, 0.6, "one surname in common", 0.0)
        if closest >= 0.92:
            return _verdict(field, 0.8, "one surname of a double surname, spelt differently", 3.5)
    if similarity >= 0.85:
        return _verdict(field, similarity, "spelling differs", 0.0)
    return _verdict(field, similarity, "different", -5.5)


def _middle_names(middle_a: str, middle_b: str) -> _Verdict | None:
    if not middle_a or not middle_b:
        return None
    if middle_a == middle_b:
        return _verdict("middle_name", 1.0, "same", 2.0)
    if (len(middle_a) == 1 or len(middle_b) == 1) and middle_a[0] == middle_b[0]:
        return _verdict("middle_name", 0.6, "initial agrees", 1.0)
    similarity = JaroWinkler.normalized_similarity(middle_a, middle_b)
    if similarity >= 0.9:
        return _verdict("middle_name", similarity, "spelling differs", 0.5)
    return _verdict("middle_name", similarity, "different", -3.0)


def _suffixes(suffix_a: str, suffix_b: str) -> _Verdict | None:
    if not suffix_a or not suffix_b:
        return None
    canonical_a, canonical_b = generational_suffix(suffix_a), generational_suffix(suffix_b)
    if canonical_a == canonical_b:
        return _verdict("suffix", 1.0, "same", 0.5)
    return _verdict("suffix", 0.0, f"{canonical_a} against {canonical_b}", -6.0)


# --- date of birth, SSN, address ------------------------------------------------------------


def _dates_of_birth(  # noqa: PLR0911 - one return per comparison level, most telling first
    dob_a: date | None, dob_b: date | None
) -> tuple[_Verdict, float]:
    """The verdict on two dates of birth, and how many years apart they are when no typo
    explains the difference (0 otherwise)."""
    if dob_a is None or dob_b is None:
        return _UNSTATED["date_of_birth"], 0.0
    if dob_a == dob_b:
        return _verdict("date_of_birth", 1.0, "same", 14.5), 0.0
    if dob_a.year == dob_b.year and (dob_a.month, dob_a.day) == (dob_b.day, dob_b.month):
        return _verdict("date_of_birth", 0.85, "day and month transposed", 9.5), 0.0
    written_a, written_b = f"{dob_a:%Y%m%d}", f"{dob_b:%Y%m%d}"
    differ = [i for i in range(8) if written_a[i] != written_b[i]]
    if len(differ) == 1:
        return _verdict("date_of_birth", 0.75, "one digit differs", 5.0), 0.0
    if (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and written_a[differ[0]] == written_b[differ[1]]
        and written_a[differ[1]] == written_b[differ[0]]
    ):
        return _verdict("date_of_birth", 0.75, "two digits transposed", 5.0), 0.0
    years = abs((dob_a - dob_b).days) / 365.25
    if years < 1:
        return _verdict("date_of_birth", 0.3, "less than a year apart", -1.5), years
    if years < _GENERATION_YEARS:
        return _verdict("date_of_birth", 0.1, f"{int(years)} years apart", -5.5), years
    return _verdict("date_of_birth", 0.0, f"{int(years)} years apart", -8.0), years


_DIFFERENT_FULL_SSNS = "different full SSNs"
_NEAR_SSNS = "full SSNs one digit apart (a typo or two digits swapped)"
_DIFFERENT_LAST4 = "last four of SSN differ"


def _ssns(a: Identity, b: Identity) -> _Verdict:
    """Full SSNs by their blind indexes, and their near indexes for a typo; else the last four
    digits, which agree by chance once in ten thousand pairs and so weigh less. Only the full
    SSN makes the field agree (1.10.35.7 SS).

    Two people's SSNs lie a typo apart about once in a million pairs, and one person's SSN is
    mistyped perhaps once in fifty forms: some sixteen bits. It counts ten, less than the last
    four agreeing, so that SSNs a typo apart never outweigh a name and a birth date apart."""
    if a.ssn_index and b.ssn_index:
        if a.ssn_index == b.ssn_index:
            return _verdict("ssn", 1.0, "full SSN agrees", 20.0)
        if a.ssn_near & b.ssn_near:
            return _verdict("ssn", 0.7, _NEAR_SSNS, 10.0)
        return _verdict("ssn", 0.0, _DIFFERENT_FULL_SSNS, -5.5)
    if a.ssn_last4 and b.ssn_last4:
        if a.ssn_last4 == b.ssn_last4:
            return _verdict("ssn", 0.8, "last four of SSN agree", 13.0)
        return _verdict("ssn", 0.0, _DIFFERENT_LAST4, -5.5)
    return _UNSTATED["ssn"]


def _addresses(a: Identity, b: Identity) -> _Verdict:
    """Residence addresses weigh little: a household shares one, and a duplicate across counties
    is a person who moved."""
    if not (a.street and a.zip5 and b.street and b.zip5):
        return _UNSTATED["address"]
    if a.street == b.street and a.zip5 == b.zip5:
        return _verdict("address", 1.0, "same", 4.0)
    similarity = JaroWinkler.normalized_similarity(a.street, b.street)
    if a.zip5 == b.zip5:
        if similarity >= 0.9:
            return _verdict("address", similarity, "street spelt differently", 2.0)
        return _verdict("address", 0.2, "same zip code only", 0.0)
    return _verdict("address", 0.0, "different", -1.0)
