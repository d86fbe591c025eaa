"""Fixtures of the embedded stack's tests: short data folders, stand-in services."""

import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from vrs_embedded import ServiceSpec

FAKE_SERVICE = Path(__file__).with_name("fake_service.py")
FAKE_NAMES = ("alpha", "matching")


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
