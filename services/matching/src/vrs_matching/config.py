"""Matching's own settings, beyond what every service reads."""

from pathlib import Path

from pydantic import Field

from vrs_plumbing.settings import Settings


class MatchingSettings(Settings):
    """The key that opens the SSNs of the list-maintenance feeds."""

    feeds_seal_private_key_file: Path | None = Field(
        default=None,
        description="PEM of matching's X25519 key that opens SSNs sealed by the feeds' producers "
        "(vrs.feeds.v1, scheme vrs-seal-v1).",
    )
