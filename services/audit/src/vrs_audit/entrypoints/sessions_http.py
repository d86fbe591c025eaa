"""Signing in and the token signing keys (docs/adr/0027)."""

from datetime import UTC, datetime, timedelta
from typing import Annotated, cast

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from vrs_audit.config import AuditSettings
from vrs_audit.entrypoints.accounts_http import Reason, managers
from vrs_audit.service_layer import accounts
from vrs_audit.service_layer.sessions import SignIn, SignInPolicy, TokenSigner, sign_in
from vrs_plumbing.auth import Principal, public_jwk, public_key_of
from vrs_plumbing.errors import ApiError
from vrs_plumbing.runtime import Runtime

JWKS_PATH = "/.well-known/jwks.json"


class SessionRequest(BaseModel):
    """A sign-in: the account's subject, its password, and a TOTP code for administrative roles."""

    model_config = ConfigDict(extra="forbid")

    subject: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=1, max_length=1000)
    totp_code: str | None = Field(default=None, pattern=r"^[0-9]{6}$")


class Session(BaseModel):
    """A short-lived bearer token for every service."""

    token: str
    token_type: str = "Bearer"  # noqa: S105 - the scheme's name, not a secret
    expires_at: datetime


class NewCredentials(BaseModel):
    """A new password for an account, set by whoever manages it."""

    model_config = ConfigDict(extra="forbid")

    password: str = Field(min_length=12, max_length=1000)
    reason: Reason


class Enrolment(BaseModel):
    """The TOTP enrolment URI of an administrative account, shown this once; null otherwise."""

    totp_uri: str | None


def token_signer(settings: AuditSettings) -> TokenSigner | None:
    """The signer of sign-in tokens, when the service has a token key."""
    if settings.audit_token_key_file is None:
        return None
    private_key_pem = settings.audit_token_key_file.read_bytes()
    return TokenSigner(
        private_key_pem=private_key_pem,
        public_jwk=public_jwk(public_key_of(private_key_pem)),
        issuer=settings.token_issuer,
        audience=settings.token_audience,
        lifetime=timedelta(seconds=settings.audit_token_lifetime_seconds),
    )


def build_sessions_router(runtime: Runtime) -> APIRouter:
    """The routes of signing in. This service trusts its own signing key directly."""
    settings = cast(AuditSettings, runtime.settings)
    signer = token_signer(settings)
    jwks: dict[str, object] = {"keys": [{**signer.public_jwk, "use": "sig"}] if signer else []}
    runtime.verifier.add_jwks(jwks)
    policy = SignInPolicy(
        max_failures=settings.audit_sign_in_max_failures,
        lockout=timedelta(seconds=settings.audit_sign_in_lockout_seconds),
        attempts_per_minute=settings.audit_sign_in_attempts_per_minute,
    )
    router = APIRouter(tags=["sessions"])

    @router.get(JWKS_PATH)
    async def signing_keys() -> dict[str, object]:
        """The public keys sign-in tokens are signed with, by ``kid`` (RFC 7517)."""
        return jwks

    @router.post("/v1/sessions", response_model=Session, status_code=201)
    async def create_session(request: Request, body: SessionRequest) -> Session:
        """Sign in: a token valid for a few minutes, signed by this service."""
        # The access log names who tried to sign in: failed and locked attempts by subject.
        request.state.claimed_subject = body.subject
        if signer is None:
            raise ApiError(503, "signing in is not configured on this service")
        attempt = SignIn(
            subject=body.subject,
            password=body.password,
            totp_code=body.totp_code,
            source_address=request.client.host if request.client else None,
        )
        async with runtime.pool.connection() as conn, conn.transaction():
            outcome = await sign_in(
                conn, attempt, policy=policy, signer=signer, now=datetime.now(UTC)
            )
        if isinstance(outcome, ApiError):
            raise outcome
        token, expires_at = outcome
        return Session(token=token, expires_at=expires_at)

    @router.put("/v1/accounts/{subject}/credentials", response_model=Enrolment)
    async def set_credentials(
        principal: Annotated[Principal, Depends(managers)], subject: str, body: NewCredentials
    ) -> Enrolment:
        """Set an account's password; an administrative account also gets a new TOTP secret."""
        async with runtime.pool.connection() as conn, conn.transaction():
            uri = await accounts.set_credentials(
                conn,
                principal,
                subject,
                password=body.password,
                reason=body.reason,
                now=datetime.now(UTC),
            )
        return Enrolment(totp_uri=uri)

    return router
