"""The base of every contract model: frozen, closed to unknown fields, described field by field."""

from typing import ClassVar

from pydantic import BaseModel, ConfigDict


class Contract(BaseModel):
    """A model that crosses a service boundary. Frozen, and it refuses fields it does not know."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class Event(Contract):
    """The ``data`` of an integration event. Each concrete event names its type and version.

    ``event_type`` is the CloudEvents ``type``; a breaking change is a new class with a new
    version and a new type, never an edit of a released one.
    """

    event_type: ClassVar[str]
    version: ClassVar[int] = 1
