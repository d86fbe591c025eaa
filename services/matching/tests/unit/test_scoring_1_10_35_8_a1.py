"""The extra search criteria of 1.10.35.8 A(1): a score that reads past corruptions, evidence a
clerk can read, contrary evidence, and the strong (JJ) and weak (SS) matches left exactly as the
rule defines them."""

from dataclasses import replace
from datetime import date

import pytest
from pydantic import ValidationError

from vrs_contracts.vocabulary import MatchStrength
from vrs_matching.config import MatchingSettings
from vrs_matching.domain.identity import Identity, agreeing_fields, match_strength
from vrs_matching.domain.identity import normalise_name as n
from vrs_matching.domain.identity import normalise_street as s
from vrs_matching.domain.scoring import (
    DEFAULT_THRESHOLDS,
    Contrary,
    Thresholds,
    compare,
    raise_as_duplicate,
    raise_for_maintenance,
)
from vrs_plumbing.blind_index import ssn_blind_index, ssn_near_indexes

ROBERT = Identity(
    first_name="ROBERT",
    last_name="GARCIA LOPEZ",
    date_of_birth=date(1980, 3, 7),
    ssn_index="index-robert",
    street="100 MAIN ST",
    zip5="87501",
    middle_name="LUIS",
    ssn_last4="1234",
)


def person(**changes: object) -> Identity:
    """Robert's record with some fields written otherwise."""
    return replace(ROBERT, **changes)  # type: ignore[arg-type]


def notes(a: Identity, b: Identity) -> dict[str, str]:
    return {e.field: e.note for e in compare(a, b).evidence}


MOVED = {"street": "9 ELM ST", "zip5": "88001"}

CORRUPTIONS = [
    ("a typo in the surname", person(last_name="GARCIA LOPES"), "last_name", "spelling differs"),
    ("a typo in the first name", person(first_name="ROBRET"), "first_name", "spelling differs"),
    (
        "day and month transposed",
        person(date_of_birth=date(1980, 7, 3)),
        "date_of_birth",
        "day and month transposed",
    ),
    (
        "one digit of the date",
        person(date_of_birth=date(1981, 3, 7)),
        "date_of_birth",
        "one digit differs",
    ),
    ("a nickname", person(first_name="BOB"), "first_name", "nickname: BOB~ROBERT"),
    (
        "one surname of a double surname",
        person(last_name="GARCIA"),
        "last_name",
        "one surname of a double surname",
    ),
    (
        "a double surname written as one word",
        person(last_name="GARCIALOPEZ"),
        "last_name",
        "double surname written as one word",
    ),
    (
        "first and last name swapped",
        person(first_name="GARCIA LOPEZ", last_name="ROBERT"),
        "first_name",
        "first and last swapped",
    ),
    (
        "the last four of the SSN only",
        person(ssn_index=None),
        "ssn",
        "last four of SSN agree",
    ),
    (
        "goes by the middle name",
        person(first_name="LUIS", middle_name=""),
        "first_name",
        "goes by the middle name",
    ),
]


@pytest.mark.parametrize(
    ("corruption", "other", "field", "note"), CORRUPTIONS, ids=[c[0] for c in CORRUPTIONS]
)
def test_a1_a_corrupted_record_of_one_person_is_raised_as_a_likely_duplicate_and_says_why(
    corruption: str, other: Identity, field: str, note: str
) -> None:
    moved = replace(other, **MOVED)
    comparison = compare(ROBERT, moved)
    assert raise_as_duplicate(comparison, DEFAULT_THRESHOLDS), comparison
    assert comparison.contrary == ()
    assert notes(ROBERT, moved)[field] == note


@pytest.mark.parametrize(
    ("corruption", "other", "field", "note"), CORRUPTIONS, ids=[c[0] for c in CORRUPTIONS]
)
def test_a1_corruption_also_raises_for_a_clerk_in_list_maintenance(
    corruption: str, other: Identity, field: str, note: str
) -> None:
    assert raise_for_maintenance(compare(ROBERT, replace(other, **MOVED)), DEFAULT_THRESHOLDS)


@pytest.mark.parametrize(
    ("written_a", "written_b"),
    [("Peña", "PENA"), ("García-López", "garcia lopez"), ("O'Brien", "O BRIEN")],
)
def test_jj_accents_hyphens_and_case_leave_a_strong_match_strong(
    written_a: str, written_b: str
) -> None:
    comparison = compare(person(last_name=n(written_a)), person(last_name=n(written_b)))
    assert comparison.strength is MatchStrength.strong
    assert raise_as_duplicate(comparison, DEFAULT_THRESHOLDS)


@pytest.mark.parametrize(
    "other",
    [
        person(first_name="BOB"),
        person(last_name="GARCIA"),
        person(date_of_birth=date(1980, 7, 3)),
        person(ssn_index=None),
    ],
)
def test_jj_a_near_match_is_never_strong(other: Identity) -> None:
    """Nicknames, one surname, a transposed date, a last four: evidence, never a strong match."""
    assert compare(ROBERT, other).strength is not MatchStrength.strong


