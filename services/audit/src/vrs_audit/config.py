"""Audit's own settings, beyond what every service reads."""

from pathlib import Path

from pydantic import Field

from vrs_audit.domain.retention import LEGAL_MINIMUM_DAYS
from vrs_plumbing.settings import Settings


class AuditSettings(Settings):
    """Where the checkpoint key is, where checkpoints are written out, and how often
    (``VRS_AUDIT_CHECKPOINT_*``; docs/adr/0015); when one user's access is bulk
    (``VRS_AUDIT_BULK_*``; docs/adr/0031); how long entries are kept (``VRS_AUDIT_RETENTION_*``;
    docs/adr/0033)."""

    audit_checkpoint_key_file: Path | None = Field(
        default=None,
        description="PEM of the Ed25519 private key that signs the access log's checkpoints; "
        "without it no checkpoint is written.",
    )
    audit_checkpoint_dir: Path | None = Field(
        default=None,
        description="Folder the checkpoints are also appended to, outside the database.",
    )
    audit_checkpoint_interval_seconds: float = Field(
        default=60.0, gt=0, description="How often a checkpoint is taken when the log has grown."
    )
    audit_retention_days: int = Field(
        default=LEGAL_MINIMUM_DAYS,
        ge=LEGAL_MINIMUM_DAYS,
        description="How long an access-log entry is kept: at least the six years the law "
        "keeps a cancelled registration's certificate (1.10.35.9 A(9)).",
    )
    audit_retention_check_interval_seconds: float = Field(
        default=86400.0, gt=0, description="How often entries past the retention are purged."
    )
    records_requests_url: str = Field(
        default="http://127.0.0.1:8004",
        description="Base URL of records-requests, asked which voters an export held.",
    )
    records_requests_timeout_seconds: float = Field(
        default=10.0, gt=0, description="How long an incident waits for records-requests."
    )
    audit_bulk_viewed_threshold: int = Field(
        default=500,
        ge=0,
        description="The most distinct voters one user's answers may disclose in one window "
        "without an alert.",
    )
    audit_bulk_changed_threshold: int = Field(
        default=200,
        ge=0,
        description="The most distinct resources one user may change in one window without an "
        "alert.",
    )
    audit_bulk_window_seconds: float = Field(
        default=3600.0, gt=0, description="The trailing window the bulk-access counts cover."
    )
    audit_bulk_check_interval_seconds: float = Field(
        default=60.0, gt=0, description="How often the bulk-access counts are taken."
    )
    audit_token_key_file: Path | None = Field(
        default=None,
        description="PEM of the Ed25519 private key that signs sign-in tokens; its public half "
        "is served at /.well-known/jwks.json. Without it nobody signs in (docs/adr/0027).",
    )
    audit_token_lifetime_seconds: int = Field(
        default=900, gt=0, le=3600, description="How long a sign-in token is valid."
    )
    audit_sign_in_max_failures: int = Field(
        default=5, gt=0, description="Failed sign-ins in a row that lock an account."
    )
    audit_sign_in_lockout_seconds: int = Field(
        default=900, gt=0, description="How long a locked account stays locked."
    )
    audit_sign_in_attempts_per_minute: int = Field(
        default=20, gt=0, description="Sign-in attempts one source address may make a minute."
    )
    audit_account_idle_days: int = Field(
        default=90,
        gt=0,
        description="Days without any request after which an active account is disabled.",
    )
    audit_idle_check_seconds: float = Field(
        default=3600.0, gt=0, description="How often idle accounts are looked for."
    )
