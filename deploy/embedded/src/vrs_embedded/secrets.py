"""Development secrets of a data folder: created on the first start, kept on every later one.

Keeping them matters: the blind-index key decides how SSNs are indexed and the vault keys how
they are encrypted, so a second ``vrs up`` on the same folder must find the same keys.
"""

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_embedded.errors import MissingSecretsError
from vrs_plumbing.auth import mint_token, new_signing_key, public_key_of
from vrs_plumbing.sealing import new_seal_keypair

TOKEN_ISSUER = "vrs-dev"  # noqa: S105 - a name, not a secret
TOKEN_AUDIENCE = "vrs"  # noqa: S105 - a name, not a secret
ACTIVE_VAULT_KEY_ID = "dev-1"
ACTIVE_EXPORT_KEY_ID = "dev-1"
KEY_BYTES = 32


@dataclass(frozen=True)
class SecretFiles:
    """The secret files of one ``secrets/`` folder."""

    directory: Path

    @property
    def token_private_key(self) -> Path:
        """PEM of the Ed25519 key that signs development tokens (mode 0600)."""
        return self.directory / "token-issuer.pem"

    @property
    def token_public_key(self) -> Path:
        """PEM of the issuer's public key; the services verify tokens with it."""
        return self.directory / "token-issuer.pub.pem"

    @property
    def blind_index_key(self) -> Path:
        """Base64 of the 32-byte SSN blind-index key (mode 0600)."""
        return self.directory / "blind-index.key"

    @property
    def ssn_vault_keys(self) -> Path:
        """JSON object ``{key_id: base64 of 32 bytes}`` of the SSN vault (mode 0600)."""
        return self.directory / "ssn-vault-keys.json"

    @property
    def export_keys(self) -> Path:
        """JSON object ``{key_id: base64 of 32 bytes}`` that encrypts records-requests' exports
        at rest (1.10.35.11 H; mode 0600)."""
        return self.directory / "export-keys.json"

    @property
    def mvd_seal_private_key(self) -> Path:
        """PEM of registration's X25519 key that opens SSNs sealed by MVD systems (mode 0600)."""
        return self.directory / "mvd-seal.pem"

    @property
    def mvd_seal_public_key(self) -> Path:
        """PEM of its public half, which MVD systems seal SSNs to."""
        return self.directory / "mvd-seal.pub.pem"

    @property
    def feeds_seal_private_key(self) -> Path:
        """PEM of matching's X25519 key that opens SSNs sealed by the feeds' producers
        (vrs.feeds.v1; mode 0600)."""
        return self.directory / "feeds-seal.pem"

    @property
    def feeds_seal_public_key(self) -> Path:
        """PEM of its public half, which the feeds' producers seal SSNs to."""
        return self.directory / "feeds-seal.pub.pem"

    @property
    def audit_checkpoint_private_key(self) -> Path:
        """PEM of the Ed25519 key with which audit signs the access log's checkpoints
        (docs/adr/0014; mode 0600)."""
        return self.directory / "audit-checkpoint.pem"

    @property
    def audit_checkpoint_public_key(self) -> Path:
        """PEM of its public half, with which `vrs audit verify` checks the checkpoints."""
        return self.directory / "audit-checkpoint.pub.pem"

    @property
    def audit_token_private_key(self) -> Path:
        """PEM of the Ed25519 key with which audit signs sign-in tokens; its public half is
        served at audit's /.well-known/jwks.json (docs/adr/0027; mode 0600)."""
        return self.directory / "audit-token.pem"

    @property
    def active_vault_key_id(self) -> str:
        """The vault key new SSNs are encrypted with."""
        return ACTIVE_VAULT_KEY_ID

    @property
    def active_export_key_id(self) -> str:
        """The key new exports are encrypted with."""
        return ACTIVE_EXPORT_KEY_ID


def ensure_secrets(directory: Path) -> SecretFiles:
    """Create whichever secret is missing under ``directory``; never replace an existing one."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    files = SecretFiles(directory)
    if not files.token_private_key.exists():
        private_pem, public_pem = new_signing_key()
        _write(files.token_private_key, private_pem, 0o600)
        _write(files.token_public_key, public_pem, 0o644)
    elif not files.token_public_key.exists():
        _write(files.token_public_key, _public_of(files.token_private_key.read_bytes()), 0o644)
    if not files.blind_index_key.exists():
        _write(files.blind_index_key, _random_key().encode() + b"\n", 0o600)
    if not files.ssn_vault_keys.exists():
        vault = json.dumps({ACTIVE_VAULT_KEY_ID: _random_key()}, indent=2) + "\n"
        _write(files.ssn_vault_keys, vault.encode(), 0o600)
    if not files.export_keys.exists():
        exports = json.dumps({ACTIVE_EXPORT_KEY_ID: _random_key()}, indent=2) + "\n"
        _write(files.export_keys, exports.encode(), 0o600)
    if not files.mvd_seal_private_key.exists():
        seal_private, seal_public = new_seal_keypair()
        _write(files.mvd_seal_private_key, seal_private, 0o600)
        _write(files.mvd_seal_public_key, seal_public, 0o644)
    if not files.feeds_seal_private_key.exists():
        feeds_private, feeds_public = new_seal_keypair()
        _write(files.feeds_seal_private_key, feeds_private, 0o600)
        _write(files.feeds_seal_public_key, feeds_public, 0o644)
    if not files.audit_checkpoint_private_key.exists():
        checkpoint_private, checkpoint_public = new_signing_key()
        _write(files.audit_checkpoint_private_key, checkpoint_private, 0o600)
        _write(files.audit_checkpoint_public_key, checkpoint_public, 0o644)
    if not files.audit_token_private_key.exists():
        _write(files.audit_token_private_key, new_signing_key()[0], 0o600)
    return files


def existing_secrets(directory: Path) -> SecretFiles:
    """The secrets of a folder that has them; :class:`MissingSecretsError` when it has none."""
    files = SecretFiles(directory)
    if not files.token_private_key.is_file():
        raise MissingSecretsError(
            f"no token issuer key at {files.token_private_key}: run `vrs up` first "
            "(it creates the data folder's secrets)"
        )
    return files


def mint_dev_token(
    directory: Path, *, role: Role, county: County | None = None, subject: str | None = None
) -> str:
    """A bearer token signed by the data folder's issuer key, as the services expect it."""
    files = existing_secrets(directory)
    return mint_token(
        files.token_private_key.read_bytes(),
        role=role,
        county=county,
        subject=subject,
        issuer=TOKEN_ISSUER,
        audience=TOKEN_AUDIENCE,
    )


def _random_key() -> str:
    return base64.b64encode(os.urandom(KEY_BYTES)).decode()


def _public_of(private_pem: bytes) -> bytes:
    try:
        return public_key_of(private_pem)
    except ValueError:
        raise MissingSecretsError("the token issuer key is not an Ed25519 key") from None


def _write(path: Path, content: bytes, mode: int) -> None:
    """Write a file whole or not at all, with its mode set before any byte lands in it."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
