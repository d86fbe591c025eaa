"""The AsyncAPI 3.0 document of the topic catalog, built from :data:`~vrs_contracts.topics.CATALOG`.

It is built here rather than by FastStream's generator because FastStream gives each publisher
its own channel and message: a topic carrying three event types would become three channels with
the same address, and it has no place for a topic's consumers, key or dead-letter twin. Here a
topic is one channel whose messages are its events; its DLQ is a second channel; producer,
consumers and key travel as ``x-`` extensions and as the Kafka bindings.
"""

from importlib.metadata import version
from typing import Any

from pydantic.json_schema import models_json_schema

from vrs_contracts.base import Event
from vrs_contracts.envelope import CONTENT_TYPE
from vrs_contracts.schemas import SCHEMA_MODE, envelope_model
from vrs_contracts.topics import CATALOG, Topic

_BINDING_VERSION = "0.5.0"
_DEAD_LETTER = "DeadLetter"


def asyncapi_document() -> dict[str, Any]:
    """The AsyncAPI 3.0 document of every topic, its DLQ twin and the events they carry."""
    refs, schemas = models_json_schema(
        [(envelope_model(event), SCHEMA_MODE) for topic in CATALOG for event in topic.events],
        ref_template="#/components/schemas/{model}",
    )
    messages = {
        event.__name__: _message(event, topic, refs[(envelope_model(event), SCHEMA_MODE)])
        for topic in CATALOG
        for event in topic.events
    }
    messages[_DEAD_LETTER] = {
        "name": _DEAD_LETTER,
        "summary": "A message a consumer could not handle, parked unchanged.",
        "description": "The value and key are the original message's, byte for byte; the "
        "headers add the error and the message's origin (topic, partition, offset).",
        "payload": {},
    }
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    for topic in CATALOG:
        channels[topic.name] = {
            **_channel(topic.name, topic, topic.description, [e.__name__ for e in topic.events]),
            "x-producer": topic.producer,
            "x-consumers": list(topic.consumers),
            "x-key": topic.key,
            "x-dlq": topic.dlq,
        }
        channels[topic.dlq] = {
            **_channel(topic.dlq, topic, f"Dead letters of {topic.name}.", [_DEAD_LETTER]),
            "x-dead-letters-of": topic.name,
        }
        operations.update(_operations(topic))
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Voter Records System events",
            "version": version("vrs-contracts"),
            "description": "Every Kafka topic of the statewide voter registration system, who "
            "writes it, who reads it, its key and the CloudEvents it carries.",
        },
        "defaultContentType": CONTENT_TYPE,
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": schemas["$defs"]},
    }


def _message(event: type[Event], topic: Topic, payload_ref: dict[str, Any]) -> dict[str, Any]:
    """The message object of one event: its envelope schema, correlation id and Kafka key."""
    return {
        "name": event.event_type,
        "title": event.__name__,
        "summary": (event.__doc__ or "").strip().splitlines()[0],
        "contentType": CONTENT_TYPE,
        "payload": payload_ref,
        "correlationId": {"location": "$message.payload#/correlation_id"},
        "bindings": {
            "kafka": {
                "key": {"type": "string", "description": topic.key},
                "bindingVersion": _BINDING_VERSION,
            }
        },
    }


def _channel(
    address: str, topic: Topic, description: str, message_names: list[str]
) -> dict[str, Any]:
    """The channel of a topic or of its DLQ (``address``), carrying the named messages."""
    return {
        "address": address,
        "description": description,
        "messages": {name: {"$ref": f"#/components/messages/{name}"} for name in message_names},
        "bindings": {
            "kafka": {
                "topic": address,
                "partitions": topic.partitions,
                "bindingVersion": _BINDING_VERSION,
            }
        },
    }


def _operations(topic: Topic) -> dict[str, Any]:
    """The producer's send, each consumer's receive, and the consumers' sends to the DLQ."""
    events = [event.__name__ for event in topic.events]
    operations: dict[str, Any] = {
        f"{topic.name}.send": {
            "action": "send",
            "channel": {"$ref": f"#/channels/{topic.name}"},
            "messages": _message_refs(topic.name, events),
            "summary": f"{topic.producer} publishes",
            "x-service": topic.producer,
        },
        f"{topic.dlq}.send": {
            "action": "send",
            "channel": {"$ref": f"#/channels/{topic.dlq}"},
            "messages": _message_refs(topic.dlq, [_DEAD_LETTER]),
            "summary": f"A consumer of {topic.name} parks a message it cannot handle",
        },
    }
    for consumer in topic.consumers:
        operations[f"{topic.name}.receive.{consumer}"] = {
            "action": "receive",
            "channel": {"$ref": f"#/channels/{topic.name}"},
            "messages": _message_refs(topic.name, events),
            "summary": f"{consumer} consumes",
            "x-service": consumer,
        }
    return operations


def _message_refs(channel: str, names: list[str]) -> list[dict[str, str]]:
    """References to the named messages of a channel, as an operation lists them."""
    return [{"$ref": f"#/channels/{channel}/messages/{name}"} for name in names]