@pytest.mark.parametrize(
    "other",
    [
        ROBERT,
        person(**MOVED),
        person(first_name="BOB"),
        person(ssn_index="index-other"),
        person(first_name="MARIA", ssn_index="index-maria"),
        person(first_name="MARIA", date_of_birth=None, ssn_index=None),
        person(last_name="TRUJILLO", date_of_birth=date(1990, 1, 1), **MOVED),
    ],
)
def test_jj_and_ss_the_strength_of_a_comparison_is_the_rules_literal_strength(
    other: Identity,
) -> None:
    comparison = compare(ROBERT, other)
    assert comparison.agreeing_fields == agreeing_fields(ROBERT, other)
    assert comparison.strength is match_strength(agreeing_fields(ROBERT, other))


def test_ss_two_literal_fields_are_weak_and_a_clerk_sees_them_whatever_the_score() -> None:
    stranger = person(first_name="MARIA", last_name="TRUJILLO", ssn_index="index-maria")
    stranger = replace(stranger, ssn_last4="9999", middle_name="")
    comparison = compare(ROBERT, stranger)  # same DOB and address only
    assert comparison.strength is MatchStrength.weak
    assert raise_for_maintenance(comparison, DEFAULT_THRESHOLDS)
    assert not raise_as_duplicate(comparison, DEFAULT_THRESHOLDS)


TWIN = person(first_name="RICARDO", middle_name="", ssn_index="index-ricardo", ssn_last4="5678")
FATHER = person(
    date_of_birth=date(1954, 11, 20), ssn_index="index-father", ssn_last4="4321", suffix="SR"
)
HARD_NEGATIVES = [
    ("twins", ROBERT, TWIN, {Contrary.twins, Contrary.different_full_ssn}),
    (
        "father and son, Sr and Jr",
        person(suffix="JR"),
        FATHER,
        {Contrary.generational_suffix, Contrary.dob_far_apart, Contrary.different_full_ssn},
    ),
    (
        "father and son, no suffix written",
        ROBERT,
        replace(FATHER, suffix=""),
        {Contrary.dob_far_apart, Contrary.different_full_ssn},
    ),
    (
        "father and son, last four only",
        person(ssn_index=None),
        replace(FATHER, suffix="", ssn_index=None),
        {Contrary.dob_far_apart, Contrary.different_ssn_last4},
    ),
    (
        "the second of the name",
        person(suffix="II"),
        person(suffix="III", ssn_index=None, ssn_last4=None),
        {Contrary.generational_suffix},
    ),
    (
        "two people with different full SSNs",
        ROBERT,
        person(ssn_index="index-other", ssn_last4="9876"),
        {Contrary.different_full_ssn},
    ),
]


@pytest.mark.parametrize(
    ("case", "a", "b", "contrary"), HARD_NEGATIVES, ids=[c[0] for c in HARD_NEGATIVES]
)
def test_a1_contrary_evidence_is_never_strong_and_never_raised_as_a_duplicate(
    case: str, a: Identity, b: Identity, contrary: set[str]
) -> None:
    comparison = compare(a, b)
    assert set(comparison.contrary) == contrary
    assert comparison.strength is not MatchStrength.strong
    assert not raise_as_duplicate(comparison, DEFAULT_THRESHOLDS)
    assert not raise_as_duplicate(comparison, Thresholds(review=0.0, duplicate=0.0))


def test_a1_a_twin_whose_first_name_is_the_others_middle_name_is_still_a_twin() -> None:
    luis = person(first_name="LUIS", middle_name="CARLOS", ssn_index=None, ssn_last4=None)
    comparison = compare(person(middle_name="LUIS"), luis)
    assert Contrary.twins in comparison.contrary
    assert not raise_as_duplicate(comparison, DEFAULT_THRESHOLDS)


def test_a1_one_full_ssn_outweighs_a_date_of_birth_written_wrong() -> None:
    comparison = compare(ROBERT, person(date_of_birth=date(1940, 3, 7), **MOVED))
    assert Contrary.dob_far_apart not in comparison.contrary
    assert raise_as_duplicate(comparison, DEFAULT_THRESHOLDS)


@pytest.mark.parametrize("surname", ["DE LA", "Y", "GARCIA LOPEZ", ""])
def test_a1_a_surname_of_particles_or_initials_only_compares_without_error(surname: str) -> None:
    comparison = compare(person(last_name="DE LA"), person(last_name=surname))
    assert 0.0 <= comparison.score <= 1.0


def test_d1_e1_a_clerk_still_investigates_a_weak_match_with_contrary_evidence() -> None:
    comparison = compare(person(suffix="JR"), FATHER)  # name and address agree: weak
    assert comparison.strength is MatchStrength.weak
    assert raise_for_maintenance(comparison, DEFAULT_THRESHOLDS)


