"""Bearer tokens: short-lived JWTs signed with Ed25519, carrying a role and a county scope.

Two kinds of signer (docs/adr/0027): the audit service signs sign-in tokens with a key named by
``kid`` and publishes its public keys as a JWKS; the development issuer (``vrs token``) signs
without a ``kid`` with a key whose public half a service may also be given. Making the issuer an
external OIDC provider is a configuration change (its JWKS URL and issuer name), not a code change.
"""

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role

ALGORITHM = "EdDSA"
COUNTY_ROLES = frozenset({Role.county_clerk, Role.county_supervisor})


class TokenError(Exception):
    """A bearer token that cannot be trusted. The text says why, never what the token held."""


@dataclass(frozen=True)
class Principal:
    """Who is asking: the token's subject, role and (for county roles) county."""

    subject: str
    role: Role
    county: County | None
    token_id: str | None = None


def new_signing_key() -> tuple[bytes, bytes]:
    """A fresh Ed25519 key pair as (private PEM, public PEM)."""
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public


def mint_token(
    private_key_pem: bytes,
    *,
    role: Role,
    county: County | None = None,
    subject: str | None = None,
    issuer: str = "vrs-dev",
    audience: str = "vrs",
    lifetime: timedelta = timedelta(hours=8),
    key_id: str | None = None,
) -> str:
    """Sign a token for a role; a county role must name its county, other roles must not."""
    if role in COUNTY_ROLES and county is None:
        raise ValueError(f"role {role} needs a county")
    if role not in COUNTY_ROLES and county is not None:
        raise ValueError(f"role {role} has no county scope")
    now = datetime.now(UTC)
    claims: dict[str, object] = {
        "iss": issuer,
        "aud": audience,
        "sub": subject or f"dev-{role}",
        "role": str(role),
        "iat": now,
        "nbf": now,
        "exp": now + lifetime,
        "jti": str(uuid4()),
    }
    if county is not None:
        claims["county"] = str(county)
    headers = {"kid": key_id} if key_id is not None else None
    return jwt.encode(claims, private_key_pem, algorithm=ALGORITHM, headers=headers)


def public_key_of(private_key_pem: bytes) -> bytes:
    """The public PEM of an Ed25519 private key PEM; ValueError for any other key."""
    key = serialization.load_pem_private_key(private_key_pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("a token signing key must be Ed25519")
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def public_jwk(public_key_pem: bytes) -> dict[str, str]:
    """The JWK of an Ed25519 public key (RFC 8037), its ``kid`` the key's RFC 7638 thumbprint."""
    key = serialization.load_pem_public_key(public_key_pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("a token signing key must be Ed25519")
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    members = {"crv": "Ed25519", "kty": "OKP", "x": _b64url(raw)}
    canonical = json.dumps(members, sort_keys=True, separators=(",", ":")).encode()
    return {**members, "kid": _b64url(hashlib.sha256(canonical).digest()), "alg": ALGORITHM}


class TokenVerifier:
    """Checks a bearer token's signature, issuer, audience, lifetime and claims.

    A token naming a ``kid`` is checked with that key of the JWKS given to :meth:`add_jwks`; a
    token without one with the fixed public key, when the service has one.
    """

    def __init__(self, public_key_pem: bytes | None, *, issuer: str, audience: str) -> None:
        self._key = serialization.load_pem_public_key(public_key_pem) if public_key_pem else None
        self._keys_by_id: dict[str, object] = {}
        self._issuer = issuer
        self._audience = audience

    def add_jwks(self, jwks: Mapping[str, object]) -> None:
        """Trust the signing keys of a JWKS document (``{"keys": [...]}``), by ``kid``."""
        keys = jwks.get("keys")
        if not isinstance(keys, list):
            raise TokenError("the JWKS holds no keys")
        for jwk in keys:
            if isinstance(jwk, dict) and jwk.get("kid") and jwk.get("use", "sig") == "sig":
                self._keys_by_id[str(jwk["kid"])] = jwt.PyJWK(jwk, algorithm=ALGORITHM).key

    def unknown_key_id(self, token: str) -> str | None:
        """The ``kid`` a token names that is not (yet) among the trusted keys."""
        try:
            key_id = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError:
            return None
        return str(key_id) if key_id is not None and key_id not in self._keys_by_id else None

    def verify(self, token: str) -> Principal:
        """The principal of a valid token; :class:`TokenError` otherwise."""
        try:
            key_id = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError as exc:
            raise TokenError(f"invalid token: {type(exc).__name__}") from None
        key = self._keys_by_id.get(str(key_id)) if key_id is not None else self._key
        if key is None:
            raise TokenError("token signed with an unknown key")
        try:
            claims = jwt.decode(
                token,
                key,  # type: ignore[arg-type]
                algorithms=[ALGORITHM],
                issuer=self._issuer,
                audience=self._audience,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError:
            raise TokenError("token expired") from None
        except jwt.PyJWTError as exc:
            raise TokenError(f"invalid token: {type(exc).__name__}") from None
        try:
            role = Role(str(claims.get("role")))
        except ValueError:
            raise TokenError("token has no known role") from None
        county_claim = claims.get("county")
        try:
            county = County(county_claim) if county_claim is not None else None
        except ValueError:
            raise TokenError("token names an unknown county") from None
        if role in COUNTY_ROLES and county is None:
            raise TokenError(f"a {role} token must name its county")
        return Principal(
            subject=str(claims["sub"]), role=role, county=county, token_id=claims.get("jti")
        )
