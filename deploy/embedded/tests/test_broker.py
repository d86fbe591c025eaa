"""The Tansu broker and the topics of the catalog."""

from pathlib import Path

from vrs_contracts.topics import CATALOG
from vrs_embedded.broker import TansuBroker, catalog_topics, ensure_topics, topic_partitions
from vrs_embedded.ports import free_port


def test_the_catalog_lists_every_topic_with_its_partitions_and_a_one_partition_dlq() -> None:
    topics = catalog_topics()

    assert len(topics) == 2 * len(CATALOG)
    for topic in CATALOG:
        assert topics[topic.name] == topic.partitions
        assert topics[topic.dlq] == 1


def test_the_broker_starts_and_every_catalog_topic_and_dlq_exists_with_its_partition_count(
    data_dir: Path,
) -> None:
    broker = TansuBroker(free_port(), data_dir / "logs" / "broker.log", env={})
    broker.start()
    try:
        ensure_topics(broker.bootstrap_servers, catalog_topics())

        found = topic_partitions(broker.bootstrap_servers, catalog_topics())
        assert found == catalog_topics()
        assert "listening on" in (data_dir / "logs" / "broker.log").read_text()
    finally:
        broker.stop()
    assert broker.process is not None
    assert not broker.process.running


def test_creating_the_topics_again_keeps_them_and_is_not_an_error(data_dir: Path) -> None:
    broker = TansuBroker(free_port(), data_dir / "broker.log", env={})
    broker.start()
    try:
        ensure_topics(broker.bootstrap_servers, catalog_topics())
        ensure_topics(broker.bootstrap_servers, catalog_topics())

        assert topic_partitions(broker.bootstrap_servers, catalog_topics()) == catalog_topics()
    finally:
        broker.stop()
