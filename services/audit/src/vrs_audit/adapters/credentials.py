"""Passwords hashed with Argon2id (memory-hard; argon2-cffi's defaults, RFC 9106's second
recommended profile) and TOTP second factors (RFC 6238, pyotp)."""

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

TOTP_ISSUER = "NM Voter Records"
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """The Argon2id hash to store; the password itself is never stored."""
    return _hasher.hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    """Whether ``password`` is the one ``stored_hash`` was made from; no hash matches nothing.
    Without a hash one is still computed, so a missing account takes as long as a wrong
    password and the answer's timing does not tell which subjects exist."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


_DUMMY_HASH = hash_password("no account has this password")


def new_totp_secret() -> str:
    """A fresh base32 TOTP secret."""
    return pyotp.random_base32()


def totp_uri(secret: str, subject: str) -> str:
    """The otpauth:// URI an authenticator app enrols from."""
    return pyotp.TOTP(secret).provisioning_uri(name=subject, issuer_name=TOTP_ISSUER)


def totp_matches(secret: str | None, code: str | None) -> bool:
    """Whether ``code`` is the secret's current code (or the one just before or after)."""
    if secret is None or code is None:
        return False
    return pyotp.TOTP(secret).verify(code, valid_window=1)
