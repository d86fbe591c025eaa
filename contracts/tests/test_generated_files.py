"""The generated files on disk are the ones the contracts produce today."""

from pathlib import Path

import pytest

from vrs_contracts.generate import CONTRACTS_DIR, render, stale_files

FILES = render()


@pytest.mark.parametrize(
    "path", sorted(FILES), ids=lambda path: str(path.relative_to(CONTRACTS_DIR))
)
def test_generated_file_on_disk_matches_the_contracts(path: Path) -> None:
    name = path.relative_to(CONTRACTS_DIR)
    on_disk = path.read_text(encoding="utf-8") if path.is_file() else None
    assert on_disk == FILES[path], f"contracts/{name} is out of date: run `make schemas`"


def test_no_schema_file_is_left_over_from_a_removed_event() -> None:
    leftovers = [path for path in stale_files(FILES) if path not in FILES]
    assert leftovers == [], f"{leftovers} belong to no event: run `make schemas`"


def test_generation_is_deterministic() -> None:
    assert render() == FILES
