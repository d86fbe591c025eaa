"""The forms one person's name takes across records: nicknames, double surnames, suffixes, sounds.

Shared by the scorer and the blocking keys so that both read a name the same way. Names arrive
normalised (identity.normalise_name: upper case, no accents, hyphens as spaces).

- Nicknames come from the ``nicknames`` package, a hand-curated dataset of English given names
  and their nicknames (Bob ~ Robert), not from a list of our own.
- A Hispanic double surname (GARCIA LOPEZ) is often written with one surname, with a hyphen or
  with a space; its particles (DE, LA, DEL, Y …) identify nobody and are left out of comparisons.
- A generational suffix (Jr, Sr, II, III …) is read in one canonical form, so JUNIOR = JR.
- The sound of a name part is its Metaphone code (``jellyfish``), so GONZALES = GONZALEZ.
"""

from functools import lru_cache

import jellyfish
from nicknames import NickNamer

PARTICLES = frozenset({"DE", "DEL", "LA", "LAS", "LOS", "Y", "E", "DA", "DI", "VAN", "VON"})

_SUFFIXES = {
    "JR": "JR",
    "JUNIOR": "JR",
    "SR": "SR",
    "SENIOR": "SR",
    "I": "I",
    "II": "II",
    "III": "III",
    "IV": "IV",
    "V": "V",
}


def _nickname_groups() -> dict[str, frozenset[str]]:
    """Every name of the dataset with the canonical names it stands for (itself included)."""
    canonicals = NickNamer().canonical_lookup
    groups: dict[str, set[str]] = {}
    for nickname, names in canonicals.items():
        groups.setdefault(nickname.upper(), {nickname.upper()}).update(n.upper() for n in names)
        for name in names:
            groups.setdefault(name.upper(), {name.upper()})
    return {name: frozenset(group) for name, group in groups.items()}


_NICKNAME_GROUPS = _nickname_groups()


def are_nicknames(a: str, b: str) -> bool:
    """Whether two different given names are one name and its nickname, or two nicknames of one
    name (BOB ~ ROBERT, BOB ~ ROB), in the curated dataset."""
    group_a = _NICKNAME_GROUPS.get(a)
    group_b = _NICKNAME_GROUPS.get(b)
    return group_a is not None and group_b is not None and not group_a.isdisjoint(group_b)


@lru_cache(maxsize=65536)
def significant_parts(name: str) -> tuple[str, ...]:
    """The words of a name that identify someone: particles and lone initials left out
    (cached: a voter file repeats its names)."""
    return tuple(part for part in name.split() if len(part) > 1 and part not in PARTICLES)


def generational_suffix(suffix: str) -> str:
    """The canonical form of a normalised suffix (JUNIOR → JR); other text stays as written."""
    return _SUFFIXES.get(suffix.replace(" ", ""), suffix)


@lru_cache(maxsize=65536)
def sound_of(part: str) -> str:
    """The Metaphone code of one name part (cached: a voter file repeats its names)."""
    return jellyfish.metaphone(part)
