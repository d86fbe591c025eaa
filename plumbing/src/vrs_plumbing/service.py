"""The command line of every service process: ``python -m vrs_<name> migrate|serve``."""

import argparse
import sys

import uvicorn

from vrs_plumbing.logging import configure_logging
from vrs_plumbing.migrations import upgrade
from vrs_plumbing.runtime import ServiceSpec, create_service_app


def run_service(spec: ServiceSpec, argv: list[str] | None = None) -> int:
    """Apply the service's migrations, or serve it until SIGTERM/SIGINT."""
    parser = argparse.ArgumentParser(
        prog=f"python -m vrs_{spec.schema}", description=f"The {spec.name} service."
    )
    parser.add_argument("command", choices=["migrate", "serve"])
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    settings = spec.settings_class()
    configure_logging(spec.name, settings.log_level)
    if args.command == "migrate":
        upgrade(settings.database_url, spec.schema, spec.migrations)
        return 0
    app = create_service_app(spec, settings)
    uvicorn.run(
        app,
        host=settings.http_host,
        port=settings.http_port or spec.default_port,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=10,
    )
    return 0
