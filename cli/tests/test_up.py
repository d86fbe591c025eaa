"""``vrs up`` with real PostgreSQL and broker and stand-in services: it says where everything
is, prints a paste-ready example, and stops everything on SIGTERM."""

import argparse
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from vrs_cli import up
from vrs_cli.main import main
from vrs_embedded import ServiceSpec, Stack
from vrs_embedded.ports import port_in_use

FAKE_SERVICE = (
    Path(__file__).resolve().parents[2] / "deploy" / "embedded" / "tests" / "fake_service.py"
)
NAMES = ("registration", "matching")


def test_vrs_up_prints_the_services_and_an_example_then_stops_everything_on_sigterm(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = [
        ServiceSpec(n, "fake", 0, program=(sys.executable, str(FAKE_SERVICE), n)) for n in NAMES
    ]
    stacks: list[Stack] = []

    def build_stack(args: argparse.Namespace) -> Stack:
        stack = Stack.with_free_ports(args.data_dir, services=specs)
        stacks.append(stack)
        return stack

    def terminate_once_ready() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not (stacks and stacks[0].started):
            time.sleep(0.1)
        time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(up, "build_stack", build_stack)
    killer = threading.Thread(target=terminate_once_ready, daemon=True)
    killer.start()

    code = main(["up", "--data-dir", str(data_dir)])

    killer.join()
    captured = capsys.readouterr()
    stack = stacks[0]
    assert code == 0
    assert f"The Voter Records System runs from {data_dir}" in captured.out
    rows = [line.split() for line in captured.out.splitlines()]
    for name in NAMES:
        assert [name, stack.url(name)] in rows
    assert ["broker", stack.bootstrap_servers, "(Tansu,", "in", "memory)"] in rows
    assert ["database", f"postgresql://postgres:@/vrs?host={data_dir}/pg"] in rows
    assert ["logs", f"{data_dir}/logs/"] in rows
    assert (
        f"export TOKEN=$(vrs token --role county_clerk --county santa_fe --data-dir {data_dir})"
        in captured.out
    )
    assert f"curl -sS -X POST {stack.url('registration')}/v1/applications" in captured.out
    assert "Press Ctrl-C to stop." in captured.out
    assert "vrs: stack ready" in captured.err
    assert "vrs: stopped" in captured.err
    assert not stack.started
    assert not any(port_in_use(port) for port in stack.ports.values())
    assert not (data_dir / "pg" / "postmaster.pid").exists()
    assert not (data_dir / "run" / "stack.json").exists()
    assert signal.getsignal(signal.SIGTERM) is not up._interrupt, "handlers are restored"


def test_vrs_up_reports_a_service_that_fails_to_start_by_name_and_exits_1(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = [
        ServiceSpec(n, "fake", 0, program=(sys.executable, str(FAKE_SERVICE), n)) for n in NAMES
    ]
    monkeypatch.setattr(
        up,
        "build_stack",
        lambda args: Stack.with_free_ports(
            args.data_dir, services=specs, extra_env={"FAKE_DIE_ON_SERVE": "registration"}
        ),
    )

    code = main(["up", "--data-dir", str(data_dir)])

    err = capsys.readouterr().err
    assert code == 1
    assert "vrs up: registration exited with status 4 before it was ready" in err
    assert "cannot reach the widget store" in err
    assert "Traceback" not in err
    assert not (data_dir / "pg" / "postmaster.pid").exists()
