"""The data folder's development secrets: created once, kept afterwards."""

import base64
import json
import stat
from pathlib import Path

import pytest

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_embedded.errors import MissingSecretsError
from vrs_embedded.secrets import (
    ACTIVE_VAULT_KEY_ID,
    TOKEN_AUDIENCE,
    TOKEN_ISSUER,
    ensure_secrets,
    existing_secrets,
    mint_dev_token,
)
from vrs_plumbing.auth import TokenVerifier


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _contents(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def test_secrets_are_created_on_first_start_with_keys_readable_by_their_owner_only(
    data_dir: Path,
) -> None:
    files = ensure_secrets(data_dir / "secrets")

    assert _mode(files.token_private_key) == 0o600
    assert _mode(files.blind_index_key) == 0o600
    assert _mode(files.ssn_vault_keys) == 0o600
    assert _mode(files.export_keys) == 0o600
    assert _mode(files.mvd_seal_private_key) == 0o600
    assert _mode(files.feeds_seal_private_key) == 0o600
    assert _mode(files.audit_checkpoint_private_key) == 0o600
    assert _mode(files.audit_token_private_key) == 0o600
    assert _mode(data_dir / "secrets") == 0o700
    assert b"BEGIN PUBLIC KEY" in files.token_public_key.read_bytes()
    assert len(base64.b64decode(files.blind_index_key.read_text().strip())) == 32
    vault = json.loads(files.ssn_vault_keys.read_text())
    assert list(vault) == [ACTIVE_VAULT_KEY_ID] == [files.active_vault_key_id] == ["dev-1"]
    assert len(base64.b64decode(vault["dev-1"])) == 32
    exports = json.loads(files.export_keys.read_text())
    assert list(exports) == [files.active_export_key_id]
    assert len(base64.b64decode(exports[files.active_export_key_id])) == 32
    assert sorted(_contents(data_dir / "secrets")) == [
        "audit-checkpoint.pem",
        "audit-checkpoint.pub.pem",
        "audit-token.pem",
        "blind-index.key",
        "export-keys.json",
        "feeds-seal.pem",
        "feeds-seal.pub.pem",
        "mvd-seal.pem",
        "mvd-seal.pub.pem",
        "ssn-vault-keys.json",
        "token-issuer.pem",
        "token-issuer.pub.pem",
    ]


def test_secrets_are_kept_byte_for_byte_on_every_later_start(data_dir: Path) -> None:
    ensure_secrets(data_dir / "secrets")
    first = _contents(data_dir / "secrets")

    ensure_secrets(data_dir / "secrets")
    ensure_secrets(data_dir / "secrets")

    assert _contents(data_dir / "secrets") == first


def test_a_lost_public_key_is_derived_again_from_the_kept_private_key(data_dir: Path) -> None:
    files = ensure_secrets(data_dir / "secrets")
    public = files.token_public_key.read_bytes()
    private = files.token_private_key.read_bytes()
    files.token_public_key.unlink()

    ensure_secrets(data_dir / "secrets")

    assert files.token_public_key.read_bytes() == public
    assert files.token_private_key.read_bytes() == private


def test_a_token_minted_from_the_folder_verifies_with_its_public_key(data_dir: Path) -> None:
    files = ensure_secrets(data_dir / "secrets")
    verifier = TokenVerifier(
        files.token_public_key.read_bytes(), issuer=TOKEN_ISSUER, audience=TOKEN_AUDIENCE
    )

    token = mint_dev_token(
        data_dir / "secrets", role=Role.county_clerk, county=County.santa_fe, subject="clerk-1"
    )

    principal = verifier.verify(token)
    assert (principal.role, principal.county, principal.subject) == (
        Role.county_clerk,
        County.santa_fe,
        "clerk-1",
    )


def test_a_folder_without_secrets_says_to_run_vrs_up_first(data_dir: Path) -> None:
    with pytest.raises(MissingSecretsError, match=r"run `vrs up` first"):
        existing_secrets(data_dir / "secrets")
    with pytest.raises(MissingSecretsError, match=r"run `vrs up` first"):
        mint_dev_token(data_dir / "secrets", role=Role.sos_admin)
