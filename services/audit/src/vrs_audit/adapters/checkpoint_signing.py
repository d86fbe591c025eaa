"""Ed25519 signatures of checkpoints, with the audit service's key (docs/adr/0015)."""

import base64
import binascii
from collections.abc import Callable
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from vrs_audit.domain.checkpoint import Checkpoint, signed_text


def sign_checkpoint(
    private_key_pem: bytes, *, entries: int, head_hash: str, taken_at: datetime
) -> Checkpoint:
    """A checkpoint of the head after ``entries`` entries, signed with the given key."""
    key = serialization.load_pem_private_key(private_key_pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the audit checkpoint key is not an Ed25519 private key")
    signature = key.sign(signed_text(entries, head_hash, taken_at))
    return Checkpoint(entries, head_hash, taken_at, base64.b64encode(signature).decode())


def signature_check(public_key_pem: bytes) -> Callable[[Checkpoint], bool]:
    """Whether a checkpoint's signature was made by the private half of this public key."""
    key = serialization.load_pem_public_key(public_key_pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("the audit checkpoint public key is not an Ed25519 key")

    def holds(checkpoint: Checkpoint) -> bool:
        try:
            key.verify(
                base64.b64decode(checkpoint.signature, validate=True), checkpoint.signed_text
            )
        except (InvalidSignature, binascii.Error):
            return False
        return True

    return holds
