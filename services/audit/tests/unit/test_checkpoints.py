"""Signed checkpoints reveal a rewrite of the whole chain, and a forged or edited checkpoint."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from vrs_audit.adapters.checkpoint_signing import sign_checkpoint, signature_check
from vrs_audit.domain.checkpoint import CheckpointBreak, first_bad_checkpoint
from vrs_plumbing.auth import new_signing_key

PRIVATE, PUBLIC = new_signing_key()
HOLDS = signature_check(PUBLIC)
WHEN = datetime(2026, 11, 21, 14, 0, tzinfo=UTC)
HASHES = {seq: f"{seq:064x}" for seq in range(1, 11)}


def test_checkpoints_matching_the_chain_hold() -> None:
    checkpoints = [
        sign_checkpoint(PRIVATE, entries=n, head_hash=HASHES[n], taken_at=WHEN) for n in (4, 10)
    ]
    assert first_bad_checkpoint(checkpoints, HASHES, HOLDS) is None


def test_a_rewritten_chain_no_longer_matches_its_checkpoint() -> None:
    checkpoints = [
        sign_checkpoint(PRIVATE, entries=n, head_hash=HASHES[n], taken_at=WHEN) for n in (4, 10)
    ]
    rewritten = {**HASHES, **{seq: f"{seq:064x}".replace("0", "f") for seq in range(6, 11)}}
    assert first_bad_checkpoint(checkpoints, rewritten, HOLDS) == CheckpointBreak(
        10, "entry 10 no longer has the hash signed after 10 entries: entries 5-10 were rewritten"
    )


def test_a_checkpoint_edited_to_fit_a_rewrite_fails_its_signature() -> None:
    checkpoint = sign_checkpoint(PRIVATE, entries=4, head_hash=HASHES[4], taken_at=WHEN)
    edited = replace(checkpoint, head_hash="f" * 64)
    found = first_bad_checkpoint([edited], {**HASHES, 4: "f" * 64}, HOLDS)
    assert found == CheckpointBreak(4, "the checkpoint after 4 entries is not validly signed")


def test_a_checkpoint_signed_with_another_key_fails_its_signature() -> None:
    other_private, _ = new_signing_key()
    forged = sign_checkpoint(other_private, entries=4, head_hash=HASHES[4], taken_at=WHEN)
    assert first_bad_checkpoint([forged], HASHES, HOLDS) is not None


def test_a_checkpoint_past_the_end_of_the_log_names_the_deleted_tail() -> None:
    checkpoint = sign_checkpoint(PRIVATE, entries=10, head_hash=HASHES[10], taken_at=WHEN)
    short = {seq: hash_ for seq, hash_ in HASHES.items() if seq <= 8}
    found = first_bad_checkpoint([checkpoint], short, HOLDS)
    assert found == CheckpointBreak(
        10, "the checkpoint counts 10 entries but entry 10 is no longer in the log"
    )


def test_the_signature_covers_the_instant_not_its_time_zone() -> None:
    checkpoint = sign_checkpoint(PRIVATE, entries=4, head_hash=HASHES[4], taken_at=WHEN)
    elsewhere = replace(checkpoint, taken_at=WHEN.astimezone(timezone(timedelta(hours=-7))))
    assert HOLDS(elsewhere)
