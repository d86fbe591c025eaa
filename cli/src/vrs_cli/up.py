"""``vrs up``: start the whole stack, say where everything is, run until Ctrl-C or SIGTERM."""

import argparse
import logging
import shlex
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from urllib.parse import urlsplit, urlunsplit

from vrs_cli.common import add_data_dir_option, data_dir, is_default_data_dir
from vrs_cli.example import try_identity_check, try_it
from vrs_embedded.stack import BROKER, Stack

INTERRUPTED = 130


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add ``vrs up``."""
    parser = commands.add_parser(
        "up",
        help="run PostgreSQL, the broker and the five services until Ctrl-C",
        description="Start the local stack from a data folder: PostgreSQL, a Kafka-API broker, "
        "the topics, then every service (migrated first). Runs until Ctrl-C or SIGTERM, then "
        "stops everything. Data and secrets are kept in the folder for the next start. The "
        "first start of a new folder also loads made-up demo data (200 voters, 300 MVD "
        "records) unless --no-demo is given.",
    )
    add_data_dir_option(parser)
    parser.add_argument(
        "--kafka",
        metavar="BOOTSTRAP",
        help="use these Kafka bootstrap servers (host:port,...) instead of starting a broker",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="use this PostgreSQL URI (as given) instead of the embedded PostgreSQL",
    )
    parser.add_argument(
        "--log-level", default="INFO", help="log level of the services (default: INFO)"
    )
    parser.add_argument(
        "--no-demo",
        action="store_true",
        help="do not load the demo voters and MVD records on the first start of a new folder",
    )
    parser.set_defaults(handler=run)


def build_stack(args: argparse.Namespace) -> Stack:
    """The stack ``vrs up`` runs (a seam for tests that run stand-in services)."""
    return Stack(
        data_dir(args),
        kafka=args.kafka,
        database=args.database,
        log_level=args.log_level,
        demo_data=not args.no_demo,
    )


def run(args: argparse.Namespace) -> int:
    """Start, print where everything is, wait for a signal, stop."""
    with _progress_on_stderr():
        return _run(build_stack(args), external_kafka=args.kafka is not None)


def _run(stack: Stack, *, external_kafka: bool) -> int:
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    ready = False
    try:
        stack.start()
        ready = True
        print(banner(stack, external_kafka=external_kafka), flush=True)
        _watch(stack)
    except KeyboardInterrupt:
        print("\nvrs: stopping", file=sys.stderr, flush=True)
    finally:
        for sig in previous:  # a second Ctrl-C must not cut the shutdown short
            signal.signal(sig, signal.SIG_IGN)
        try:
            stack.stop()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    print("vrs: stopped", file=sys.stderr, flush=True)
    return 0 if ready else INTERRUPTED


def banner(stack: Stack, *, external_kafka: bool = False) -> str:
    """Where the services, broker, database and logs are, and how to try the system."""
    width = max(len(name) for name in (*stack.services, BROKER, "database"))
    lines = [f"The Voter Records System runs from {stack.data_dir}", ""]
    lines += [f"  {name:<{width}}  {stack.url(name)}" for name in stack.services]
    broker_note = "(given with --kafka)" if external_kafka else "(Tansu, in memory)"
    lines += [
        f"  {BROKER:<{width}}  {stack.bootstrap_servers} {broker_note}",
        f"  {'database':<{width}}  {redact_password(stack.database_url)}",
        f"  {'logs':<{width}}  {stack.layout.logs}/",
        "",
    ]
    if "registration" in stack.services:
        lines += [
            try_it(stack.url("registration"), token_command=token_command(stack.data_dir)),
            "",
        ]
        licence = stack.demo_licence
        if licence is not None:
            lines += [
                try_identity_check(
                    stack.url("registration"),
                    token_command=token_command(stack.data_dir, role="ovr_portal", county=None),
                    mvd_id=licence.mvd_id,
                    ssn=licence.ssn,
                    date_of_birth=licence.date_of_birth.isoformat(),
                    holder=f"{licence.first_name} {licence.last_name}",
                ),
                "",
            ]
    lines.append("Press Ctrl-C to stop.")
    return "\n".join(lines)


def token_command(
    folder: Path, *, role: str = "county_clerk", county: str | None = "santa_fe"
) -> str:
    """The ``vrs token`` line for a role (by default a county clerk of Santa Fe), naming the
    folder if needed."""
    command = f"vrs token --role {role}" + (f" --county {county}" if county else "")
    if not is_default_data_dir(folder):
        command += f" --data-dir {shlex.quote(str(folder))}"
    return command


def redact_password(url: str) -> str:
    """The URI with its password, if any, replaced by ``***``."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port is not None else ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}{port}"))


def _watch(stack: Stack) -> None:
    """Sleep until a signal; say once when a service process ends on its own."""
    reported: set[str] = set()
    while True:
        time.sleep(1.0)
        for name, code in stack.exited().items():
            if name not in reported:
                reported.add(name)
                print(
                    f"vrs: {name} exited with status {code}; see {stack.log_path(name)}",
                    file=sys.stderr,
                    flush=True,
                )


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def _progress_on_stderr() -> Iterator[None]:
    """Show the stack's progress lines (``vrs: starting PostgreSQL ...``) while it runs."""
    logger = logging.getLogger("vrs_embedded")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("vrs: %(message)s"))
    previous_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)
