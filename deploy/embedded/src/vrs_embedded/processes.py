"""Child processes of the stack: started with their output appended to a log file, probed until
ready, stopped gracefully (SIGTERM, then SIGKILL after a timeout) or killed outright.

Each child runs in its own session, so a Ctrl-C in the terminal reaches only the ``vrs``
process, which then stops the children in order.
"""

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import httpx

from vrs_embedded.errors import ServiceFailedError

Probe = Callable[[], bool]
TAIL_LINES = 40
POLL_SECONDS = 0.1


def http_ok(url: str, timeout: float = 1.0) -> bool:
    """Whether ``GET url`` answers 200 (proxies from the environment are ignored)."""
    try:
        return httpx.get(url, timeout=timeout, trust_env=False).status_code == 200
    except httpx.HTTPError:
        return False


def tcp_open(host: str, port: int, timeout: float = 0.5) -> bool:
    """Whether something accepts TCP connections on ``host:port``."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


class ManagedProcess:
    """One child process: its command, environment, log file and readiness probe.

    It can be started again after it stopped or was killed; every start appends to the log,
    after a header line, and :meth:`log_tail` shows only what the latest start wrote.
    """

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        *,
        env: Mapping[str, str],
        log_path: Path,
        probe: Probe | None = None,
    ) -> None:
        self.name = name
        self.argv = list(argv)
        self.env = dict(env)
        self.log_path = log_path
        self.probe = probe
        self._popen: subprocess.Popen[bytes] | None = None
        self._log_offset = 0

    @property
    def pid(self) -> int | None:
        """Process id of the latest start, if there was one."""
        return self._popen.pid if self._popen is not None else None

    @property
    def returncode(self) -> int | None:
        """Exit status once the process has ended (negative: killed by that signal)."""
        return self._popen.poll() if self._popen is not None else None

    @property
    def running(self) -> bool:
        """Whether the process was started and has not ended."""
        return self._popen is not None and self._popen.poll() is None

    def start(self, action: str = "start") -> None:
        """Start the process (it must not be running); ``action`` only labels the log header."""
        if self.running:
            raise RuntimeError(f"{self.name} is already running (pid {self.pid})")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            log.write(_header(self.name, action, self.argv))
            log.flush()
            self._log_offset = log.tell()
            self._popen = subprocess.Popen(  # noqa: S603 - argv is built by the stack, not a shell
                self.argv,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def ready(self) -> bool:
        """Whether the probe says the process serves (no probe: whether it runs)."""
        if not self.running:
            return False
        return self.probe() if self.probe is not None else True

    def wait_ready(self, timeout: float) -> None:
        """Wait until :meth:`ready`; :class:`ServiceFailedError` if it dies or time runs out."""
        wait_all_ready([self], timeout)

    def wait(self, timeout: float) -> int:
        """Wait for the process to end; its exit status. ``TimeoutExpired`` if it does not."""
        if self._popen is None:
            raise RuntimeError(f"{self.name} was never started")
        return self._popen.wait(timeout)

    def stop(self, timeout: float = 10.0) -> int | None:
        """SIGTERM, then SIGKILL if it still runs after ``timeout`` seconds; its exit status."""
        if self._popen is None:
            return None
        if self._popen.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self._popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self._popen.wait()
        return self._popen.returncode

    def kill(self) -> None:
        """SIGKILL the process (and its process group) and reap it."""
        if self._popen is None:
            return
        if self._popen.poll() is None:
            self._signal(signal.SIGKILL)
        self._popen.wait()

    def log_tail(self, lines: int = TAIL_LINES) -> str:
        """The last lines the latest start wrote to the log."""
        try:
            with self.log_path.open("rb") as log:
                log.seek(self._log_offset)
                text = log.read().decode(errors="replace")
        except FileNotFoundError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def failure(self, reason: str) -> ServiceFailedError:
        """An error naming this process, with ``reason`` and the tail of its log."""
        return ServiceFailedError(self.name, reason, self.log_path, self.log_tail())

    def _signal(self, signum: signal.Signals) -> None:
        assert self._popen is not None
        try:
            # The child leads its own session and process group: reach its children too.
            os.killpg(self._popen.pid, signum)
        except ProcessLookupError:
            pass
        except PermissionError:
            self._popen.send_signal(signum)


def wait_all_ready(processes: Sequence[ManagedProcess], timeout: float) -> None:
    """Wait until every process is ready; the first that dies or is late raises, by name."""
    deadline = time.monotonic() + timeout
    pending = list(processes)
    while pending:
        for process in list(pending):
            code = process.returncode
            if code is not None:
                raise process.failure(f"exited with status {code} before it was ready")
            if process.ready():
                pending.remove(process)
        if not pending:
            return
        if time.monotonic() > deadline:
            late = pending[0]
            raise late.failure(f"was not ready after {timeout:g} s (still running, pid {late.pid})")
        time.sleep(POLL_SECONDS)


def run_to_completion(
    name: str, argv: Sequence[str], *, env: Mapping[str, str], log_path: Path, timeout: float
) -> None:
    """Run a one-shot command (a migration) to its end; :class:`ServiceFailedError` unless it
    exits 0 within ``timeout`` seconds."""
    run_all_to_completion([ManagedProcess(name, argv, env=env, log_path=log_path)], timeout)


def run_all_to_completion(processes: Sequence[ManagedProcess], timeout: float) -> None:
    """Run one-shot commands side by side; the first that fails or is late raises by name
    (:class:`ServiceFailedError`) and the others are killed. The last argument of each command
    (``migrate``) labels it in logs and errors."""
    for process in processes:
        process.start(action=_action(process))
    deadline = time.monotonic() + timeout
    pending = list(processes)
    try:
        while pending:
            for process in list(pending):
                code = process.returncode
                if code is None:
                    continue
                pending.remove(process)
                if code != 0:
                    raise process.failure(f"`{_action(process)}` failed with exit status {code}")
            if pending and time.monotonic() > deadline:
                late = pending[0]
                raise late.failure(f"`{_action(late)}` did not finish in {timeout:g} s")
            if pending:
                time.sleep(POLL_SECONDS)
    except BaseException:
        for process in processes:
            process.kill()
        raise


def _action(process: ManagedProcess) -> str:
    return process.argv[-1] if process.argv else "run"


def terminate_leftover(pid: int, argv: Sequence[str], timeout: float = 5.0) -> bool:
    """Stop a process a crashed run left behind, but only if ``pid`` still runs ``argv``
    (Linux: checked through /proc, so a reused process id is never hit). Whether it was stopped.
    """
    if not _runs(pid, argv):
        return False
    for signum in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, signum)
        except (ProcessLookupError, PermissionError):
            return False
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _runs(pid, argv):
                return True
            time.sleep(POLL_SECONDS)
    return not _runs(pid, argv)


def process_cmdline(pid: int) -> list[str] | None:
    """The argument vector of a running process (Linux), or None if unknown or gone."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    if not raw:  # a zombie: the process has ended
        return None
    return raw.rstrip(b"\0").decode(errors="replace").split("\0")


def _runs(pid: int, argv: Sequence[str]) -> bool:
    return process_cmdline(pid) == list(argv)


def _header(name: str, action: str, argv: Sequence[str]) -> bytes:
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    return f"\n===== {stamp} {name} {action}: {' '.join(argv)} =====\n".encode()
