"""What the commands share: the data folder and database options, and the error a command
reports."""

import argparse
import os
from pathlib import Path

from vrs_embedded.layout import DataLayout
from vrs_embedded.state import read_info

DATA_DIR_ENV = "VRS_DATA_DIR"
DEFAULT_DATA_DIR = ".vrs"


class CliError(Exception):
    """A failure the user can act on: printed as one message, no traceback."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    """``--data-dir``: the stack's data folder."""
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"the stack's data folder (default: ${DATA_DIR_ENV}, else {DEFAULT_DATA_DIR} "
        "in the current directory)",
    )


def data_dir(args: argparse.Namespace) -> Path:
    """The data folder: ``--data-dir``, else ``$VRS_DATA_DIR``, else ``./.vrs`` (absolute)."""
    given: Path | None = args.data_dir
    if given is None:
        given = Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)
    return given.expanduser().absolute()


def is_default_data_dir(path: Path) -> bool:
    """Whether ``vrs`` run here without ``--data-dir`` would find this same folder."""
    default = Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR).expanduser().absolute()
    return path == default


def add_database_options(parser: argparse.ArgumentParser) -> None:
    """``--database`` and ``--data-dir``: the database a command works on, named or the running
    stack's."""
    parser.add_argument(
        "--database",
        metavar="URL",
        help="PostgreSQL URI of the system's database (default: the running stack's)",
    )
    add_data_dir_option(parser)


def stack_database_url(args: argparse.Namespace, needs: str = "") -> str:
    """``--database``, else the database of the stack running from the data folder; ``needs``
    names what else a command run without a stack must be given, for the error."""
    if args.database:
        return str(args.database)
    layout = DataLayout.of(data_dir(args))
    info = read_info(layout.stack_file)
    if info is None or not info.owner_alive():
        also = f" (and {needs})" if needs else ""
        raise CliError(
            f"no running stack in {layout.root}: start it with `vrs up`, or name the "
            f"database with --database URL{also}"
        )
    return info.database_url
