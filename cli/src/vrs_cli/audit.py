"""``vrs audit verify [--database URL] [--data-dir DIR]``: is the access log as it was written?

Walks the chain of the access log in order, then checks every signed checkpoint (those in the
database and those written out under the data folder) with the public key in the data folder's
secrets (docs/adr/0015). Reads only.

Exit status: 0 when the chain and every checkpoint hold ("intact: N entries"); 1 when something
was tampered with, naming the first bad entry (its position and event id, and whether it was
altered, deleted, reordered or inserted) or the first checkpoint that no longer matches; 2 when
the log cannot be verified (no database, or checkpoints but no key to check them).
"""

import argparse
import asyncio

import psycopg

from vrs_audit.adapters.checkpoint_signing import signature_check
from vrs_audit.bootstrap import SPEC
from vrs_audit.service_layer.verification import (
    UnverifiableLogError,
    Verdict,
    verify_database,
)
from vrs_cli.common import CliError, add_database_options, data_dir, stack_database_url
from vrs_embedded.layout import DataLayout
from vrs_embedded.secrets import SecretFiles

TAMPERED = 1
CANNOT_VERIFY = 2


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add ``vrs audit verify``."""
    group = commands.add_parser("audit", help="check the access log")
    actions = group.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = actions.add_parser(
        "verify",
        help="check that the access log is as it was written",
        description="Walk the access log's hash chain in order and check every signed "
        "checkpoint (1.10.35.8 D(10): the log of all access attempts). Exits 0 and prints "
        "'intact: N entries' when the log holds; otherwise exits 1 naming the first bad entry "
        "(altered, deleted, reordered or inserted) or the first checkpoint that no longer "
        "matches. Exits 2 when the log cannot be verified. Changes nothing.",
    )
    add_database_options(verify)
    verify.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Verify the log; print the verdict; the exit status."""
    database_url = stack_database_url(args)
    layout = DataLayout.of(data_dir(args))
    public_key = SecretFiles(layout.secrets).audit_checkpoint_public_key
    signature_holds = signature_check(public_key.read_bytes()) if public_key.is_file() else None
    try:
        verdict = asyncio.run(
            verify_database(database_url, SPEC.schema, signature_holds, layout.audit_checkpoints)
        )
    except UnverifiableLogError as exc:
        raise CliError(f"{exc} (looked for {public_key})", CANNOT_VERIFY) from None
    except psycopg.Error as exc:
        raise CliError(f"cannot read the access log: {type(exc).__name__}", CANNOT_VERIFY) from None
    except ValueError as exc:
        raise CliError(str(exc), CANNOT_VERIFY) from None
    print(describe(verdict))
    return 0 if verdict.intact else TAMPERED


def describe(verdict: Verdict) -> str:
    """The verdict in one line (two when checkpoints were checked)."""
    if verdict.chain_break is not None:
        found = verdict.chain_break
        event = f" (event {verdict.bad_event_id})" if verdict.bad_event_id else ""
        return f"first bad entry: {found.seq}{event}: {found.tamper}: {found.detail}"
    if verdict.checkpoint_break is not None:
        found_checkpoint = verdict.checkpoint_break
        return (
            f"first bad checkpoint: after {found_checkpoint.entries} entries: "
            f"{found_checkpoint.detail}"
        )
    purged = (
        f" (entries 1-{verdict.purged_through} purged by retention)"
        if verdict.purged_through
        else ""
    )
    lines = [f"intact: {verdict.entries} entries{purged}"]
    if verdict.checkpoints:
        lines.append(f"signed checkpoints hold: {verdict.checkpoints}")
    return "\n".join(lines)
