"""Bearer tokens: short-lived JWTs signed with Ed25519, carrying a role and a county scope.

The development issuer's private key lives under the embedded stack's data folder; every service
holds only the public key. Keeping the issuer an external OIDC provider is a configuration change
(its public key and issuer name), not a code change.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

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
    return jwt.encode(claims, private_key_pem, algorithm=ALGORITHM)


class TokenVerifier:
    """Checks a bearer token's signature, issuer, audience, lifetime and claims."""

    def __init__(self, public_key_pem: bytes, *, issuer: str, audience: str) -> None:
        self._key = serialization.load_pem_public_key(public_key_pem)
        self._issuer = issuer
        self._audience = audience

    def verify(self, token: str) -> Principal:
        """The principal of a valid token; :class:`TokenError` otherwise."""
        try:
            claims = jwt.decode(
                token,
                self._key,  # type: ignore[arg-type]
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
