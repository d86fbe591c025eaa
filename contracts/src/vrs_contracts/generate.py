"""Write the generated contract files: event schemas, the AsyncAPI document and TOPICS.md.

``python -m vrs_contracts.generate`` (``make schemas``) rewrites, under ``contracts/``:

* ``schemas/<event_type>.json``: the JSON Schema of ``CloudEvent[Model]`` for every event;
* ``asyncapi.json``: the AsyncAPI 3.0 document of the topic catalog;
* ``TOPICS.md``: the catalog as a table for people.

With ``--check`` it writes nothing, names every file that differs from what it would write, and
exits 1 if any does. Output is deterministic: sorted keys, 2-space indent, trailing newline.

Schemas are in pydantic's "validation" mode; :mod:`vrs_contracts.schemas` says why.
"""

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from vrs_contracts.asyncapi import asyncapi_document
from vrs_contracts.events import ALL_EVENTS
from vrs_contracts.schemas import event_schema
from vrs_contracts.topics import CATALOG

CONTRACTS_DIR = Path(__file__).resolve().parents[2]
SCHEMAS_DIR = CONTRACTS_DIR / "schemas"


def to_json(document: Any) -> str:
    """A JSON document as written to disk: sorted keys, 2-space indent, trailing newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def topics_markdown() -> str:
    """TOPICS.md: one row per topic of the catalog."""
    lines = [
        "# Topics",
        "",
        "Generated from `vrs_contracts.topics.CATALOG` by `make schemas`; do not edit.",
        "Every topic has a dead-letter twin, `<topic>.dlq`.",
        "",
        "| Topic | Producer | Consumers | Key | Events | Description |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for topic in CATALOG:
        events = "<br>".join(f"`{event.event_type}`" for event in topic.events)
        cells = [f"`{topic.name}`", topic.producer, ", ".join(topic.consumers)]
        cells += [topic.key, events, topic.description]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def render() -> dict[Path, str]:
    """Every generated file, by absolute path, with the text it must hold."""
    files = {
        SCHEMAS_DIR / f"{event.event_type}.json": to_json(event_schema(event))
        for event in ALL_EVENTS
    }
    files[CONTRACTS_DIR / "asyncapi.json"] = to_json(asyncapi_document())
    files[CONTRACTS_DIR / "TOPICS.md"] = topics_markdown()
    return files


def stale_files(files: dict[Path, str]) -> list[Path]:
    """Files of ``files`` whose text on disk differs, and schema files of events that are gone."""
    differing = [
        path
        for path, text in files.items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    return differing + sorted(set(SCHEMAS_DIR.glob("*.json")) - files.keys())


def main(argv: list[str] | None = None) -> int:
    """Write the generated files (or, with ``--check``, report the stale ones); the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m vrs_contracts.generate", description="Write the generated contract files."
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a file differs"
    )
    check = parser.parse_args(argv).check
    files = render()
    stale = stale_files(files)
    for path in stale:
        name = path.relative_to(CONTRACTS_DIR)
        if check:
            print(f"out of date: contracts/{name} (run `make schemas`)", file=sys.stderr)
        elif path in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(files[path], encoding="utf-8")
            print(f"wrote contracts/{name}")
        else:
            path.unlink()
            print(f"removed contracts/{name}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
