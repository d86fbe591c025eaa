"""``vrs up`` asks for the demo data unless ``--no-demo``, and once it is loaded prints a demo
licence to try the online identity check with."""

import argparse
import sys
from pathlib import Path

import pytest

from vrs_cli import up
from vrs_cli.main import build_parser
from vrs_embedded import ServiceSpec, Stack
from vrs_embedded.demo import demo_licence

FAKE_SERVICE = (
    Path(__file__).resolve().parents[2] / "deploy" / "embedded" / "tests" / "fake_service.py"
)
NAMES = ("registration", "matching")


def parsed(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["up", *argv])


@pytest.mark.parametrize(("argv", "demo_data"), [((), True), (("--no-demo",), False)])
def test_vrs_up_loads_demo_data_on_a_first_start_unless_told_not_to(
    data_dir: Path, argv: tuple[str, ...], demo_data: bool
) -> None:
    stack = up.build_stack(parsed("--data-dir", str(data_dir), *argv))

    assert stack.demo_data is demo_data


def test_the_banner_prints_the_demo_licence_once_the_demo_data_is_loaded(
    data_dir: Path,
) -> None:
    specs = [
        ServiceSpec(n, "fake", 0, program=(sys.executable, str(FAKE_SERVICE), n)) for n in NAMES
    ]
    (data_dir / "demo-data").write_text("loaded\n")  # as a first start left it
    licence = demo_licence()

    with Stack.with_free_ports(data_dir, services=specs) as stack:
        text = up.banner(stack)

    assert f"made-up person: {licence.first_name} {licence.last_name}" in text
    assert f"export PORTAL=$(vrs token --role ovr_portal --data-dir {data_dir})" in text
    assert f"curl -sS -X POST {stack.url('registration')}/v1/identity-checks" in text
    assert (
        f'{{"mvd_id": "{licence.mvd_id}", "ssn": "{licence.ssn}", '
        f'"date_of_birth": "{licence.date_of_birth.isoformat()}"}}'
    ) in text
    assert text.endswith("Press Ctrl-C to stop.")


def test_without_demo_data_the_banner_prints_no_licence(data_dir: Path) -> None:
    specs = [
        ServiceSpec(n, "fake", 0, program=(sys.executable, str(FAKE_SERVICE), n)) for n in NAMES
    ]

    with Stack.with_free_ports(data_dir, services=specs) as stack:
        text = up.banner(stack)

    assert "identity-checks" not in text
    assert demo_licence().ssn not in text
