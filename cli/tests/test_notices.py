"""``vrs notices sla``: the SLA view of the notifications service, printed per county."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from vrs_cli.main import main
from vrs_embedded.layout import DataLayout
from vrs_embedded.secrets import ensure_secrets
from vrs_embedded.state import StackInfo, write_info

NOTICE = {
    "notice_id": "00000000-0000-0000-0000-000000000007",
    "type": "rejection_non_citizen",
    "clause": "1.10.35.8 C(2)",
    "language": "en",
    "due_date": "2026-11-20",
    "state": "scheduled",
    "sent_at": None,
}


class _Sla(BaseHTTPRequestHandler):
    asked: list[tuple[str, str]] = []  # noqa: RUF012 -- the test reads what the server saw

    def do_GET(self) -> None:
        self.asked.append((self.path, self.headers["Authorization"]))
        body = json.dumps(
            [
                {
                    "county": "santa_fe",
                    "today": "2026-11-23",
                    "overdue": [NOTICE],
                    "due_today": [],
                    "due_tomorrow": [],
                    "sent_late": 2,
                }
            ]
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt: str, *args: Any) -> None:
        pass


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Path]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Sla)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    layout = DataLayout.of(tmp_path)
    ensure_secrets(layout.secrets)
    write_info(
        layout.stack_file,
        StackInfo(
            owner_pid=0,
            owner_cmdline=None,
            urls={"notifications": f"http://127.0.0.1:{server.server_address[1]}"},
            bootstrap_servers="127.0.0.1:1",
            database_url="postgresql://postgres:@/vrs?host=/tmp/x",
        ),
    )
    _Sla.asked = []
    yield tmp_path
    server.shutdown()
    server.server_close()


def test_vrs_notices_sla_prints_the_county_view_and_fails_when_a_notice_is_overdue(
    stack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["notices", "sla", "--county", "santa_fe", "--data-dir", str(stack)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[0] == "santa_fe (2026-11-23): 1 OVERDUE, 0 due today, 0 due tomorrow, 2 sent late"
    assert "rejection_non_citizen" in out[1]
    assert "1.10.35.8 C(2)" in out[1]
    ((path, authorization),) = _Sla.asked
    assert path == "/v1/notices/sla?county=santa_fe"
    assert authorization.startswith("Bearer ")
