"""Structured JSON logging that cannot print a full SSN.

The redaction sits in the formatter of the root handler, so it applies to every line any library
writes (uvicorn, aiokafka, FastStream), not only to ours: any run of nine digits that looks like
an SSN (``123456789``, ``123-45-6789``, ``123 45 6789``) is replaced before the line is written.
"""

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any, Final

SSN_PATTERN: Final = re.compile(r"(?<!\d)\d{3}([- ]?)\d{2}\1\d{4}(?!\d)")
REDACTED: Final = "[REDACTED-SSN]"

_STANDARD_ATTRIBUTES: Final = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__
) | {"message", "asctime", "taskName"}


def redact_ssn(text: str) -> str:
    """Replace every SSN-shaped run of nine digits in ``text``."""
    return SSN_PATTERN.sub(REDACTED, text)


class RedactingJsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, service, message and any ``extra`` fields."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self._service = service

    def format(self, record: logging.LogRecord) -> str:
        """Render the record as JSON, with every SSN-shaped value redacted."""
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "service": self._service,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRIBUTES:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return redact_ssn(json.dumps(entry, default=str))


def configure_logging(service: str, level: str = "INFO") -> None:
    """Route every logger of the process through one redacting JSON handler on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingJsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "aiokafka", "faststream"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
    logging.getLogger("aiokafka").setLevel(max(logging.getLevelName(level), logging.WARNING))
