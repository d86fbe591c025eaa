"""The SSN vault: the only place a full SSN is kept, encrypted with AES-GCM.

Each entry records the id of the key that sealed it, so keys rotate: new entries use the active
key, old ones still open with theirs. The blind index is the entry's id and its associated
data, so a ciphertext moved onto another entry fails to open. Beside it the entry keeps the
SSN's near indexes (docs/adr/0041), computed when it is sealed, so every later event about the
person carries them without the number being opened again.
"""

import os
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from vrs_plumbing.blind_index import ssn_blind_index, ssn_indexes
from vrs_plumbing.db import Connection


@dataclass(frozen=True)
class SealedSsn:
    """What the vault stores for one SSN."""

    blind_index: str
    key_id: str
    nonce: bytes
    ciphertext: bytes
    last4: str
    near_indexes: tuple[str, ...] = ()
    """The blind indexes of the SSN with one digit left out, under the blind-index key. Opening
    an entry does not need them, so an entry read back only to be opened may leave them out."""


class SsnVault:
    """Seals and opens SSNs, and computes their blind index."""

    def __init__(self, keys: dict[str, bytes], active_key_id: str, index_key: bytes) -> None:
        if active_key_id not in keys:
            raise ValueError("the active vault key id is not among the vault keys")
        self._keys = keys
        self._active = active_key_id
        self._index_key = index_key

    def blind_index(self, ssn: str) -> str:
        """The keyed blind index of ``ssn``."""
        return ssn_blind_index(self._index_key, ssn)

    def seal(self, ssn: str) -> SealedSsn:
        """Encrypt ``ssn`` under the active key, with its blind and near indexes."""
        index, near = ssn_indexes(self._index_key, ssn)
        nonce = os.urandom(12)
        ciphertext = AESGCM(self._keys[self._active]).encrypt(nonce, ssn.encode(), index.encode())
        return SealedSsn(index, self._active, nonce, ciphertext, ssn[-4:], near)

    def open(self, sealed: SealedSsn) -> str:
        """Decrypt an entry with the key that sealed it."""
        key = self._keys[sealed.key_id]
        return (
            AESGCM(key)
            .decrypt(sealed.nonce, sealed.ciphertext, sealed.blind_index.encode())
            .decode()
        )

    async def store(self, conn: Connection, ssn: str) -> SealedSsn:
        """Seal ``ssn`` and keep it, once per person; returns the entry."""
        sealed = self.seal(ssn)
        await conn.execute(
            "INSERT INTO ssn_vault (blind_index, key_id, nonce, ciphertext, last4, near_indexes)"
            " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (blind_index) DO NOTHING",
            (
                sealed.blind_index,
                sealed.key_id,
                sealed.nonce,
                sealed.ciphertext,
                sealed.last4,
                list(sealed.near_indexes),
            ),
        )
        return sealed


async def vaulted_near_indexes(conn: Connection, blind_index: str | None) -> tuple[str, ...]:
    """The near indexes the vault keeps beside the SSN of ``blind_index``; none when no full
    SSN is vaulted under it (only the last four known, or an index the MVD gave, A(2))."""
    if blind_index is None:
        return ()
    row = await (
        await conn.execute(
            "SELECT near_indexes FROM ssn_vault WHERE blind_index = %s", (blind_index,)
        )
    ).fetchone()
    return tuple(row["near_indexes"]) if row is not None else ()
