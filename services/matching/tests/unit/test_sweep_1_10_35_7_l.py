"""The statewide duplicate sweep (1.10.35.7 L): every duplicate pair once, hard negatives never."""

from dataclasses import replace
from datetime import date

from vrs_contracts.vocabulary import MatchStrength
from vrs_matching.domain.identity import Identity
from vrs_matching.domain.scoring import Thresholds, raise_for_maintenance
from vrs_matching.domain.sweep import duplicate_pairs, pairs_raised

ROSA = Identity(
    first_name="ROSA",
    last_name="MARTINEZ CHAVEZ",
    date_of_birth=date(1961, 5, 9),
    ssn_index="index-rosa",
    street="12 CALLE DEL SOL",
    zip5="87501",
    ssn_last4="1111",
)
JUAN = Identity(
    first_name="JUAN",
    last_name="TRUJILLO",
    date_of_birth=date(1980, 2, 11),
    ssn_index="index-juan",
    street="3 ACEQUIA RD",
    zip5="87571",
    ssn_last4="2222",
    suffix="JR",
)

FILE = [
    ("v01", ROSA),
    ("v02", replace(ROSA, street="400 MAIN ST", zip5="88001")),  # moved: strong
    ("v03", replace(ROSA, last_name="MARTINEZ", date_of_birth=date(1961, 9, 5), ssn_index=None)),
    ("v04", JUAN),
    (
        "v05",  # his father at the same address
        replace(
            JUAN, date_of_birth=date(1952, 7, 1), ssn_index="idx-f", ssn_last4="3333", suffix="SR"
        ),
    ),
    ("v06", replace(JUAN, first_name="JOSE", ssn_index="index-jose", ssn_last4="4444", suffix="")),
    (
        "v07",
        Identity("ANA", "ROMERO", date(1990, 1, 1), "index-ana", "1 ELM", "87101", "", "", "5555"),
    ),
]


def test_l_the_sweep_raises_every_duplicate_pair_once_in_order() -> None:
    pairs = list(duplicate_pairs(FILE))
    assert sorted((p.a, p.b) for p in pairs) == [("v01", "v02"), ("v01", "v03"), ("v02", "v03")]
    strengths = {(p.a, p.b): p.comparison.strength for p in pairs}
    assert strengths[("v01", "v02")] is MatchStrength.strong
    assert strengths[("v01", "v03")] is not MatchStrength.strong


def test_l_the_order_of_the_file_does_not_change_the_pairs() -> None:
    forth = {(p.a, p.b) for p in duplicate_pairs(FILE)}
    back = {(p.a, p.b) for p in duplicate_pairs(reversed(FILE))}
    assert forth == back


def test_l_father_and_son_and_twins_are_not_raised_however_low_the_threshold() -> None:
    pairs = {(p.a, p.b) for p in duplicate_pairs(FILE, Thresholds(review=0.0, duplicate=0.0))}
    assert not pairs & {("v04", "v05"), ("v04", "v06"), ("v05", "v06")}


def test_l_an_empty_file_has_no_pairs() -> None:
    assert list(duplicate_pairs([])) == []


def test_d1_e1_the_same_blocks_raise_every_weak_match_for_a_clerk_when_asked() -> None:
    pairs = {
        (p.a, p.b) for p in pairs_raised(FILE, lambda c: raise_for_maintenance(c, Thresholds()))
    }
    assert {("v04", "v05"), ("v04", "v06")} <= pairs  # father and son, twins: weak, a clerk looks
    assert {("v01", "v02"), ("v01", "v03"), ("v02", "v03")} <= pairs
    assert not any("v07" in pair for pair in pairs)
