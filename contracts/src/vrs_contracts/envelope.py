"""The event envelope: CloudEvents 1.0 attributes plus correlation and causation ids.

Messages travel in CloudEvents' structured content mode: the Kafka value is the JSON of
:class:`CloudEvent`, the ``data`` member holding the event's own model.
"""

from datetime import UTC, datetime
from typing import Any, Generic, Literal, TypeVar
from uuid import UUID, uuid4

from pydantic import Field, ValidationError

from vrs_contracts.base import Contract, Event
from vrs_contracts.events import EVENT_TYPES

CONTENT_TYPE = "application/cloudevents+json"

DataT = TypeVar("DataT", bound=Event)


class EnvelopeError(ValueError):
    """A message that is not a valid envelope of a known event. The text names the problem."""


class _Attributes(Contract):
    specversion: Literal["1.0"] = Field(default="1.0", description="CloudEvents spec version.")
    id: UUID = Field(
        default_factory=uuid4, description="Unique id of this event; consumers dedupe on it."
    )
    type: str = Field(description="Event type, e.g. gov.nm.sos.vrs.application.accepted.v1.")
    source: str = Field(description="The service that produced the event, e.g. /vrs/registration.")
    subject: str | None = Field(
        default=None, description="The resource the event is about (an application or voter id)."
    )
    time: datetime = Field(
        default_factory=lambda: datetime.now(UTC), description="When the event happened (UTC)."
    )
    datacontenttype: Literal["application/json"] = Field(
        default="application/json", description="Media type of data."
    )
    correlation_id: UUID = Field(
        description="Id shared by every request and event of one flow (an application, intake to letter)."
    )
    causation_id: UUID | None = Field(
        default=None, description="Id of the event or request that caused this one."
    )


class CloudEvent(_Attributes, Generic[DataT]):
    """One event on the wire."""

    data: DataT = Field(description="The event's payload.")


class _Head(_Attributes):
    data: dict[str, Any]


def envelope(
    data: DataT,
    *,
    source: str,
    correlation_id: UUID,
    causation_id: UUID | None = None,
    subject: str | None = None,
) -> CloudEvent[DataT]:
    """Wrap an event's data in its envelope, taking the type from the event class."""
    return CloudEvent[DataT](
        type=type(data).event_type,
        source=source,
        subject=subject,
        correlation_id=correlation_id,
        causation_id=causation_id,
        data=data,
    )


def decode(raw: bytes) -> CloudEvent[Event]:
    """Parse a message value into its envelope, validating ``data`` against its event model.

    The result is a ``CloudEvent[<the event's model>]``, so dumping it again keeps all of
    ``data`` (a ``CloudEvent[Event]`` would dump ``data`` as ``{}``, the fields of ``Event``).
    Raises :class:`EnvelopeError` naming what was wrong; it never echoes the payload, which may
    hold personal data.
    """
    try:
        head = _Head.model_validate_json(raw)
    except ValidationError as exc:
        raise EnvelopeError(describe_validation_error(exc)) from None
    model = EVENT_TYPES.get(head.type)
    if model is None:
        raise EnvelopeError(f"unknown event type {head.type!r}")
    try:
        data = model.model_validate(head.data)
    except ValidationError as exc:
        raise EnvelopeError(describe_validation_error(exc)) from None
    typed: type[CloudEvent[Event]] = CloudEvent[model]  # type: ignore[valid-type]
    return typed.model_construct(**{**head.model_dump(), "data": data})


def describe_validation_error(exc: ValidationError) -> str:
    """Name the fields and problems of a validation error without the offending values."""
    return "; ".join(
        f"{'.'.join(str(p) for p in err['loc']) or 'message'}: {err['msg']}" for err in exc.errors()
    )
