"""Exports at rest: AES-256-GCM from ``cryptography``, chunk by chunk, under a rotatable key.

Each chunk records the id of the key that sealed it; new chunks use the active key, old ones
open with theirs. The associated data is the export id and the chunk's sequence number, so a
chunk moved to another export or another place in the file fails to open.
"""

import os
from dataclasses import dataclass
from uuid import UUID

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


@dataclass(frozen=True)
class SealedChunk:
    """One encrypted chunk of an export file."""

    key_id: str
    nonce: bytes
    ciphertext: bytes


class ExportCipher:
    """Seals and opens export chunks."""

    def __init__(self, keys: dict[str, bytes], active_key_id: str) -> None:
        if active_key_id not in keys:
            raise ValueError("the active export key id is not among the export keys")
        self._keys = keys
        self._active = active_key_id

    def seal(self, export_id: UUID, seq: int, plaintext: bytes) -> SealedChunk:
        """Encrypt chunk ``seq`` of an export under the active key."""
        nonce = os.urandom(12)
        sealed = AESGCM(self._keys[self._active]).encrypt(nonce, plaintext, _aad(export_id, seq))
        return SealedChunk(self._active, nonce, sealed)

    def open(self, export_id: UUID, seq: int, chunk: SealedChunk) -> bytes:
        """Decrypt chunk ``seq`` of an export with the key that sealed it."""
        return AESGCM(self._keys[chunk.key_id]).decrypt(
            chunk.nonce, chunk.ciphertext, _aad(export_id, seq)
        )


def _aad(export_id: UUID, seq: int) -> bytes:
    return f"{export_id}:{seq}".encode()
