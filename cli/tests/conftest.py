"""Fixtures of the ``vrs`` command's tests: short data folders."""

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def data_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder with a short path; ``VRS_DATA_DIR`` is cleared so only flags count."""
    monkeypatch.delenv("VRS_DATA_DIR", raising=False)
    path = Path(tempfile.mkdtemp(prefix="vrs-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)
