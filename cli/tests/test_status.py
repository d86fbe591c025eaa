"""``vrs status``: each service's URL and whether it answers."""

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from vrs_cli.main import main
from vrs_embedded.ports import free_port
from vrs_embedded.state import StackInfo, read_info, write_info


class _Healthy(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200 if self.path == "/healthz" else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, fmt: str, *args: object) -> None:
        pass


@pytest.fixture
def healthy_url() -> Iterator[str]:
    """The URL of a server whose /healthz answers 200."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Healthy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _record(data_dir: Path, urls: dict[str, str]) -> None:
    write_info(
        data_dir / "run" / "stack.json",
        StackInfo(
            owner_pid=os.getpid(),
            owner_cmdline=None,
            urls=urls,
            bootstrap_servers="127.0.0.1:1",
            database_url="postgresql://postgres:@/vrs?host=/tmp/x",
        ),
    )


def test_vrs_status_shows_each_service_url_up_or_down_and_fails_if_one_is_down(
    data_dir: Path, healthy_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    down_url = f"http://127.0.0.1:{free_port()}"
    _record(data_dir, {"registration": healthy_url, "matching": down_url})

    code = main(["status", "--data-dir", str(data_dir)])

    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    assert lines[0] == f"stack of {data_dir} (started by pid {os.getpid()})"
    assert lines[1].split() == ["registration", healthy_url, "up"]
    assert lines[2].split() == ["matching", down_url, "DOWN"]
    assert lines[3].split() == ["broker", "127.0.0.1:1"]


def test_vrs_status_succeeds_when_every_service_answers(
    data_dir: Path, healthy_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _record(data_dir, {"registration": healthy_url, "audit": healthy_url})

    assert main(["status", "--data-dir", str(data_dir)]) == 0
    assert capsys.readouterr().out.count(" up") == 2


def test_vrs_status_says_when_the_stack_owner_has_exited(
    data_dir: Path, healthy_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _record(data_dir, {"registration": healthy_url})
    info = read_info(data_dir / "run" / "stack.json")
    assert info is not None
    info.owner_pid = _exited_pid()
    write_info(data_dir / "run" / "stack.json", info)

    main(["status", "--data-dir", str(data_dir)])

    assert "which has exited: `vrs up` again cleans up" in capsys.readouterr().out


def _exited_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid
