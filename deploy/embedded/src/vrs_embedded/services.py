"""The five services of the system: their names, Python modules and default HTTP ports.

Every service is a module runnable as ``python -m MODULE migrate`` (applies its database
migrations, exits 0) and ``python -m MODULE serve`` (the long-running HTTP + Kafka process,
ready when ``GET /healthz`` answers 200).
"""

import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceSpec:
    """How to run one service.

    ``program`` replaces ``python -m MODULE`` (tests run stand-in services through it); the
    action (``migrate`` or ``serve``) is always appended as the last argument.
    """

    name: str
    module: str
    port: int
    program: tuple[str, ...] | None = None

    def command(self, action: str) -> list[str]:
        """The argument vector that runs ``action`` of this service."""
        program = self.program if self.program is not None else (sys.executable, "-m", self.module)
        return [*program, action]


SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec("registration", "vrs_registration", 8001),
    ServiceSpec("matching", "vrs_matching", 8002),
    ServiceSpec("notifications", "vrs_notifications", 8003),
    ServiceSpec("records-requests", "vrs_records_requests", 8004),
    ServiceSpec("audit", "vrs_audit", 8005),
)
SERVICE_NAMES: tuple[str, ...] = tuple(spec.name for spec in SERVICES)
DEFAULT_PORTS: dict[str, int] = {spec.name: spec.port for spec in SERVICES}
DEFAULT_BROKER_PORT = 9092
