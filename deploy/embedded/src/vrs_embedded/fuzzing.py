"""Test support for every service's Schemathesis test (imported by tests only): its OpenAPI
document loaded once, at collection, with a fixed seed and a bound on the examples; the warning
filter a served app needs; and the way generated ids are bent towards seeded records.

Loaded at collection, not from a fixture: ``schemathesis.pytest.from_fixture`` (4.32) sets
``Function._nodeid``, which pytest 9.2 no longer has.
"""

from collections.abc import Sequence
from typing import Any
from uuid import UUID

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.schemas import OpenApiSchema

RANDOM_IN_SERVER_THREAD = pytest.mark.filterwarnings(
    "ignore:Do not use the `random` module inside strategies"
    ":hypothesis.errors.HypothesisDeprecationWarning"
)
"""The served app's outbox relay publishes through aiokafka, which draws from the global
``random`` in the server's thread while Hypothesis generates in the test's; generation itself
stays seeded."""


def fuzzed_schema(
    document: dict[str, Any],
    *,
    seed: int,
    max_examples: int,
    accepted_statuses: Sequence[str],
    operations: Sequence[dict[str, Any]] = (),
) -> OpenApiSchema:
    """``document`` for Schemathesis: derandomized with ``seed``, at most ``max_examples`` per
    operation. ``accepted_statuses`` are the answers a request that fits the schema may get:
    the law lives in the domain, not the schema, so a well-shaped request may still be refused.
    ``operations`` hold per-operation settings. The check of unsupported methods is off: plumbing's
    405 drops Starlette's Allow header (reported to plumbing, errors.py)."""
    return schemathesis.openapi.from_dict(
        document,
        config=SchemathesisConfig.from_dict(
            {
                "seed": seed,
                "generation": {"deterministic": True, "max-examples": max_examples},
                "checks": {
                    "positive_data_acceptance": {"expected-statuses": list(accepted_statuses)},
                    "unsupported_method": {"enabled": False},
                },
                "operations": list(operations),
            }
        ),
    )


def even_uuid(value: object) -> bool:
    """Whether ``value`` is a UUID whose number is even: about half of those generated, the
    ones a test bends to name a seeded record (deterministically, within the schema)."""
    try:
        return isinstance(value, str) and UUID(value).int % 2 == 0
    except ValueError:
        return False
