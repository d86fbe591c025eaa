"""Free loopback TCP ports, for tests and for running several stacks side by side."""

import socket
from collections.abc import Iterable
from contextlib import ExitStack

LOOPBACK = "127.0.0.1"


def free_port(host: str = LOOPBACK) -> int:
    """A TCP port nothing listens on at the moment (the OS may hand it out again later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def free_ports(names: Iterable[str], host: str = LOOPBACK) -> dict[str, int]:
    """One distinct free port per name (all sockets are held open until every port is chosen)."""
    ports: dict[str, int] = {}
    with ExitStack() as held:
        for name in names:
            sock = held.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
            sock.bind((host, 0))
            ports[name] = sock.getsockname()[1]
    return ports


def port_in_use(port: int, host: str = LOOPBACK) -> bool:
    """Whether something already listens on ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0
