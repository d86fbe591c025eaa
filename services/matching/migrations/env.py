"""Alembic environment: every service migrates only its own schema (vrs_plumbing.migrations)."""

from vrs_plumbing.migrations import run_env

run_env()
