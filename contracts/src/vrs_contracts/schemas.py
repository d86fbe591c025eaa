"""The JSON Schema of an event as it travels: its model wrapped in the envelope.

Schemas are taken in pydantic's "validation" mode, everywhere (schema files, AsyncAPI, the
compatibility check): they describe what :func:`vrs_contracts.envelope.decode` accepts, which
is the promise a consumer relies on; fields with defaults are optional, as a producer may omit
them. "serialization" mode would instead describe what our own producers happen to emit.
"""

from typing import Any, Final

from pydantic import BaseModel

from vrs_contracts.base import Event
from vrs_contracts.envelope import CloudEvent

SCHEMA_MODE: Final = "validation"


def envelope_model(event: type[Event]) -> type[BaseModel]:
    """The model of an event on the wire, ``CloudEvent[event]``."""
    return CloudEvent[event]  # type: ignore[valid-type]


def event_schema(event: type[Event]) -> dict[str, Any]:
    """The JSON Schema of ``CloudEvent[event]``, with its own ``$defs``."""
    return envelope_model(event).model_json_schema(mode=SCHEMA_MODE)
