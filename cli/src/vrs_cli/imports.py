"""``vrs import KIND FILE.csv``: load a bulk file (DESIGN.md, "Bulk file columns").

This module only finds the database and the keys and translates arguments; the loader of each
kind belongs to the service that owns the records (``mvd``: matching's
:mod:`vrs_matching.adapters.mvd_import`; ``voters``: registration's
:mod:`vrs_registration.adapters.voter_import`, which also needs the SSN vault's keys;
``deaths``, ``felony``, ``other-state``, ``ncoa``: matching's
:mod:`vrs_matching.adapters.feed_import`).

Exit status: 0 when every row loaded, 1 when some rows were rejected (the good ones are loaded)
or the load failed, 2 on a usage error (unknown kind, unreadable file, a file without the
promised columns).
"""

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from vrs_cli.common import CliError, add_database_options, data_dir, stack_database_url
from vrs_cli.progress import ProgressBar
from vrs_embedded.layout import DataLayout
from vrs_embedded.secrets import SecretFiles
from vrs_matching.adapters.feed_import import FeedFileError, FeedLoadError, import_feed_file
from vrs_matching.adapters.mvd_import import (
    MvdFileError,
    MvdImportReport,
    MvdLoadError,
    import_mvd_file,
)
from vrs_matching.domain.feed_files import FEED_KINDS, FeedKind
from vrs_matching.domain.mvd_file import RowProblem
from vrs_plumbing.bulk_load import BulkLoadReport
from vrs_plumbing.settings import decode_key, load_json_secret
from vrs_registration.adapters.vault import SsnVault
from vrs_registration.adapters.voter_import import (
    VoterFileError,
    VoterLoadError,
    import_voter_file,
)
from vrs_registration.domain.voter_file import RowProblem as VoterRowProblem

KINDS = ("mvd", "voters", *FEED_KINDS)
KEY_FILE_ENV = "VRS_BLIND_INDEX_KEY_FILE"
VAULT_KEYS_FILE_ENV = "VRS_SSN_VAULT_KEYS_FILE"
VAULT_ACTIVE_KEY_ENV = "VRS_SSN_VAULT_ACTIVE_KEY_ID"
SOME_ROWS_REJECTED = 1
USAGE_ERROR = 2


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add ``vrs import``."""
    parser = commands.add_parser(
        "import",
        help="load a bulk CSV file (mvd, voters, deaths, felony, other-state, ncoa)",
        description="Load a CSV file with a header row into the system: good rows are loaded, "
        "bad rows are reported by line number and column. The database and the SSN "
        "blind-index key (and, for voters, the SSN vault's keys) come from the running "
        f"stack's data folder, or from --database, ${KEY_FILE_ENV}, ${VAULT_KEYS_FILE_ENV} "
        f"and ${VAULT_ACTIVE_KEY_ENV}. Exits 0 when every row loaded, 1 when some were "
        "rejected, 2 on a usage error.",
    )
    parser.add_argument("kind", choices=KINDS, help="what the file holds")
    parser.add_argument("file", type=Path, metavar="FILE.csv", help="the CSV file")
    add_database_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Import one file; the exit status."""
    kind: str = args.kind
    path: Path = args.file
    if not path.is_file():
        raise CliError(f"no such file: {path}", USAGE_ERROR)
    database_url = stack_database_url(args, needs=f"the key with ${KEY_FILE_ENV}")
    index_key = _index_key(args)
    if kind == "voters":
        vault = SsnVault(*_vault_keys(args), index_key)
        return _import_voters(path, database_url=database_url, index_key=index_key, vault=vault)
    if kind in FEED_KINDS:
        return _import_feed(FEED_KINDS[kind], path, database_url=database_url, index_key=index_key)
    return _import_mvd(path, database_url=database_url, index_key=index_key)


def _problem_printer(
    path: Path, bar: ProgressBar
) -> Callable[[RowProblem | VoterRowProblem], None]:
    """Print a bad row's line, column and problem above the progress bar (never a value)."""

    def on_problem(problem: RowProblem | VoterRowProblem) -> None:
        bar.print_above(f"{path} {problem}")

    return on_problem


def _import_mvd(path: Path, *, database_url: str, index_key: bytes) -> int:
    bar = ProgressBar(f"importing {path.name}", path.stat().st_size, sys.stderr)
    on_problem = _problem_printer(path, bar)

    try:
        report = import_mvd_file(
            path,
            database_url=database_url,
            index_key=index_key,
            today=date.today(),  # noqa: DTZ011 - a date of birth is a calendar date, not an instant
            on_problem=on_problem,
            on_progress=bar.update,
        )
    except MvdFileError as exc:
        raise CliError(f"{path}: {exc}", USAGE_ERROR) from None
    except MvdLoadError as exc:
        raise CliError(str(exc)) from None
    finally:
        bar.close()
    print(summary("mvd", path, report))
    return SOME_ROWS_REJECTED if report.rejected else 0


