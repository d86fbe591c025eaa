"""Bearer tokens: only a valid, unexpired token of our issuer, with a known role, is trusted."""

from datetime import timedelta

import jwt
import pytest

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_plumbing.auth import TokenError, TokenVerifier, mint_token, new_signing_key
from vrs_plumbing.settings import decode_key

PRIVATE, PUBLIC = new_signing_key()
VERIFIER = TokenVerifier(PUBLIC, issuer="vrs-dev", audience="vrs")


def test_a_clerk_token_carries_its_role_and_county() -> None:
    principal = VERIFIER.verify(
        mint_token(PRIVATE, role=Role.county_clerk, county=County.taos, subject="ana")
    )
    assert (principal.subject, principal.role, principal.county) == (
        "ana",
        Role.county_clerk,
        County.taos,
    )


def test_a_statewide_role_has_no_county() -> None:
    assert VERIFIER.verify(mint_token(PRIVATE, role=Role.auditor)).county is None


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        (mint_token(PRIVATE, role=Role.auditor, lifetime=timedelta(seconds=-5)), "token expired"),
        (mint_token(new_signing_key()[0], role=Role.auditor), "invalid token"),
        (mint_token(PRIVATE, role=Role.auditor, issuer="elsewhere"), "invalid token"),
        (mint_token(PRIVATE, role=Role.auditor, audience="other"), "invalid token"),
        ("not.a.token", "invalid token"),
    ],
)
def test_untrustworthy_tokens_are_refused_with_a_reason(token: str, reason: str) -> None:
    with pytest.raises(TokenError, match=reason):
        VERIFIER.verify(token)


def test_a_token_with_an_unknown_role_is_refused() -> None:
    token = jwt.encode(
        {
            "iss": "vrs-dev",
            "aud": "vrs",
            "sub": "x",
            "role": "superuser",
            "iat": 0,
            "exp": 4102444800,
        },
        PRIVATE,
        algorithm="EdDSA",
    )
    with pytest.raises(TokenError, match="no known role"):
        VERIFIER.verify(token)


def test_a_county_role_without_a_county_is_never_minted() -> None:
    with pytest.raises(ValueError, match="needs a county"):
        mint_token(PRIVATE, role=Role.county_clerk)


@pytest.mark.parametrize(
    ("text", "problem"), [("!!!", "not valid base64"), ("c2hvcnQ=", "at least 32 bytes")]
)
def test_a_garbled_or_short_key_is_refused_never_weakened(text: str, problem: str) -> None:
    with pytest.raises(RuntimeError, match=problem):
        decode_key(text, "VRS_BLIND_INDEX_KEY")
