"""Does a new JSON Schema of an event still accept what the released one accepted?

:func:`breaking_changes` compares two JSON Schemas (as pydantic writes them: ``$defs``, local
``$ref``, ``anyOf`` for unions) and lists what would break a consumer or producer built against
the old one. The rule behind every check: a message valid under the old schema must stay valid
under the new one, and no property a consumer may read may disappear. So these break:

* a property removed, or newly required;
* a type changed or narrowed (``str | None`` to ``str``, ``string`` to ``integer``);
* an enum value removed, a ``const`` changed, values newly restricted to an enum;
* a bound tightened (``minimum``, ``maxLength``, ...), a ``pattern`` or ``format`` added or changed;
* ``additionalProperties`` closed, or constrained, where it was open.

Adding an optional property, an enum value or a type to a union is compatible.
"""

from typing import Any

Schema = dict[str, Any]

_LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
_UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
_EXACT = ("pattern", "format")


def breaking_changes(old: Schema, new: Schema) -> list[str]:
    """The problems, one line each naming the property path, that make ``new`` break ``old``.

    Takes two JSON Schema documents (each resolving its own ``$ref``); returns ``[]`` when
    ``new`` is backward compatible with ``old``.
    """
    return _Comparison(old, new).compare(old, new, "")


class _Comparison:
    """One walk over two schema documents, remembering the ``$ref`` pairs being compared."""

    def __init__(self, old_root: Schema, new_root: Schema) -> None:
        self.old_root = old_root
        self.new_root = new_root
        self.active: set[tuple[str, str]] = set()

    def compare(self, old: Schema, new: Schema, path: str) -> list[str]:
        """Problems of ``new`` against ``old`` at ``path``, following refs and union branches.

        Each branch of ``old`` must be accepted by some branch of ``new``; the problems of the
        closest branch are the ones reported.
        """
        problems: list[str] = []
        for old_ref, old_branch in _variants(old, self.old_root):
            candidates = [
                self._guarded((old_ref, new_ref), old_branch, new_branch, path)
                for new_ref, new_branch in _variants(new, self.new_root)
            ]
            closest: list[str] = min(candidates, key=len)
            problems += closest
        return problems

    def _guarded(self, refs: tuple[str, str], old: Schema, new: Schema, path: str) -> list[str]:
        """:meth:`_single`, except that a pair of refs already being compared (a cycle) is fine."""
        if not all(refs):
            return self._single(old, new, path)
        if refs in self.active:
            return []
        self.active.add(refs)
        try:
            return self._single(old, new, path)
        finally:
            self.active.discard(refs)

    def _single(self, old: Schema, new: Schema, path: str) -> list[str]:
        """Problems of one non-union schema against another."""
        where = path or "<root>"
        old_types, new_types = _types(old), _types(new)
        if new_types is not None and (old_types is None or not old_types <= new_types):
            return [
                f"{where}: type {_show(old_types)} is no longer accepted (now {_show(new_types)})"
            ]
        problems = _values(old, new, where) + _constraints(old, new, where)
        if "object" in (new_types or ()):
            problems += self._object(old, new, path)
        if "array" in (new_types or ()):
            problems += self.compare(old.get("items", {}), new.get("items", {}), f"{path}[]")
        return problems

    def _object(self, old: Schema, new: Schema, path: str) -> list[str]:
        """Problems among the properties, required list and additionalProperties of objects."""
        old_props: Schema = old.get("properties", {})
        new_props: Schema = new.get("properties", {})
        problems = [
            f"{_join(path, name)}: property removed" for name in old_props if name not in new_props
        ]
        problems += [
            f"{_join(path, name)}: property is now required"
            for name in new.get("required", [])
            if name not in old.get("required", [])
        ]
        for name in (name for name in old_props if name in new_props):
            problems += self.compare(old_props[name], new_props[name], _join(path, name))
        old_extra = _extra(old)
        new_extra = _extra(new)
        if new_extra is None and old_extra is not None:
            problems.append(f"{path or '<root>'}: additionalProperties closed")
        elif old_extra is not None and new_extra is not None:
            problems += self.compare(old_extra, new_extra, _join(path, "*"))
        return problems


def _variants(schema: Schema, root: Schema) -> list[tuple[str, Schema]]:
    """The branches of a schema, each with the last ``$ref`` followed to it (or "").

    Refs are resolved and nested ``anyOf``/``oneOf`` flattened.
    """
    ref, schema = _resolve(schema, root)
    branches = schema.get("anyOf", schema.get("oneOf"))
    if branches is None:
        return [(ref, schema)]
    return [variant for branch in branches for variant in _variants(branch, root)]


def _resolve(schema: Schema, root: Schema) -> tuple[str, Schema]:
    """Follow local ``$ref`` (``#/...``), keeping the referring schema's other keywords.

    Returns the last ref followed ("" if none) and the resolved schema.
    """
    ref = ""
    while "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#"):
            raise ValueError(f"only local $ref are supported, got {ref!r}")
        target: Any = root
        for part in ref[1:].split("/")[1:]:
            target = target[part.replace("~1", "/").replace("~0", "~")]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return ref, schema


def _types(schema: Schema) -> frozenset[str] | None:
    """The JSON types a schema allows (``integer`` implied by ``number``), or None for any."""
    declared = schema.get("type")
    if declared is None:
        return None
    types = frozenset([declared] if isinstance(declared, str) else declared)
    return types | {"integer"} if "number" in types else types


def _values(old: Schema, new: Schema, where: str) -> list[str]:
    """Problems with ``enum`` and ``const``: values removed, changed or newly restricted."""
    new_allowed = _allowed(new)
    old_allowed = _allowed(old)
    if new_allowed is None:
        return []
    if old_allowed is None:
        return [f"{where}: values now restricted to {new_allowed!r}"]
    if "const" in old and "const" in new and old["const"] != new["const"]:
        return [f"{where}: const changed from {old['const']!r} to {new['const']!r}"]
    removed = [value for value in old_allowed if value not in new_allowed]
    return [f"{where}: enum value {value!r} removed" for value in removed]


def _allowed(schema: Schema) -> list[Any] | None:
    """The values a schema pins by ``const`` or ``enum``, or None when it pins none."""
    if "const" in schema:
        return [schema["const"]]
    return schema.get("enum")


def _constraints(old: Schema, new: Schema, where: str) -> list[str]:
    """Problems with bounds tightened and with ``pattern``/``format`` added or changed."""
    problems = [
        f"{where}: {key} tightened to {new[key]!r}"
        for key in _LOWER_BOUNDS
        if key in new and (key not in old or new[key] > old[key])
    ]
    problems += [
        f"{where}: {key} tightened to {new[key]!r}"
        for key in _UPPER_BOUNDS
        if key in new and (key not in old or new[key] < old[key])
    ]
    problems += [
        f"{where}: {key} changed to {new[key]!r}"
        for key in _EXACT
        if key in new and new[key] != old.get(key)
    ]
    return problems


def _extra(schema: Schema) -> Schema | None:
    """``additionalProperties`` as a schema (``{}`` when open), or None when closed."""
    extra = schema.get("additionalProperties", True)
    if extra is False:
        return None
    return {} if extra is True else dict(extra)


def _join(path: str, name: str) -> str:
    """A property path: ``data.registrant.name``."""
    return f"{path}.{name}" if path else name


def _show(types: frozenset[str] | None) -> str:
    """A type set as text, e.g. ``null|string``, or ``any``."""
    return "|".join(sorted(types - {"integer"} if "number" in types else types)) if types else "any"
