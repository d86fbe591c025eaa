"""The AsyncAPI document describes every topic, its dead-letter twin and its events."""

from typing import Any

import pytest

from vrs_contracts.asyncapi import asyncapi_document
from vrs_contracts.topics import CATALOG, Topic

DOCUMENT = asyncapi_document()


def refs(node: Any) -> list[str]:
    """Every ``$ref`` value anywhere under ``node``."""
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in refs(value)]
    return []


def resolve(pointer: str) -> Any:
    """The node a local JSON pointer (``#/a/b``) names in the document."""
    node: Any = DOCUMENT
    for part in pointer.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def test_the_document_is_asyncapi_3() -> None:
    assert DOCUMENT["asyncapi"] == "3.0.0"


def test_every_reference_resolves_inside_the_document() -> None:
    for ref in refs(DOCUMENT):
        assert ref.startswith("#/"), ref
        resolve(ref)


@pytest.mark.parametrize("topic", CATALOG, ids=lambda topic: topic.name)
def test_a_topic_is_a_channel_with_its_catalog_facts(topic: Topic) -> None:
    channel = DOCUMENT["channels"][topic.name]
    assert channel["address"] == topic.name
    assert channel["description"] == topic.description
    assert channel["x-producer"] == topic.producer
    assert channel["x-consumers"] == list(topic.consumers)
    assert channel["x-key"] == topic.key
    assert channel["x-dlq"] == topic.dlq
    names = {resolve(ref["$ref"])["name"] for ref in channel["messages"].values()}
    assert names == {event.event_type for event in topic.events}


@pytest.mark.parametrize("topic", CATALOG, ids=lambda topic: topic.name)
def test_a_topic_has_its_dead_letter_twin(topic: Topic) -> None:
    assert DOCUMENT["channels"][topic.dlq]["x-dead-letters-of"] == topic.name


@pytest.mark.parametrize("topic", CATALOG, ids=lambda topic: topic.name)
def test_the_producer_sends_and_every_consumer_receives(topic: Topic) -> None:
    operations = DOCUMENT["operations"]
    assert operations[f"{topic.name}.send"]["x-service"] == topic.producer
    for consumer in topic.consumers:
        assert operations[f"{topic.name}.receive.{consumer}"]["action"] == "receive"