def _import_voters(path: Path, *, database_url: str, index_key: bytes, vault: SsnVault) -> int:
    bar = ProgressBar(f"importing {path.name}", path.stat().st_size, sys.stderr)
    try:
        report = import_voter_file(
            path,
            database_url=database_url,
            vault=vault,
            index_key=index_key,
            today=date.today(),  # noqa: DTZ011 - dates of birth and registration are calendar dates
            on_problem=_problem_printer(path, bar),
            on_progress=bar.update,
        )
    except VoterFileError as exc:
        raise CliError(f"{path}: {exc}", USAGE_ERROR) from None
    except VoterLoadError as exc:
        raise CliError(str(exc)) from None
    finally:
        bar.close()
    print(new_or_unchanged_summary("voters", path, report))
    return SOME_ROWS_REJECTED if report.rejected else 0


def _import_feed(kind: FeedKind, path: Path, *, database_url: str, index_key: bytes) -> int:
    bar = ProgressBar(f"importing {path.name}", path.stat().st_size, sys.stderr)
    try:
        report = import_feed_file(
            kind,
            path,
            database_url=database_url,
            index_key=index_key,
            today=date.today(),  # noqa: DTZ011 - the feeds' dates are calendar dates, not instants
            on_problem=_problem_printer(path, bar),
            on_progress=bar.update,
        )
    except FeedFileError as exc:
        raise CliError(f"{path}: {exc}", USAGE_ERROR) from None
    except FeedLoadError as exc:
        raise CliError(str(exc)) from None
    finally:
        bar.close()
    print(new_or_unchanged_summary(kind.name, path, report))
    return SOME_ROWS_REJECTED if report.rejected else 0


def new_or_unchanged_summary(kind: str, path: Path, report: BulkLoadReport) -> str:
    """The closing line of a kind whose records are new or already loaded (voters and the
    feeds): rows read, loaded (new, unchanged) and rejected."""
    return (
        f"vrs import {kind} {path}: {report.rows_read} rows read, {report.loaded} loaded "
        f"({report.inserted} new, {report.unchanged} unchanged), {report.rejected} rejected"
    )


def summary(kind: str, path: Path, report: MvdImportReport) -> str:
    """The closing line: rows read, loaded (new, updated, unchanged) and rejected."""
    return (
        f"vrs import {kind} {path}: {report.rows_read} rows read, {report.loaded} loaded "
        f"({report.inserted} new, {report.updated} updated, {report.unchanged} unchanged), "
        f"{report.rejected} rejected"
    )


def _index_key(args: argparse.Namespace) -> bytes:
    """The SSN blind-index key: ``$VRS_BLIND_INDEX_KEY_FILE``, else the data folder's."""
    given = os.environ.get(KEY_FILE_ENV)
    path = (
        Path(given) if given else SecretFiles(DataLayout.of(data_dir(args)).secrets).blind_index_key
    )
    try:
        text = path.read_text()
    except OSError:
        source = f"${KEY_FILE_ENV}" if given else "the data folder"
        raise CliError(
            f"cannot read the blind-index key {path} (from {source}): run `vrs up` first, "
            f"or set {KEY_FILE_ENV} to the file the services use"
        ) from None
    try:
        return decode_key(text, str(path))
    except RuntimeError as exc:
        raise CliError(str(exc)) from None


def _vault_keys(args: argparse.Namespace) -> tuple[dict[str, bytes], str]:
    """The SSN vault's keys by id and the id of the active one (which seals new entries):
    ``$VRS_SSN_VAULT_KEYS_FILE`` and ``$VRS_SSN_VAULT_ACTIVE_KEY_ID``, else the data folder's."""
    given = os.environ.get(VAULT_KEYS_FILE_ENV)
    secrets = SecretFiles(DataLayout.of(data_dir(args)).secrets)
    path = Path(given) if given else secrets.ssn_vault_keys
    source = f"${VAULT_KEYS_FILE_ENV}" if given else "the data folder"
    try:
        raw = load_json_secret(None, path, VAULT_KEYS_FILE_ENV)
    except OSError:
        raise CliError(
            f"cannot read the SSN vault keys {path} (from {source}): run `vrs up` first, "
            f"or set {VAULT_KEYS_FILE_ENV} to the file the registration service uses"
        ) from None
    except (ValueError, RuntimeError):  # never quote the file: it holds the keys
        raise CliError(
            f"the SSN vault keys {path} (from {source}) are not a JSON object of "
            "{key_id: base64 key}"
        ) from None
    try:
        keys = {key_id: decode_key(value, f"vault key {key_id}") for key_id, value in raw.items()}
    except RuntimeError as exc:
        raise CliError(f"{path}: {exc}") from None
    active = os.environ.get(VAULT_ACTIVE_KEY_ENV) or secrets.active_vault_key_id
    if active not in keys:
        raise CliError(
            f"the active vault key id {active!r} is not among the keys of {path}: set "
            f"{VAULT_ACTIVE_KEY_ENV} to the id the registration service seals with"
        )
    return keys, active
