"""Settings of a service process. Every value is overridable by a ``VRS_*`` environment variable.

The embedded stack sets these for each process it starts; a production deployment sets them the
same way (see deploy/). Secrets are given as values or as paths to files holding them.
"""

import base64
import json
from functools import cached_property
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class KafkaSettings(BaseSettings):
    """How to reach the Kafka-API broker: the embedded Tansu or a real cluster with TLS/SASL."""

    model_config = SettingsConfigDict(env_prefix="VRS_KAFKA_", extra="ignore")

    bootstrap_servers: str = Field(
        default="127.0.0.1:9092", description="Comma-separated host:port list."
    )
    security_protocol: str = Field(
        default="PLAINTEXT", description="PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL."
    )
    sasl_mechanism: str | None = Field(
        default=None, description="PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512."
    )
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    ssl_cafile: Path | None = Field(default=None, description="CA bundle for SSL/SASL_SSL.")


class Settings(BaseSettings):
    """What every service reads at start."""

    model_config = SettingsConfigDict(env_prefix="VRS_", extra="ignore")

    database_url: str = Field(
        default="postgresql://postgres@localhost/postgres",
        description="PostgreSQL URI; each service works in its own schema of this database.",
    )
    http_host: str = Field(default="127.0.0.1", description="Address the HTTP API listens on.")
    http_port: int = Field(
        default=0, description="Port of the HTTP API; 0 takes the service's default."
    )
    token_issuer: str = Field(default="vrs-dev", description="Expected 'iss' of bearer tokens.")
    token_audience: str = Field(default="vrs", description="Expected 'aud' of bearer tokens.")
    token_public_key_file: Path | None = Field(
        default=None, description="PEM file of the issuer's Ed25519 public key."
    )
    token_public_key: SecretStr | None = Field(
        default=None, description="The same key as PEM text."
    )
    token_jwks_url: str | None = Field(
        default=None,
        description="JWKS of the token issuer (the audit service's /.well-known/jwks.json, or "
        "an OIDC provider's); tokens naming a 'kid' are checked with its keys.",
    )
    accounts_url: str | None = Field(
        default=None,
        description="Base URL of the audit service, asked about the account of every token's "
        "subject on every request (docs/adr/0026); unset, only tokens decide.",
    )
    accounts_required: bool = Field(
        default=False,
        description="Refuse a token whose subject has no account (production); off, the "
        "development issuer's tokens for subjects without an account still work.",
    )
    accounts_timeout_seconds: float = Field(
        default=2.0,
        gt=0,
        description="How long to wait for the audit service (the account check, its signing "
        "keys) before refusing.",
    )
    blind_index_key: SecretStr | None = Field(
        default=None,
        description="Base64 key of the SSN blind index (HMAC-SHA256), shared by services.",
    )
    blind_index_key_file: Path | None = None
    log_level: str = Field(default="INFO", description="Level of the service's own log lines.")
    outbox_poll_seconds: float = Field(
        default=0.2, description="How often the outbox relay looks for work."
    )
    consumer_max_attempts: int = Field(
        default=5, description="Attempts at one message before it goes to its dead-letter topic."
    )
    kafka: KafkaSettings = Field(default_factory=KafkaSettings)

    @cached_property
    def token_public_key_pem(self) -> bytes | None:
        """The fixed public key of tokens without a ``kid``, from the setting or its file;
        ``None`` when the service trusts only the keys of its JWKS URL."""
        if self.token_public_key is not None:
            return self.token_public_key.get_secret_value().encode()
        if self.token_public_key_file is not None:
            return self.token_public_key_file.read_bytes()
        if self.token_jwks_url is not None:
            return None
        raise RuntimeError(
            "no token key: set VRS_TOKEN_JWKS_URL, VRS_TOKEN_PUBLIC_KEY_FILE "
            "or VRS_TOKEN_PUBLIC_KEY"
        )

    @cached_property
    def blind_index_key_bytes(self) -> bytes:
        """The blind-index key, from the setting or its file."""
        if self.blind_index_key is not None:
            return decode_key(self.blind_index_key.get_secret_value(), "VRS_BLIND_INDEX_KEY")
        if self.blind_index_key_file is not None:
            return decode_key(self.blind_index_key_file.read_text(), "VRS_BLIND_INDEX_KEY_FILE")
        raise RuntimeError(
            "no blind-index key: set VRS_BLIND_INDEX_KEY_FILE or VRS_BLIND_INDEX_KEY"
        )


def decode_key(text: str, name: str) -> bytes:
    """A base64 key of at least 32 bytes; a garbled or short key is refused, never weakened."""
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except ValueError:
        raise RuntimeError(f"{name} is not valid base64") from None
    if len(key) < 32:
        raise RuntimeError(f"{name} must hold at least 32 bytes")
    return key


def load_json_secret(value: SecretStr | None, file: Path | None, name: str) -> dict[str, str]:
    """A JSON object secret given as a value or as a file; ``name`` is its variable, for errors."""
    if value is not None:
        text = value.get_secret_value()
    elif file is not None:
        text = file.read_text()
    else:
        raise RuntimeError(f"{name} is not set")
    loaded = json.loads(text)
    if not isinstance(loaded, dict):
        raise RuntimeError(f"{name} must hold a JSON object")
    return {str(k): str(v) for k, v in loaded.items()}
