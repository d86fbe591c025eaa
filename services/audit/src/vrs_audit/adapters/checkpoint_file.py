"""Checkpoints written out of the database: one JSON line each, appended to a file."""

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Final

from vrs_audit.domain.checkpoint import Checkpoint

FILE_NAME: Final = "access-log-checkpoints.jsonl"


def append_checkpoint(directory: Path, checkpoint: Checkpoint) -> None:
    """Append one checkpoint to the folder's checkpoint file, flushed to disk."""
    directory.mkdir(parents=True, exist_ok=True)
    line = json.dumps(
        {
            "entries": checkpoint.entries,
            "head_hash": checkpoint.head_hash,
            "taken_at": checkpoint.taken_at.isoformat(),
            "signature": checkpoint.signature,
        }
    )
    with (directory / FILE_NAME).open("a", encoding="utf-8") as out:
        out.write(line + "\n")
        out.flush()
        os.fsync(out.fileno())


def read_checkpoints(directory: Path) -> list[Checkpoint]:
    """Every checkpoint of the folder's file (none when there is no file); a line that is not a
    checkpoint is an error naming the file and line."""
    path = directory / FILE_NAME
    if not path.exists():
        return []
    checkpoints = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            fields = json.loads(line)
            checkpoints.append(
                Checkpoint(
                    entries=int(fields["entries"]),
                    head_hash=str(fields["head_hash"]),
                    taken_at=datetime.fromisoformat(fields["taken_at"]),
                    signature=str(fields["signature"]),
                )
            )
        except (ValueError, KeyError, TypeError):
            raise ValueError(f"{path}, line {number}: not a checkpoint") from None
    return checkpoints
