"""Fixtures every test folder may use: real PostgreSQL and a real broker (vrs_embedded.testing)."""

pytest_plugins = ["vrs_embedded.testing"]
