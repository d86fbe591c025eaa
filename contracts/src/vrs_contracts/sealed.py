"""A value sealed for one recipient (X25519 + HKDF-SHA256 + AES-256-GCM; vrs_plumbing.sealing)."""

from pydantic import Field

from vrs_contracts.base import Contract


class SealedValue(Contract):
    """A secret (an SSN) that only its recipient's private key opens.

    Scheme ``vrs-seal-v1``: ephemeral X25519 ECDH with the recipient's public key; HKDF-SHA256
    (salt = the raw ephemeral public key, info = "vrs-seal-v1", 32 bytes) gives the AES-256-GCM
    key; associated data = the id the carrying message names (the MVD transaction id).
    """

    key_id: str = Field(
        description="Id of the recipient key the value was sealed to (for rotation)."
    )
    ephemeral_public_key: str = Field(
        description="Base64 of the raw 32-byte ephemeral X25519 public key."
    )
    nonce: str = Field(description="Base64 of the 12-byte AES-GCM nonce.")
    ciphertext: str = Field(description="Base64 of the AES-GCM ciphertext with its 16-byte tag.")
