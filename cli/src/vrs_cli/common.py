"""What the commands share: the data folder option and the error a command reports."""

import argparse
import os
from pathlib import Path

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
