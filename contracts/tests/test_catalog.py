"""The topic catalog is consistent with the events and follows the naming rules."""

import re

import pytest

from vrs_contracts.events import ALL_EVENTS, EVENT_TYPES
from vrs_contracts.topics import CATALOG, DLQ_SUFFIX, Topic, topic_of


@pytest.mark.parametrize("event", ALL_EVENTS, ids=lambda event: event.__name__)
def test_every_event_is_in_exactly_one_topic(event: type) -> None:
    carriers = [topic.name for topic in CATALOG if event in topic.events]
    assert len(carriers) == 1, f"{event.__name__} is carried by {carriers}"
    assert topic_of(event).name == carriers[0]


def test_every_event_a_topic_carries_is_registered() -> None:
    carried = {event for topic in CATALOG for event in topic.events}
    assert carried <= set(ALL_EVENTS)


def test_event_types_are_unique_and_end_with_their_version() -> None:
    assert len(EVENT_TYPES) == len(ALL_EVENTS)
    for event in ALL_EVENTS:
        assert event.event_type.endswith(f".v{event.version}"), event.event_type


def test_topic_names_are_unique() -> None:
    names = [topic.name for topic in CATALOG]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("topic", CATALOG, ids=lambda topic: topic.name)
def test_a_topic_name_ends_with_its_version(topic: Topic) -> None:
    assert re.search(r"\.v[1-9][0-9]*$", topic.name)


@pytest.mark.parametrize("topic", CATALOG, ids=lambda topic: topic.name)
def test_a_topic_name_is_never_a_dead_letter_name(topic: Topic) -> None:
    assert not topic.name.endswith(DLQ_SUFFIX)
    assert topic.dlq == topic.name + DLQ_SUFFIX


@pytest.mark.parametrize("topic", CATALOG, ids=lambda topic: topic.name)
def test_a_topic_names_its_producer_consumers_key_and_events(topic: Topic) -> None:
    assert topic.producer
    assert topic.consumers
    assert topic.key
    assert topic.events
    assert topic.partitions >= 1
