"""Settings of the records-requests service (``VRS_*`` environment variables)."""

from functools import cached_property
from pathlib import Path

from pydantic import Field, SecretStr

from vrs_plumbing.runtime import Runtime
from vrs_plumbing.settings import Settings, decode_key, load_json_secret


class RecordsRequestsSettings(Settings):
    """What records-requests reads at start, besides what every service reads."""

    export_keys: SecretStr | None = Field(
        default=None,
        description="JSON object {key_id: base64 AES-256 key} that encrypts exports at rest; "
        "old keys stay to decrypt.",
    )
    export_keys_file: Path | None = None
    export_active_key_id: str = Field(default="dev-1", description="Key that encrypts new exports.")
    export_days: int = Field(
        default=7,
        description="Days an export may be downloaded before it is deleted (1.10.35.11 H).",
    )
    export_download_limit: int = Field(
        default=3, description="How many times the requester's user may download one export."
    )
    affidavit_valid_days: int = Field(
        default=365, description="Days an affidavit of authorization stays valid after signing."
    )
    export_seconds: float = Field(
        default=5.0, description="How often the export builder looks for work (one chunk a run)."
    )
    export_chunk_rows: int = Field(
        default=5000, description="Rows an export builder run writes, between progress reports."
    )
    export_sweep_seconds: float = Field(
        default=86400.0, description="How often expired exports are deleted (daily)."
    )
    fee_schedule_file: Path | None = Field(
        default=None,
        description="The SOS's uniform fee schedule (JSON); the packaged schedule when unset.",
    )

    @cached_property
    def export_key_ring(self) -> dict[str, bytes]:
        """Every export key by id."""
        raw = load_json_secret(self.export_keys, self.export_keys_file, "VRS_EXPORT_KEYS")
        return {key_id: decode_key(value, f"export key {key_id}") for key_id, value in raw.items()}


def settings_of(runtime: Runtime) -> RecordsRequestsSettings:
    """The service's own settings, as the runtime holds them."""
    settings = runtime.settings
    assert isinstance(settings, RecordsRequestsSettings)
    return settings
