"""Blind indexes: equal values give equal indexes under one key, and nothing under another."""

from datetime import date

import pytest

from vrs_plumbing.blind_index import name_dob_blind_index, ssn_blind_index

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
