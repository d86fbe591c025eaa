"""Audit's own settings, beyond what every service reads."""

from pathlib import Path

from pydantic import Field

from vrs_plumbing.settings import Settings


class AuditSettings(Settings):
    """Where the checkpoint key is, where checkpoints are written out, and how often
    (``VRS_AUDIT_CHECKPOINT_*``; docs/adr/0015)."""

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
