"""breaking_changes catches every change that breaks a consumer and lets the harmless ones by."""

import copy
from typing import Any

import pytest

from vrs_contracts.compat import breaking_changes
from vrs_contracts.events import ApplicationAccepted
from vrs_contracts.schemas import event_schema

DELETE = object()

BASE: dict[str, Any] = {
    "$defs": {
        "Color": {"enum": ["red", "green"], "title": "Color", "type": "string"},
        "Inner": {
            "additionalProperties": False,
            "properties": {"code": {"type": "string"}},
            "required": ["code"],
            "type": "object",
        },
    },
    "additionalProperties": False,
    "properties": {
        "name": {"description": "A name.", "maxLength": 50, "type": "string"},
        "nickname": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None},
        "count": {"minimum": 0, "type": "integer"},
        "ratio": {"type": "number"},
        "color": {"$ref": "#/$defs/Color", "description": "A color."},
        "version": {"const": "1.0", "type": "string"},
        "inner": {"$ref": "#/$defs/Inner"},
        "tags": {"items": {"type": "string"}, "type": "array"},
        "labels": {"additionalProperties": {"type": "string"}, "type": "object"},
        "meta": {"type": "object"},
    },
    "required": ["name", "count", "color", "version", "inner", "tags"],
    "type": "object",
}


def changed(*edits: tuple[str, Any]) -> dict[str, Any]:
    """A copy of BASE with each slash-separated path set to its value, or deleted (DELETE)."""
    schema = copy.deepcopy(BASE)
    for path, value in edits:
        *parents, last = path.split("/")
        node = schema
        for part in parents:
            node = node[part]
        if value is DELETE:
            del node[last]
        else:
            node[last] = value
    return schema


BREAKING = [
    ("a property removed", changed(("properties/nickname", DELETE)), "nickname: property removed"),
    (
        "an optional property made required",
        changed(("required", [*BASE["required"], "nickname"])),
        "nickname: property is now required",
    ),
    (
        "a new property that is required",
        changed(("properties/zip", {"type": "string"}), ("required", [*BASE["required"], "zip"])),
        "zip: property is now required",
    ),
    (
        "a type changed",
        changed(("properties/count/type", "string")),
        "count: type integer is no longer accepted",
    ),
    (
        "a nullable property made non-null",
        changed(("properties/nickname", {"type": "string"})),
        "nickname: type null is no longer accepted",
    ),
    (
        "a number narrowed to an integer",
        changed(("properties/ratio/type", "integer")),
        "ratio: type number is no longer accepted",
    ),
    (
        "an enum value removed",
        changed(("$defs/Color/enum", ["red"])),
        "color: enum value 'green' removed",
    ),
    (
        "a const changed",
        changed(("properties/version/const", "2.0")),
        "version: const changed from '1.0' to '2.0'",
    ),
    (
        "a free string restricted to an enum",
        changed(("properties/name/enum", ["Ana"])),
        "name: values now restricted",
    ),
    (
        "additionalProperties closed",
        changed(("properties/meta/additionalProperties", False)),
        "meta: additionalProperties closed",
    ),
    (
        "additionalProperties constrained",
        changed(("properties/meta/additionalProperties", {"type": "string"})),
        "meta.*: type any is no longer accepted",
    ),
    (
        "a property removed from a referenced definition",
        changed(("$defs/Inner/properties", {}), ("$defs/Inner/required", [])),
        "inner.code: property removed",
    ),
    (
        "a minimum raised",
        changed(("properties/count/minimum", 1)),
        "count: minimum tightened to 1",
    ),
    (
        "a maxLength lowered",
        changed(("properties/name/maxLength", 10)),
        "name: maxLength tightened to 10",
    ),
    ("a pattern added", changed(("properties/name/pattern", "^A")), "name: pattern changed"),
    (
        "a format added",
        changed(("properties/name/format", "uuid")),
        "name: format changed to 'uuid'",
    ),
    (
        "an array's item type changed",
        changed(("properties/tags/items/type", "integer")),
        "tags[]: type string is no longer accepted",
    ),
    (
        "a map's value type changed",
        changed(("properties/labels/additionalProperties/type", "integer")),
        "labels.*: type string is no longer accepted",
    ),
]

COMPATIBLE = [
    ("nothing changed", changed()),
    (
        "an optional property added",
        changed(("properties/zip", {"anyOf": [{"type": "string"}, {"type": "null"}]})),
    ),
    ("an enum value added", changed(("$defs/Color/enum", ["red", "green", "blue"]))),
    (
        "a required property made optional",
        changed(("required", [name for name in BASE["required"] if name != "name"])),
    ),
    (
        "a type widened to accept null",
        changed(
            ("properties/count", {"anyOf": [{"minimum": 0, "type": "integer"}, {"type": "null"}]})
        ),
    ),
    ("an integer widened to a number", changed(("properties/count/type", "number"))),
    ("a maxLength raised", changed(("properties/name/maxLength", 100))),
    ("a minimum removed", changed(("properties/count/minimum", DELETE))),
    ("a description changed", changed(("properties/name/description", "The name."))),
    ("additionalProperties opened", changed(("additionalProperties", True))),
    (
        "a definition renamed",
        changed(
            ("$defs/Colour", BASE["$defs"]["Color"]),
            ("$defs/Color", DELETE),
            ("properties/color/$ref", "#/$defs/Colour"),
        ),
    ),
    (
        "an inline schema moved into a definition",
        changed(
            ("$defs/Tags", BASE["properties"]["tags"]),
            ("properties/tags", {"$ref": "#/$defs/Tags"}),
        ),
    ),
]


@pytest.mark.parametrize(
    ("new", "expected"),
    [pytest.param(new, expected, id=name) for name, new, expected in BREAKING],
)
def test_a_breaking_change_is_reported(new: dict[str, Any], expected: str) -> None:
    problems = breaking_changes(BASE, new)
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize("new", [pytest.param(new, id=name) for name, new in COMPATIBLE])
def test_a_compatible_change_is_not_reported(new: dict[str, Any]) -> None:
    assert breaking_changes(BASE, new) == []


def test_a_field_removed_from_a_real_event_is_reported_under_its_envelope_path() -> None:
    old = event_schema(ApplicationAccepted)
    new = copy.deepcopy(old)
    del new["$defs"]["ApplicationAccepted"]["properties"]["person_key"]
    assert breaking_changes(old, new) == ["data.person_key: property removed"]


def test_a_county_added_to_a_real_event_is_compatible() -> None:
    old = event_schema(ApplicationAccepted)
    new = copy.deepcopy(old)
    new["$defs"]["County"]["enum"].append("new_county")
    assert breaking_changes(old, new) == []


def test_a_recursive_schema_is_compared_without_looping_forever() -> None:
    node = {
        "properties": {
            "child": {"anyOf": [{"$ref": "#/$defs/Node"}, {"type": "null"}]},
            "label": {"type": "string"},
        },
        "type": "object",
    }
    old = {"$defs": {"Node": node}, "$ref": "#/$defs/Node"}
    new = copy.deepcopy(old)
    new["$defs"]["Node"]["properties"]["label"]["type"] = "integer"
    assert breaking_changes(old, old) == []
    assert breaking_changes(old, new) == ["label: type string is no longer accepted (now integer)"]


def test_a_remote_ref_is_refused() -> None:
    remote = {"$ref": "https://example.org/schema.json"}
    with pytest.raises(ValueError, match="only local"):
        breaking_changes(remote, remote)
