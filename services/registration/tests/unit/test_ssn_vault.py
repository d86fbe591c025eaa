"""The SSN vault: sealed under the active key, opened by the key that sealed it."""

import dataclasses
import os

import pytest
from cryptography.exceptions import InvalidTag

from vrs_plumbing.blind_index import ssn_near_indexes
from vrs_registration.adapters.vault import SsnVault

OLD, NEW, INDEX = os.urandom(32), os.urandom(32), os.urandom(32)


def test_a_sealed_ssn_opens_and_holds_no_plain_digits() -> None:
    vault = SsnVault({"k1": OLD}, "k1", INDEX)
    sealed = vault.seal("123456789")
    assert b"123456789" not in sealed.ciphertext
    assert sealed.last4 == "6789"
    assert vault.open(sealed) == "123456789"


def test_a_sealed_ssn_comes_with_its_near_indexes_under_the_blind_index_key() -> None:
    sealed = SsnVault({"k1": OLD}, "k1", INDEX).seal("123456789")
    assert sealed.near_indexes == ssn_near_indexes(INDEX, "123456789")
    assert sealed.near_indexes != ssn_near_indexes(OLD, "123456789")


def test_after_rotation_old_entries_still_open_and_new_ones_use_the_new_key() -> None:
    before = SsnVault({"k1": OLD}, "k1", INDEX).seal("123456789")
    rotated = SsnVault({"k1": OLD, "k2": NEW}, "k2", INDEX)
    assert rotated.open(before) == "123456789"
    assert rotated.seal("123456789").key_id == "k2"
    assert before.blind_index == rotated.blind_index("123456789")


def test_a_ciphertext_moved_to_another_entry_does_not_open() -> None:
    vault = SsnVault({"k1": OLD}, "k1", INDEX)
    sealed = vault.seal("123456789")
    moved = dataclasses.replace(sealed, blind_index=vault.blind_index("987654321"))
    with pytest.raises(InvalidTag):
        vault.open(moved)


def test_an_active_key_that_is_not_configured_is_refused() -> None:
    with pytest.raises(ValueError, match="active vault key"):
        SsnVault({"k1": OLD}, "k9", INDEX)
