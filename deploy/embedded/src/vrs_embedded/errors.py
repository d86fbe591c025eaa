"""The errors of the embedded stack; each message says what failed and where to look."""

from pathlib import Path


class StackError(RuntimeError):
    """The stack could not do what it was asked (start, stop, a service operation)."""


class MissingSecretsError(StackError):
    """The data folder has no development secrets yet (``vrs up`` creates them)."""


class ServiceFailedError(StackError):
    """A process of the stack died or did not become ready; the message ends with its log tail."""

    def __init__(self, service: str, reason: str, log_path: Path, log_tail: str) -> None:
        self.service = service
        self.reason = reason
        self.log_path = log_path
        self.log_tail = log_tail
        tail = log_tail.rstrip() or "(the log is empty)"
        super().__init__(
            f"{service} {reason}\n--- last lines of {log_path} ---\n{tail}\n--- end of {service} log ---"
        )
