"""Ed25519 signatures of checkpoints and purge anchors, with the audit service's key
(docs/adr/0015, 0033)."""

import base64
import binascii
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from vrs_audit.domain.checkpoint import Checkpoint, signed_text


class Signed(Protocol):
    """Something signed: the bytes the signature covers, and the signature (base64)."""

    @property
    def signed_text(self) -> bytes: ...

    @property
    def signature(self) -> str: ...


def sign(private_key_pem: bytes, text: bytes) -> str:
    """The base64 Ed25519 signature of ``text`` with the given private key."""
    key = serialization.load_pem_private_key(private_key_pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the audit checkpoint key is not an Ed25519 private key")
    return base64.b64encode(key.sign(text)).decode()


def sign_checkpoint(
    private_key_pem: bytes, *, entries: int, head_hash: str, taken_at: datetime
) -> Checkpoint:
    """A checkpoint of the head after ``entries`` entries, signed with the given key."""
    signature = sign(private_key_pem, signed_text(entries, head_hash, taken_at))
    return Checkpoint(entries, head_hash, taken_at, signature)


def signature_check(public_key_pem: bytes) -> Callable[[Signed], bool]:
    """Whether a checkpoint's (or purge's) signature was made by the private half of this key."""
    key = serialization.load_pem_public_key(public_key_pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("the audit checkpoint public key is not an Ed25519 key")

    def holds(signed: Signed) -> bool:
        try:
            key.verify(base64.b64decode(signed.signature, validate=True), signed.signed_text)
        except (InvalidSignature, binascii.Error):
            return False
        return True

    return holds
