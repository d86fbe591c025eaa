"""Today's schemas still accept what the last release promised."""

import json
from pathlib import Path

import pytest

from vrs_contracts.compat import breaking_changes
from vrs_contracts.events import EVENT_TYPES
from vrs_contracts.generate import CONTRACTS_DIR
from vrs_contracts.schemas import event_schema

RELEASED = sorted((CONTRACTS_DIR / "released").glob("*.json"))


def test_the_release_snapshot_holds_schemas() -> None:
    assert RELEASED, "contracts/released/ is empty; see contracts/README.md, 'Releases'"


@pytest.mark.parametrize("released", RELEASED, ids=lambda path: path.stem)
def test_every_released_event_type_still_exists(released: Path) -> None:
    assert released.stem in EVENT_TYPES, (
        f"{released.stem} was released and is gone: keep it (a breaking change is a new event type)"
    )


@pytest.mark.parametrize("released", RELEASED, ids=lambda path: path.stem)
def test_every_current_schema_is_backward_compatible_with_its_release(released: Path) -> None:
    model = EVENT_TYPES.get(released.stem)
    if model is None:
        pytest.fail(f"{released.stem} is no longer an event type")
    old = json.loads(released.read_text(encoding="utf-8"))
    assert breaking_changes(old, event_schema(model)) == []
