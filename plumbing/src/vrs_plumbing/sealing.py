"""Sealing a value for one recipient, so it can cross Kafka without anyone else reading it.

Used for the SSN of an MVD electronic registration: the MVD seals it to registration's public
key; only registration's vault can open it. The scheme (documented for producers in any
language, and in contracts' ``SealedValue``):

1. an ephemeral X25519 key pair; ECDH with the recipient's X25519 public key;
2. HKDF-SHA256 over the shared secret, salt = the ephemeral public key (raw 32 bytes),
   info = ``b"vrs-seal-v1"``, 32 bytes of output: the AES-256-GCM key;
3. AES-256-GCM with a random 12-byte nonce; associated data = the message's own id, so a
   sealed value copied into another message does not open.
"""

import base64
import os

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from vrs_contracts.sealed import SealedValue

INFO = b"vrs-seal-v1"


class SealError(ValueError):
    """A sealed value that does not open: wrong key, altered, or moved to another message."""


def new_seal_keypair() -> tuple[bytes, bytes]:
    """A fresh X25519 key pair as (private PEM, public PEM)."""
    key = X25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public


def _key(shared: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=INFO).derive(shared)


def seal(
    recipient_public_pem: bytes, plaintext: str, *, associated_data: str, key_id: str
) -> SealedValue:
    """Seal ``plaintext`` for the holder of the private key matching ``recipient_public_pem``."""
    recipient = serialization.load_pem_public_key(recipient_public_pem)
    if not isinstance(recipient, X25519PublicKey):
        raise SealError("the recipient key is not an X25519 public key")
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = ephemeral.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    nonce = os.urandom(12)
    ciphertext = AESGCM(_key(ephemeral.exchange(recipient), ephemeral_raw)).encrypt(
        nonce, plaintext.encode(), associated_data.encode()
    )
    return SealedValue(
        key_id=key_id,
        ephemeral_public_key=base64.b64encode(ephemeral_raw).decode(),
        nonce=base64.b64encode(nonce).decode(),
        ciphertext=base64.b64encode(ciphertext).decode(),
    )


def open_sealed(private_pem: bytes, sealed: SealedValue, *, associated_data: str) -> str:
    """Open a value sealed to this private key; :class:`SealError` when it does not open."""
    key = serialization.load_pem_private_key(private_pem, password=None)
    if not isinstance(key, X25519PrivateKey):
        raise SealError("the private key is not an X25519 key")
    try:
        ephemeral_raw = base64.b64decode(sealed.ephemeral_public_key, validate=True)
        shared = key.exchange(X25519PublicKey.from_public_bytes(ephemeral_raw))
        plaintext = AESGCM(_key(shared, ephemeral_raw)).decrypt(
            base64.b64decode(sealed.nonce, validate=True),
            base64.b64decode(sealed.ciphertext, validate=True),
            associated_data.encode(),
        )
    except Exception:
        raise SealError("the sealed value does not open with this key for this message") from None
    return plaintext.decode()
