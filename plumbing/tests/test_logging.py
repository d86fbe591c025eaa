"""Logging cannot print a full SSN, whatever the line and whoever writes it."""

import json
import logging
import sys

import pytest

from vrs_plumbing.logging import REDACTED, RedactingJsonFormatter, redact_ssn


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ssn 123456789 given", f"ssn {REDACTED} given"),
        ("ssn 123-45-6789 given", f"ssn {REDACTED} given"),
        ("ssn 123 45 6789 given", f"ssn {REDACTED} given"),
        ('{"ssn":"123456789"}', f'{{"ssn":"{REDACTED}"}}'),
        ("order 1234567890 is ten digits", "order 1234567890 is ten digits"),
        ("last four 6789 stay", "last four 6789 stay"),
        ("mixed 123-456789 separators stay", "mixed 123-456789 separators stay"),
    ],
)
def test_redaction_replaces_nine_digit_ssns_and_nothing_else(text: str, expected: str) -> None:
    assert redact_ssn(text) == expected


def test_a_log_line_with_an_ssn_in_its_message_and_extras_is_redacted() -> None:
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "applicant %s", ("123-45-6789",), None
    )
    record.detail = {"ssn": "987654321"}
    line = RedactingJsonFormatter("registration").format(record)
    assert "6789" not in line.replace(REDACTED, "")
    assert "987654321" not in line
    entry = json.loads(line)
    assert entry["service"] == "registration"
    assert entry["message"] == f"applicant {REDACTED}"


def test_an_exception_trace_holding_an_ssn_is_redacted() -> None:
    try:
        raise ValueError("bad ssn 123456789")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    line = RedactingJsonFormatter("matching").format(record)
    assert "123456789" not in line
