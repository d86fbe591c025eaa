"""A stand-in for a real service, run as ``python fake_service.py NAME migrate|serve``.

It honours the same contract as the real ones: configuration from ``VRS_*`` variables,
``migrate`` exits 0, ``serve`` answers ``GET /healthz`` with 200 until SIGTERM. Tests steer it
through variables naming the service they target:

- ``FAKE_FAIL_MIGRATE=NAME``: ``migrate`` prints an error and exits 3;
- ``FAKE_DIE_ON_SERVE=NAME``: ``serve`` prints an error and exits 4 at once;
- ``FAKE_NEVER_HEALTHY=NAME``: ``/healthz`` answers 503 forever;
- ``FAKE_SLOW_START`` (seconds): ``serve`` waits that long before listening.

``migrate`` creates the schema ``fake_<name>`` in ``VRS_DATABASE_URL`` when that is set, and
``GET /env`` answers the process's ``VRS_*`` and ``XDG_RUNTIME_DIR`` variables as JSON.
"""

import json
import os
import signal
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import FrameType

import psycopg


def migrate(name: str) -> int:
    if os.environ.get("FAKE_FAIL_MIGRATE") == name:
        print(f"{name}: migration 0002 failed: relation already exists", flush=True)
        return 3
    url = os.environ.get("VRS_DATABASE_URL")
    if url:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA IF NOT EXISTS "fake_{name.replace("-", "_")}"')
    print(f"{name}: migrated", flush=True)
    return 0


def serve(name: str) -> int:
    if os.environ.get("FAKE_DIE_ON_SERVE") == name:
        print(f"{name}: cannot reach the widget store, giving up", flush=True)
        return 4
    time.sleep(float(os.environ.get("FAKE_SLOW_START", "0")))
    healthy = os.environ.get("FAKE_NEVER_HEALTHY") != name

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/healthz":
                self._answer(200 if healthy else 503, {"service": name})
            elif self.path == "/env":
                keys = [k for k in os.environ if k.startswith("VRS_") or k == "XDG_RUNTIME_DIR"]
                self._answer(200, {k: os.environ[k] for k in keys})
            else:
                self._answer(404, {"error": "not found"})

        def _answer(self, status: int, body: object) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, fmt: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(
        (os.environ["VRS_HTTP_HOST"], int(os.environ["VRS_HTTP_PORT"])), Handler
    )

    def on_term(signum: int, frame: FrameType | None) -> None:
        print(f"{name}: SIGTERM, stopping", flush=True)
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, on_term)
    print(f"{name}: listening on {server.server_address}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    service, action = sys.argv[1], sys.argv[2]
    sys.exit(migrate(service) if action == "migrate" else serve(service))
