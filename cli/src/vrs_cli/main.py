"""The ``vrs`` command line: assembles the command groups, reports their errors briefly.

Each command group is a module with ``register(subparsers)``; its parser sets ``handler`` to a
function ``(args) -> exit status``. Later groups plug in the same way: ``vrs import KIND
FILE.csv``, ``vrs sweep``, ``vrs audit verify`` (a nested group).
"""

import argparse
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from vrs_cli import accounts, audit, imports, notices, status, sweep, tokens, up
from vrs_cli.common import CliError
from vrs_embedded.errors import StackError

COMMAND_GROUPS: tuple[ModuleType, ...] = (
    up,
    status,
    tokens,
    imports,
    sweep,
    notices,
    audit,
    accounts,
)


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command."""
    parser = argparse.ArgumentParser(
        prog="vrs", description="Run and use the Voter Records System on this machine."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit status."""
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except CliError as exc:
        print(f"vrs {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except StackError as exc:
        print(f"vrs {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
