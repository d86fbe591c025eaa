"""Blind indexes: equal values give equal indexes under one key, and nothing under another."""

from datetime import date

import pytest

from vrs_plumbing.blind_index import name_dob_blind_index, ssn_blind_index, ssn_near_indexes

KEY = b"k" * 32


def test_an_ssn_indexes_the_same_with_or_without_dashes() -> None:
    assert ssn_blind_index(KEY, "123-45-6789") == ssn_blind_index(KEY, "123456789")


def test_another_key_gives_another_index() -> None:
    assert ssn_blind_index(KEY, "123456789") != ssn_blind_index(b"x" * 32, "123456789")


def test_the_index_does_not_contain_the_number() -> None:
    assert "123456789" not in ssn_blind_index(KEY, "123456789")


def test_a_short_ssn_is_refused() -> None:
    with pytest.raises(ValueError, match="nine digits"):
        ssn_blind_index(KEY, "6789")


def test_name_and_dob_index_folds_accents_and_case() -> None:
    born = date(1970, 1, 2)
    assert name_dob_blind_index(KEY, "José", "Peña", born) == name_dob_blind_index(
        KEY, "JOSE", "pena", born
    )


def _share_a_near_index(a: str, b: str) -> bool:
    return bool(set(ssn_near_indexes(KEY, a)) & set(ssn_near_indexes(KEY, b)))


@pytest.mark.parametrize(
    ("other", "why"),
    [
        ("123456780", "the last digit mistyped"),
        ("023456789", "the first digit mistyped"),
        ("123546789", "two neighbouring digits swapped"),
        ("213456789", "the first two digits swapped"),
    ],
)
def test_a_typo_shares_a_near_index(other: str, why: str) -> None:
    assert _share_a_near_index("123456789", other), why


@pytest.mark.parametrize("other", ["123456700", "987654321", "132456798"])
def test_two_or_more_digits_apart_share_none(other: str) -> None:
    assert not _share_a_near_index("123456789", other)


def test_near_indexes_are_short_keyed_and_never_the_full_index() -> None:
    near = ssn_near_indexes(KEY, "123-45-6789")
    assert near == ssn_near_indexes(KEY, "123456789")
    assert len(near) == 9
    assert all(len(each) == 16 for each in near)
    assert ssn_blind_index(KEY, "123456789")[:16] not in near
    assert set(near).isdisjoint(ssn_near_indexes(b"x" * 32, "123456789"))


def test_repeated_digits_give_fewer_near_indexes() -> None:
    assert len(ssn_near_indexes(KEY, "112233445")) == 5
