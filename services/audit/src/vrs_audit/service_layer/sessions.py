"""Signing in: subject and password (and a TOTP code for administrative roles) for a short-lived
token signed by this service (docs/adr/0027). Every attempt is kept; the rate limit per source
address and the lock-out after repeated failures count them."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from vrs_audit.adapters import credentials
from vrs_audit.domain.accounts import locked_until, needs_second_factor
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_plumbing.accounts import ACCOUNT_DISABLED
from vrs_plumbing.auth import mint_token
from vrs_plumbing.db import Connection
from vrs_plumbing.errors import ApiError

WRONG_CREDENTIALS = "wrong subject, password or code"


@dataclass(frozen=True)
class SignInPolicy:
    """The limits of signing in, from the service's settings."""

    max_failures: int
    lockout: timedelta
    attempts_per_minute: int


@dataclass(frozen=True)
class TokenSigner:
    """This service's token key, the ``kid`` it is published under, and what tokens carry."""

    private_key_pem: bytes
    public_jwk: dict[str, str]
    issuer: str
    audience: str
    lifetime: timedelta


@dataclass(frozen=True)
class SignIn:
    """One attempt: who it claims to be, what it offers, and where it comes from."""

    subject: str
    password: str
    totp_code: str | None
    source_address: str | None


async def sign_in(
    conn: Connection,
    attempt: SignIn,
    *,
    policy: SignInPolicy,
    signer: TokenSigner,
    now: datetime,
) -> tuple[str, datetime] | ApiError:
    """A token and its expiry; else the refusal to answer — 401 (wrong credentials, disabled
    account) or 429 (too many attempts, locked account) — returned rather than raised, so that
    the attempt is kept when the caller commits.

    A wrong password, a wrong code and an unknown subject all answer the same, so the answer
    does not tell which subjects have accounts.
    """
    if await _too_many_from(conn, attempt.source_address, policy, now):
        return ApiError(429, "too many sign-in attempts from this address", retry_after_seconds=60)
    account = await _account(conn, attempt.subject)
    failures = await _failures_since_last_success(conn, attempt.subject, now - policy.lockout)
    opens_at = locked_until(failures, max_failures=policy.max_failures, lockout=policy.lockout)
    if opens_at is not None and opens_at > now:
        await _keep(conn, attempt, now, succeeded=False, reason="locked")
        return ApiError(
            429,
            "this account is locked after repeated failed sign-ins; try again later",
            retry_after_seconds=int((opens_at - now).total_seconds()) + 1,
        )
    password_ok = credentials.password_matches(
        account["password_hash"] if account else None, attempt.password
    )
    second_factor_ok = (
        account is not None
        and password_ok
        and (
            not needs_second_factor(account["role"])
            or credentials.totp_matches(account["totp_secret"], attempt.totp_code)
        )
    )
    if account is None or not second_factor_ok:
        await _keep(conn, attempt, now, succeeded=False, reason=WRONG_CREDENTIALS)
        return ApiError(401, WRONG_CREDENTIALS)
    if account["status"] != "active":
        await _keep(conn, attempt, now, succeeded=False, reason=ACCOUNT_DISABLED)
        return ApiError(401, ACCOUNT_DISABLED)
    await _keep(conn, attempt, now, succeeded=True, reason=None)
    await conn.execute(
        "UPDATE account SET last_activity_at = %s WHERE subject = %s", (now, attempt.subject)
    )
    token = mint_token(
        signer.private_key_pem,
        role=Role(account["role"]),
        county=County(account["county"]) if account["county"] else None,
        subject=attempt.subject,
        issuer=signer.issuer,
        audience=signer.audience,
        lifetime=signer.lifetime,
        key_id=signer.public_jwk["kid"],
    )
    return token, now + signer.lifetime


async def _too_many_from(
    conn: Connection, source_address: str | None, policy: SignInPolicy, now: datetime
) -> bool:
    cursor = await conn.execute(
        """
        SELECT count(*) AS attempts FROM sign_in_attempt
        WHERE source_address IS NOT DISTINCT FROM %s AND attempted_at > %s
        """,
        (source_address, now - timedelta(minutes=1)),
    )
    row = await cursor.fetchone()
    return row is not None and row["attempts"] >= policy.attempts_per_minute


async def _account(conn: Connection, subject: str) -> dict[str, Any] | None:
    cursor = await conn.execute(
        "SELECT role, county, status, password_hash, totp_secret FROM account WHERE subject = %s",
        (subject,),
    )
    return await cursor.fetchone()


async def _failures_since_last_success(
    conn: Connection, subject: str, since: datetime
) -> list[datetime]:
    cursor = await conn.execute(
        """
        SELECT attempted_at FROM sign_in_attempt
        WHERE subject = %(subject)s AND NOT succeeded AND reason = %(wrong)s
          AND attempted_at > %(since)s
          AND attempted_at > coalesce((SELECT max(attempted_at) FROM sign_in_attempt
                                       WHERE subject = %(subject)s AND succeeded), '-infinity')
        """,
        {"subject": subject, "since": since, "wrong": WRONG_CREDENTIALS},
    )
    return [row["attempted_at"] for row in await cursor.fetchall()]


async def _keep(
    conn: Connection, attempt: SignIn, now: datetime, *, succeeded: bool, reason: str | None
) -> None:
    await conn.execute(
        """
        INSERT INTO sign_in_attempt (subject, source_address, attempted_at, succeeded, reason)
        VALUES (%s, %s, %s, %s, %s)
        """,
        (attempt.subject, attempt.source_address, now, succeeded, reason),
    )
