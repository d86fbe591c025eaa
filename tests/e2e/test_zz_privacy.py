"""No full SSN in any Kafka message, log line or audit record of the end-to-end run.

Runs after the other end-to-end modules (pytest collects files in name order), over everything
the session wrote.
"""

import psycopg
import pytest

from tests.e2e.kafka import read_all
from vrs_contracts.topics import CATALOG
from vrs_embedded.stack import Stack

pytestmark = pytest.mark.e2e


def spellings(ssn: str) -> list[str]:
    return [ssn, f"{ssn[:3]}-{ssn[3:5]}-{ssn[5:]}", f"{ssn[:3]} {ssn[3:5]} {ssn[5:]}"]


def test_no_submitted_ssn_appears_in_kafka_logs_or_the_audit_log(
    stack: Stack, submitted_ssns: set[str]
) -> None:
    assert submitted_ssns, "the end-to-end run submitted no SSN to look for"
    topics = [name for topic in CATALOG for name in (topic.name, topic.dlq)]
    messages = read_all(stack.bootstrap_servers, topics)
    assert messages
    kafka_text = "\n".join(
        value.decode(errors="replace") + repr(headers) for _topic, value, headers in messages
    )
    log_text = "\n".join(
        stack.log_path(name).read_text(errors="replace") for name in stack.services
    )
    with psycopg.connect(stack.database_url) as conn:
        audit_rows = conn.execute("SELECT row_to_json(a)::text FROM audit.access_log a").fetchall()
        outboxes = conn.execute(
            "SELECT convert_from(payload, 'UTF8') FROM registration.outbox"
            " UNION ALL SELECT convert_from(payload, 'UTF8') FROM matching.outbox"
        ).fetchall()
    audit_text = "\n".join(row[0] for row in audit_rows + outboxes)
    assert audit_rows
    for ssn in submitted_ssns:
        for written in spellings(ssn):
            assert written not in kafka_text, "a full SSN crossed Kafka"
            assert written not in log_text, "a full SSN reached a log line"
            assert written not in audit_text, "a full SSN reached the audit log or an outbox"