def test_a1_evidence_explains_every_field_and_never_shows_an_ssn_or_its_index() -> None:
    comparison = compare(person(suffix="JR"), FATHER)
    assert {e.field for e in comparison.evidence} == {
        "first_name",
        "last_name",
        "middle_name",
        "suffix",
        "date_of_birth",
        "ssn",
        "address",
    }
    assert notes(person(suffix="JR"), FATHER)["suffix"] == "JR against SR"
    for evidence in comparison.evidence:
        assert 0.0 <= evidence.similarity <= 1.0
        for secret in ("index-", "1234", "4321"):
            assert secret not in evidence.note


def test_a1_the_score_ranks_a_closer_record_above_a_looser_one() -> None:
    close = compare(ROBERT, person(first_name="BOB"))
    loose = compare(ROBERT, person(first_name="BOB", ssn_index=None, ssn_last4=None, **MOVED))
    stranger = compare(ROBERT, person(first_name="MARIA", last_name="TRUJILLO", ssn_index="x"))
    assert 1.0 >= close.score > loose.score > stranger.score >= 0.0


def test_a1_a_comparison_reads_the_same_either_way_round() -> None:
    other = person(first_name="BOB", last_name="GARCIA", ssn_index=None, **MOVED)
    forth, back = compare(ROBERT, other), compare(other, ROBERT)
    assert (forth.score, forth.strength, forth.contrary) == (
        back.score,
        back.strength,
        back.contrary,
    )


def test_a1_an_address_agreeing_on_a_street_spelt_otherwise_counts_for_a_little() -> None:
    assert notes(ROBERT, person(street=s("100 Main Street")))["address"] in {
        "street spelt differently",
        "same zip code only",
    }


def test_thresholds_are_configuration_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VRS_MATCHING_REVIEW_THRESHOLD", "0.35")
    monkeypatch.setenv("VRS_MATCHING_DUPLICATE_THRESHOLD", "0.9")
    assert MatchingSettings().thresholds == Thresholds(review=0.35, duplicate=0.9)


def test_a_threshold_outside_zero_to_one_is_refused_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VRS_MATCHING_DUPLICATE_THRESHOLD", "1.5")
    with pytest.raises(ValidationError, match="matching_duplicate_threshold"):
        MatchingSettings()
    with pytest.raises(ValueError, match="review threshold"):
        Thresholds(review=-0.1)


KEY = b"k" * 32


def with_ssn(ssn: str, **changes: object) -> Identity:
    """Robert's record stating ``ssn`` as matching holds it: blind index and near indexes."""
    return person(
        ssn_index=ssn_blind_index(KEY, ssn),
        ssn_last4=ssn[-4:],
        ssn_near=frozenset(ssn_near_indexes(KEY, ssn)),
        **changes,
    )


@pytest.mark.parametrize("typo", ["123456780", "123546789"], ids=["one digit", "two swapped"])
def test_a1_a_mistyped_ssn_is_no_contrary_evidence_and_the_pair_is_a_likely_duplicate(
    typo: str,
) -> None:
    comparison = compare(with_ssn("123456789"), with_ssn(typo, **MOVED))
    assert comparison.contrary == ()
    assert notes(with_ssn("123456789"), with_ssn(typo))["ssn"].startswith("full SSNs one digit")
    assert comparison.strength is MatchStrength.weak  # name and DOB; the SSN does not agree
    assert raise_as_duplicate(comparison, DEFAULT_THRESHOLDS)


def test_a1_ssns_more_than_a_typo_apart_are_still_two_different_ssns() -> None:
    comparison = compare(with_ssn("123456789"), with_ssn("123456700"))
    assert Contrary.different_full_ssn in comparison.contrary
    assert not raise_as_duplicate(comparison, DEFAULT_THRESHOLDS)


def test_a1_twins_with_ssns_issued_one_after_the_other_are_still_twins() -> None:
    twin = with_ssn("123456790", first_name="RICARDO", middle_name="")
    comparison = compare(with_ssn("123456789"), twin)
    assert Contrary.twins in comparison.contrary
    assert not raise_as_duplicate(comparison, DEFAULT_THRESHOLDS)


def test_a1_the_same_evidence_weighs_more_in_a_smaller_file() -> None:
    a, b = ROBERT, person(ssn_index=None, ssn_last4=None, first_name="BOB", **MOVED)
    statewide = compare(a, b)
    county = compare(a, b, Thresholds(file_records=10_000))
    assert statewide.score == compare(a, b, Thresholds(file_records=1_400_000)).score
    assert county.score > statewide.score
    assert county.strength is statewide.strength
    assert county.contrary == statewide.contrary


def test_a1_the_file_size_is_configuration_and_a_file_of_one_record_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VRS_MATCHING_FILE_RECORDS", "250000")
    assert MatchingSettings().thresholds.file_records == 250_000
    with pytest.raises(ValueError, match="at least 2 records"):
        Thresholds(file_records=1)
