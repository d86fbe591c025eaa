"""Registration's own settings, beyond what every service reads."""

from functools import cached_property
from pathlib import Path

from pydantic import Field, SecretStr

from vrs_plumbing.settings import Settings, decode_key, load_json_secret


class RegistrationSettings(Settings):
    """The SSN vault's keys and where matching answers."""

    ssn_vault_keys: SecretStr | None = Field(
        default=None,
        description="JSON object {key_id: base64 AES-256 key}; old keys stay to decrypt.",
    )
    ssn_vault_keys_file: Path | None = None
    ssn_vault_active_key_id: str = Field(
        default="dev-1", description="Key that encrypts new entries."
    )
    matching_url: str = Field(
        default="http://127.0.0.1:8002", description="Base URL of the matching service."
    )
    matching_timeout_seconds: float = Field(
        default=5.0, description="How long a portal's applicant waits for the MVD check."
    )
    identity_check_minutes: int = Field(
        default=60, description="How long a matched identity check may be used."
    )
    identity_check_failures_allowed: int = Field(
        default=5,
        description="Identity checks that did not match one licence/ID number within the window "
        "after which further checks of that number are refused (429) until the window passes.",
    )
    identity_check_failure_window_minutes: int = Field(
        default=60, description="The window of identity_check_failures_allowed."
    )
    mvd_seal_private_key_file: Path | None = Field(
        default=None, description="PEM of the X25519 key that opens SSNs sealed by MVD systems."
    )
    suspense_sweep_seconds: float = Field(
        default=3600, description="How often the 45-day rule of 1.10.35.8 F(2) is applied."
    )
    under_age_activation_seconds: float = Field(
        default=86400,
        description="How often voters in suspense under_age are checked for activation "
        "(1.10.35.8 A(9)); a run also falls on the first second of every New Mexico day.",
    )
    paper_form_url: str = Field(
        default="/forms/voter-registration.pdf",
        description="The printable paper form offered when the MVD check fails.",
    )

    @cached_property
    def vault_keys(self) -> dict[str, bytes]:
        """Every vault key by id."""
        raw = load_json_secret(self.ssn_vault_keys, self.ssn_vault_keys_file, "VRS_SSN_VAULT_KEYS")
        return {key_id: decode_key(value, f"vault key {key_id}") for key_id, value in raw.items()}
