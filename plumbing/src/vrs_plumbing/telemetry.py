"""OpenTelemetry: one tracer provider per process, named after the service.

Spans cross HTTP (a server span per request, continuing a caller's ``traceparent``) and Kafka
(FastStream's telemetry middleware; the outbox carries the trace context of the transaction
that wrote the event), so one application is one trace from intake to letter.
Set ``VRS_TRACE_CONSOLE=1`` to print spans to stderr; production wires an exporter here.
"""

import os

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SimpleSpanProcessor


def configure_tracing(service: str) -> TracerProvider:
    """Install and return the process's tracer provider."""
    provider = TracerProvider(resource=Resource.create({"service.name": f"vrs-{service}"}))
    if os.environ.get("VRS_TRACE_CONSOLE") == "1":
        provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter()))
    trace.set_tracer_provider(provider)
    return provider
