"""Plumbing every service needs, written once: settings, database, outbox, inbox, Kafka, tokens,
audit emission, logging, telemetry. No service keeps a private copy of any of it."""
