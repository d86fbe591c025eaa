"""Process management, with stand-in services: start, readiness, kill, restart, failures."""

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from vrs_embedded.errors import ServiceFailedError
from vrs_embedded.ports import free_port
from vrs_embedded.processes import ManagedProcess, http_ok, run_to_completion

FakeArgv = Callable[[str, str], list[str]]


def _env(port: int, **extra: str) -> dict[str, str]:
    return {**os.environ, "VRS_HTTP_HOST": "127.0.0.1", "VRS_HTTP_PORT": str(port), **extra}


@pytest.fixture
def started() -> Iterator[list[ManagedProcess]]:
    """Processes a test starts; each is killed at the end whatever happened."""
    processes: list[ManagedProcess] = []
    yield processes
    for process in processes:
        process.kill()


def _service(
    name: str, fake_argv: FakeArgv, data_dir: Path, started: list[ManagedProcess], **extra: str
) -> tuple[ManagedProcess, str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/healthz"
    process = ManagedProcess(
        name,
        fake_argv(name, "serve"),
        env=_env(port, **extra),
        log_path=data_dir / "logs" / f"{name}.log",
        probe=lambda: http_ok(url),
    )
    started.append(process)
    return process, url


def test_a_service_is_started_reported_healthy_killed_and_started_again(
    data_dir: Path, fake_argv: FakeArgv, started: list[ManagedProcess]
) -> None:
    process, url = _service("alpha", fake_argv, data_dir, started, FAKE_SLOW_START="0.5")

    process.start(action="serve")
    process.wait_ready(timeout=20)
    assert process.running
    assert process.ready()
    assert http_ok(url)
    first_pid = process.pid

    process.kill()
    assert not process.running
    assert process.returncode == -9
    assert not http_ok(url)

    process.start(action="serve")
    process.wait_ready(timeout=20)
    assert http_ok(url)
    assert process.pid != first_pid
    log = process.log_path.read_text()
    assert len(re.findall(r"===== .* alpha serve: ", log)) == 2, "the log is appended per start"
    assert "alpha: listening on" in process.log_tail()


def test_stopping_a_service_sends_sigterm_so_it_shuts_down_gracefully(
    data_dir: Path, fake_argv: FakeArgv, started: list[ManagedProcess]
) -> None:
    process, _ = _service("alpha", fake_argv, data_dir, started)
    process.start()
    process.wait_ready(timeout=20)

    assert process.stop(timeout=10) == 0
    assert "alpha: SIGTERM, stopping" in process.log_tail()


def test_a_service_that_exits_early_fails_with_an_error_naming_it_and_its_log_tail(
    data_dir: Path, fake_argv: FakeArgv, started: list[ManagedProcess]
) -> None:
    process, _ = _service("alpha", fake_argv, data_dir, started, FAKE_DIE_ON_SERVE="alpha")
    process.start()

    with pytest.raises(ServiceFailedError) as failure:
        process.wait_ready(timeout=20)

    error = failure.value
    assert error.service == "alpha"
    assert str(error).startswith("alpha exited with status 4 before it was ready")
    assert "cannot reach the widget store" in error.log_tail
    assert str(process.log_path) in str(error)


def test_a_service_that_never_becomes_healthy_times_out_with_an_error_naming_it(
    data_dir: Path, fake_argv: FakeArgv, started: list[ManagedProcess]
) -> None:
    process, _ = _service("alpha", fake_argv, data_dir, started, FAKE_NEVER_HEALTHY="alpha")
    process.start()

    with pytest.raises(ServiceFailedError, match=r"^alpha was not ready after 2 s") as failure:
        process.wait_ready(timeout=2)
    assert "alpha: listening on" in failure.value.log_tail


def test_a_failed_migration_names_the_service_with_its_log_tail(
    data_dir: Path, fake_argv: FakeArgv
) -> None:
    log_path = data_dir / "logs" / "alpha.log"
    env = {**os.environ, "FAKE_FAIL_MIGRATE": "alpha"}

    with pytest.raises(ServiceFailedError) as failure:
        run_to_completion(
            "alpha", fake_argv("alpha", "migrate"), env=env, log_path=log_path, timeout=30
        )

    assert str(failure.value).startswith("alpha `migrate` failed with exit status 3")
    assert "migration 0002 failed" in failure.value.log_tail


def test_a_successful_migration_appends_its_output_to_the_service_log(
    data_dir: Path, fake_argv: FakeArgv
) -> None:
    log_path = data_dir / "logs" / "alpha.log"
    env = {key: value for key, value in os.environ.items() if key != "VRS_DATABASE_URL"}

    run_to_completion(
        "alpha", fake_argv("alpha", "migrate"), env=env, log_path=log_path, timeout=30
    )
    run_to_completion(
        "alpha", fake_argv("alpha", "migrate"), env=env, log_path=log_path, timeout=30
    )

    assert log_path.read_text().count("alpha: migrated") == 2
