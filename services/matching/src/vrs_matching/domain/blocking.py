"""Blocking keys: which records are worth comparing at all (the candidates of a search).

Comparing every pair of a 1.4-million-voter file is a trillion comparisons; records that share
a key are compared, the others never. The keys are chosen so that two records of one person
share at least one of them despite the corruptions a voter file carries, and so that each key
is shared by few people who are not one:

- the full SSN (its blind index), and each of its near indexes (a typo or two digits swapped);
- the last four of the SSN with the year of birth, or with the day and month of birth (a typo in
  the other part of the date, day and month transposed), or with each surname's sound (no date);
- the date of birth, day and month unordered (so a transposition keeps the key), with the sound
  of each part of the first and last names: a nickname, a typo in one name, one surname of a
  double surname (or one run together), accents and first and last swapped all keep one;
- the date of birth with the two initials (typos in both names), or with the zip code;
- the sound of the first and last names with two of the three parts of the date of birth (a
  typo in the third) or with the zip code (the same name at one address area, no date).

Sounds are Metaphone codes (name_forms.sound_of); particles and initials make no key.
"""

from collections.abc import Callable, Iterator
from datetime import date
from functools import lru_cache

from vrs_matching.domain.identity import Identity
from vrs_matching.domain.name_forms import significant_parts, sound_of

BlockingRule = Callable[[Identity], Iterator[str]]


@lru_cache(maxsize=1 << 18)
def _sounds(name: str) -> tuple[str, ...]:
    """The sound of each part of a name, and of a double name run together (MARTINEZOTERO);
    cached, as a voter file repeats its names."""
    parts = significant_parts(name)
    if len(parts) > 1:
        parts = (*parts, "".join(parts))
    return tuple(code for code in (sound_of(part) for part in parts) if code)


def _day_and_month(born: date) -> str:
    """Day and month of birth in an order that a transposition does not change."""
    low, high = sorted((born.month, born.day))
    return f"{low:02d}{high:02d}"


def by_ssn(p: Identity) -> Iterator[str]:
    """The full SSN, by its blind index."""
    if p.ssn_index:
        yield f"ssn:{p.ssn_index}"


def by_ssn_near(p: Identity) -> Iterator[str]:
    """The SSN with one digit left out, by its near indexes: a mistyped SSN keeps one."""
    for near in p.ssn_near:
        yield f"ssnn:{near}"


def by_last4(p: Identity) -> Iterator[str]:
    """The last four of the SSN with part of the date of birth, or with each surname's sound."""
    if not p.ssn_last4:
        return
    if p.date_of_birth is not None:
        yield f"l4y:{p.ssn_last4}:{p.date_of_birth.year}"
        yield f"l4md:{p.ssn_last4}:{_day_and_month(p.date_of_birth)}"
    for code in _sounds(p.last_name):
        yield f"l4n:{p.ssn_last4}:{code}"


def by_birth_and_name_part(p: Identity) -> Iterator[str]:
    """The date of birth (day and month unordered) with the sound of each name part."""
    if p.date_of_birth is None:
        return
    born = f"{p.date_of_birth.year}{_day_and_month(p.date_of_birth)}"
    for code in {*_sounds(p.first_name), *_sounds(p.last_name)}:
        yield f"dn:{born}:{code}"


def by_birth_and_initials(p: Identity) -> Iterator[str]:
    """The date of birth (day and month unordered) with the initials of the first given name
    and the first surname, either way round (particles and initials do not count): typos in
    both names that change both their sounds keep it."""
    given, surnames = significant_parts(p.first_name), significant_parts(p.last_name)
    if p.date_of_birth is None or not given or not surnames:
        return
    born = f"{p.date_of_birth.year}{_day_and_month(p.date_of_birth)}"
    yield f"di:{born}:{''.join(sorted((given[0][0], surnames[0][0])))}"


def by_birth_and_zip(p: Identity) -> Iterator[str]:
    """The date of birth (day and month unordered) with the zip code: names written past
    recognition at one address area."""
    if p.date_of_birth is not None and p.zip5:
        yield f"dz:{p.date_of_birth.year}{_day_and_month(p.date_of_birth)}:{p.zip5}"


def by_name_and_part_of_birth(p: Identity) -> Iterator[str]:
    """The sound of the whole name with two of the three parts of the date of birth."""
    if p.date_of_birth is None:
        return
    born = p.date_of_birth
    for name in _whole_name_sounds(p):
        yield f"ym:{born.year}{born.month:02d}:{name}"
        yield f"yd:{born.year}{born.day:02d}:{name}"
        yield f"md:{born.month:02d}{born.day:02d}:{name}"


def by_name_and_zip(p: Identity) -> Iterator[str]:
    """The sound of the whole name with the zip code."""
    if p.zip5:
        for name in _whole_name_sounds(p):
            yield f"nz:{p.zip5}:{name}"


def _whole_name_sounds(p: Identity) -> tuple[str, ...]:
    return _first_with_each_surname(p.first_name, p.last_name)


@lru_cache(maxsize=1 << 18)
def _first_with_each_surname(first_name: str, last_name: str) -> tuple[str, ...]:
    """The first given name's sound with each surname's sound."""
    given = _sounds(first_name)
    if not given:
        return ()
    return tuple(f"{given[0]}|{surname}" for surname in _sounds(last_name))


BLOCKING_RULES: tuple[BlockingRule, ...] = (
    by_ssn,
    by_ssn_near,
    by_last4,
    by_birth_and_name_part,
    by_birth_and_initials,
    by_birth_and_zip,
    by_name_and_part_of_birth,
    by_name_and_zip,
)


def blocking_keys(p: Identity) -> frozenset[str]:
    """Every blocking key of a record; two records sharing any one of them are candidates."""
    return frozenset(key for rule in BLOCKING_RULES for key in rule(p))
