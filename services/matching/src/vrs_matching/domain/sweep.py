"""The statewide duplicate sweep: every duplicate pair of the voter file, once (1.10.35.7 L).

A duplicate search verifies that no voter is registered in more than one county, or more than
once in one county. Over the whole file that is a sweep: the records are blocked one blocking
rule at a time (so only one rule's blocks are held at once), each pair sharing a block is
compared, and every pair ``raise_as_duplicate`` raises is given once, its source ids in order.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from vrs_matching.domain.blocking import BLOCKING_RULES, BlockingRule
from vrs_matching.domain.identity import Identity
from vrs_matching.domain.scoring import (
    DEFAULT_THRESHOLDS,
    Comparison,
    Thresholds,
    compare,
    raise_as_duplicate,
)

MAX_BLOCK = 1000
"""A key shared by more records than this identifies nobody (a placeholder date of birth, a
default SSN): its block is not compared, or one bad value would cost a million comparisons."""


@dataclass(frozen=True)
class ScoredPair:
    """Two records raised as duplicates, by source id (``a`` < ``b``), and why."""

    a: str
    b: str
    comparison: Comparison


def duplicate_pairs(
    records: Iterable[tuple[str, Identity]], thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> Iterator[ScoredPair]:
    """Every pair of ``records`` (source id, identity) that ``raise_as_duplicate`` raises, once."""
    return pairs_raised(
        records, lambda comparison: raise_as_duplicate(comparison, thresholds), thresholds
    )


def pairs_raised(
    records: Iterable[tuple[str, Identity]],
    raise_pair: Callable[[Comparison], bool],
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Iterator[ScoredPair]:
    """Every pair of ``records`` sharing a blocking key that ``raise_pair`` raises, once, each
    scored as a pair of a file of ``thresholds.file_records``.

    Memory holds the records, one blocking rule's blocks and the pairs raised so far; a pair
    that is not raised may be compared again under another rule, which costs less than
    remembering every pair compared.
    """
    ids: list[str] = []
    people: list[Identity] = []
    for source_id, person in records:
        ids.append(source_id)
        people.append(person)
    raised: set[tuple[int, int]] = set()
    for rule in BLOCKING_RULES:
        for members in _blocks(rule, people):
            for x, y in combinations(members, 2):
                if (x, y) in raised:
                    continue
                first, second = (x, y) if ids[x] < ids[y] else (y, x)
                comparison = compare(people[first], people[second], thresholds)
                if raise_pair(comparison):
                    raised.add((x, y))
                    yield ScoredPair(ids[first], ids[second], comparison)


def _blocks(rule: BlockingRule, people: list[Identity]) -> Iterator[list[int]]:
    """The blocks of one rule worth comparing: more than one record, at most ``MAX_BLOCK``."""
    blocks: dict[str, list[int]] = {}
    for index, person in enumerate(people):
        for key in set(rule(person)):
            blocks.setdefault(key, []).append(index)
    for members in blocks.values():
        if 1 < len(members) <= MAX_BLOCK:
            yield members
