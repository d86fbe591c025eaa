"""Where things live inside a data folder (see the package docstring for the picture)."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DataLayout:
    """The folders and files of one data folder; ``root`` is always absolute."""

    root: Path

    @classmethod
    def of(cls, data_dir: Path | str) -> "DataLayout":
        """The layout of ``data_dir`` (made absolute; nothing is created)."""
        return cls(Path(data_dir).expanduser().absolute())

    @property
    def pg(self) -> Path:
        """PostgreSQL's data directory."""
        return self.root / "pg"

    @property
    def secrets(self) -> Path:
        """The development secrets."""
        return self.root / "secrets"

    @property
    def logs(self) -> Path:
        """One log file per process."""
        return self.root / "logs"

    @property
    def run(self) -> Path:
        """Runtime files and the processes' XDG_RUNTIME_DIR."""
        return self.root / "run"

    @property
    def stack_file(self) -> Path:
        """What the running stack is made of: URLs, process ids, database."""
        return self.run / "stack.json"

    @property
    def demo_marker(self) -> Path:
        """Whether the folder's demo data is due or loaded (see :mod:`vrs_embedded.demo`)."""
        return self.root / "demo-data"

    @property
    def audit_checkpoints(self) -> Path:
        """Where audit writes the access log's signed checkpoints, outside the database."""
        return self.root / "audit-checkpoints"

    def log(self, name: str) -> Path:
        """The log file of a process (a service name or ``broker``)."""
        return self.logs / f"{name}.log"

    def create(self) -> None:
        """Create the folders that do not exist yet (``pg`` is left to PostgreSQL)."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.logs.mkdir(exist_ok=True)
        self.secrets.mkdir(mode=0o700, exist_ok=True)
        self.run.mkdir(mode=0o700, exist_ok=True)
