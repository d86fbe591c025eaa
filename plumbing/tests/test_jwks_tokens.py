"""Tokens naming a ``kid`` are checked with that key of the issuer's JWKS; tokens without one,
the development issuer's, with the fixed key (docs/adr/0027)."""

import pytest

from vrs_contracts.vocabulary import Role
from vrs_plumbing.auth import TokenError, TokenVerifier, mint_token, new_signing_key, public_jwk

ISSUER_PRIVATE, ISSUER_PUBLIC = new_signing_key()
JWK = public_jwk(ISSUER_PUBLIC)
DEV_PRIVATE, DEV_PUBLIC = new_signing_key()


def verifier(fixed_key: bytes | None) -> TokenVerifier:
    checker = TokenVerifier(fixed_key, issuer="vrs-dev", audience="vrs")
    checker.add_jwks({"keys": [{**JWK, "use": "sig"}]})
    return checker


def test_a_token_naming_a_published_key_is_checked_with_it() -> None:
    token = mint_token(ISSUER_PRIVATE, role=Role.operator, subject="op", key_id=JWK["kid"])
    assert verifier(None).verify(token).subject == "op"
    assert verifier(None).unknown_key_id(token) is None


def test_the_key_id_is_the_keys_thumbprint_and_stays_the_same() -> None:
    assert public_jwk(ISSUER_PUBLIC) == JWK
    assert public_jwk(DEV_PUBLIC)["kid"] != JWK["kid"]


def test_a_token_naming_an_unknown_key_is_refused_and_named_for_a_refetch() -> None:
    stranger, _ = new_signing_key()
    token = mint_token(stranger, role=Role.operator, key_id="rotated-1")
    assert verifier(DEV_PUBLIC).unknown_key_id(token) == "rotated-1"
    with pytest.raises(TokenError, match="unknown key"):
        verifier(DEV_PUBLIC).verify(token)


def test_a_token_signed_by_another_key_under_a_published_kid_is_refused() -> None:
    forged = mint_token(DEV_PRIVATE, role=Role.sos_admin, key_id=JWK["kid"])
    with pytest.raises(TokenError, match="invalid token"):
        verifier(DEV_PUBLIC).verify(forged)


def test_development_tokens_need_the_fixed_key() -> None:
    development = mint_token(DEV_PRIVATE, role=Role.auditor)
    assert verifier(DEV_PUBLIC).verify(development).role == Role.auditor
    with pytest.raises(TokenError, match="unknown key"):
        verifier(None).verify(development)
