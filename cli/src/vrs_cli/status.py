"""``vrs status``: each service's URL and whether its ``/healthz`` answers 200."""

import argparse

from vrs_cli.common import add_data_dir_option, data_dir
from vrs_embedded.layout import DataLayout
from vrs_embedded.ports import LOOPBACK
from vrs_embedded.processes import http_ok
from vrs_embedded.services import SERVICES
from vrs_embedded.state import read_info


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add ``vrs status``."""
    parser = commands.add_parser(
        "status",
        help="show whether each service answers",
        description="For each service, its URL and whether GET /healthz answers 200. "
        "Exits 1 if any service is down.",
    )
    add_data_dir_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print one line per service; 0 if every one is up, else 1."""
    layout = DataLayout.of(data_dir(args))
    info = read_info(layout.stack_file)
    if info is not None:
        note = "" if info.owner_alive() else ", which has exited: `vrs up` again cleans up"
        print(f"stack of {layout.root} (started by pid {info.owner_pid}{note})")
        urls = info.urls
    else:
        print(f"no running stack recorded in {layout.root}; trying the default ports")
        urls = {spec.name: f"http://{LOOPBACK}:{spec.port}" for spec in SERVICES}
    width = max(len(name) for name in urls)
    all_up = True
    for name, url in urls.items():
        up = http_ok(url + "/healthz", timeout=2.0)
        all_up = all_up and up
        print(f"  {name:<{width}}  {url:<24}  {'up' if up else 'DOWN'}")
    if info is not None:
        print(f"  {'broker':<{width}}  {info.bootstrap_servers}")
    return 0 if all_up else 1
