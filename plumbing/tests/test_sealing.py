"""Sealed values: only the recipient opens them, and only inside the message they were sealed for."""

import pytest

from vrs_plumbing.sealing import SealError, new_seal_keypair, open_sealed, seal

PRIVATE, PUBLIC = new_seal_keypair()


def test_the_recipient_opens_what_was_sealed_for_it_and_the_ciphertext_hides_it() -> None:
    sealed = seal(PUBLIC, "123456789", associated_data="tx-1", key_id="k1")
    assert "123456789" not in sealed.model_dump_json()
    assert open_sealed(PRIVATE, sealed, associated_data="tx-1") == "123456789"


def test_another_key_does_not_open_it() -> None:
    sealed = seal(PUBLIC, "123456789", associated_data="tx-1", key_id="k1")
    with pytest.raises(SealError):
        open_sealed(new_seal_keypair()[0], sealed, associated_data="tx-1")


def test_a_sealed_value_moved_into_another_message_does_not_open() -> None:
    sealed = seal(PUBLIC, "123456789", associated_data="tx-1", key_id="k1")
    with pytest.raises(SealError):
        open_sealed(PRIVATE, sealed, associated_data="tx-2")


def test_an_altered_ciphertext_does_not_open() -> None:
    sealed = seal(PUBLIC, "123456789", associated_data="tx-1", key_id="k1")
    altered = sealed.model_copy(update={"ciphertext": "AAAA" + sealed.ciphertext[4:]})
    with pytest.raises(SealError):
        open_sealed(PRIVATE, altered, associated_data="tx-1")


def test_garbage_is_refused_with_no_value_in_the_message() -> None:
    sealed = seal(PUBLIC, "123456789", associated_data="tx-1", key_id="k1")
    broken = sealed.model_copy(update={"nonce": "not base64!"})
    with pytest.raises(SealError) as raised:
        open_sealed(PRIVATE, broken, associated_data="tx-1")
    assert "123456789" not in str(raised.value)
