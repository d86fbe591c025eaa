"""``<data>/run/stack.json``: what a running stack is made of, for ``vrs status`` and for
cleaning up after a run that was killed before it could stop its processes."""

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from vrs_embedded.processes import process_cmdline


@dataclass
class ProcessRecord:
    """A child process: its id and the argument vector it was started with."""

    pid: int
    argv: list[str]


@dataclass
class StackInfo:
    """The stack of one data folder as its owner last wrote it."""

    owner_pid: int
    owner_cmdline: list[str] | None
    urls: dict[str, str]
    bootstrap_servers: str
    database_url: str
    processes: dict[str, ProcessRecord] = field(default_factory=dict)

    def owner_alive(self) -> bool:
        """Whether the process that started this stack still runs (the same program)."""
        cmdline = process_cmdline(self.owner_pid)
        if cmdline is not None and self.owner_cmdline is not None:
            return cmdline == self.owner_cmdline
        try:
            os.kill(self.owner_pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def write_info(path: Path, info: StackInfo) -> None:
    """Replace the stack file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(asdict(info), indent=2) + "\n")
    os.replace(temporary, path)


def read_info(path: Path) -> StackInfo | None:
    """The stack file, or None if there is none (or it cannot be read)."""
    try:
        raw = json.loads(path.read_text())
        processes = {
            name: ProcessRecord(pid=int(record["pid"]), argv=[str(a) for a in record["argv"]])
            for name, record in raw.get("processes", {}).items()
        }
        return StackInfo(
            owner_pid=int(raw["owner_pid"]),
            owner_cmdline=raw.get("owner_cmdline"),
            urls={str(k): str(v) for k, v in raw["urls"].items()},
            bootstrap_servers=str(raw["bootstrap_servers"]),
            database_url=str(raw["database_url"]),
            processes=processes,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
