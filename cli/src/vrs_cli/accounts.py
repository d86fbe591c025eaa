"""``vrs accounts first-admin --subject S --owner NAME [--password-file F]``: the first
administrator.

With ``VRS_ACCOUNTS_REQUIRED=true`` only accounts may act, and accounts are created by an
``sos_admin`` account: the first one is created here, at the database, by whoever runs the
system (docs/adr/0027). Refused once any active ``sos_admin`` account exists. Prints the TOTP
enrolment URI to scan into an authenticator app; the administrator then signs in with
``POST /v1/sessions``.
"""

import argparse
import asyncio
import getpass
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from vrs_audit.bootstrap import SPEC
from vrs_audit.service_layer.accounts import create_first_administrator
from vrs_cli.common import CliError, add_database_options, stack_database_url
from vrs_plumbing.db import create_pool
from vrs_plumbing.errors import ApiError

MIN_PASSWORD_LENGTH = 12


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add ``vrs accounts first-admin``."""
    group = commands.add_parser("accounts", help="user accounts")
    actions = group.add_subparsers(dest="accounts_command", required=True, metavar="ACTION")
    first = actions.add_parser(
        "first-admin",
        help="create the first sos_admin account",
        description="Create the first sos_admin account, with its password and a TOTP second "
        "factor, and print the TOTP enrolment URI. Refused once an active sos_admin exists: "
        "that administrator creates every other account through the audit API.",
    )
    first.add_argument("--subject", required=True, help="the account's subject (token 'sub')")
    first.add_argument("--owner", required=True, help="the employee the account belongs to")
    first.add_argument(
        "--password-file",
        type=Path,
        metavar="FILE",
        help="a file holding the password (default: asked for on the terminal)",
    )
    add_database_options(first)
    first.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Create the account; print its TOTP enrolment URI."""
    database_url = stack_database_url(args)
    password = (
        args.password_file.read_text().strip()
        if args.password_file
        else getpass.getpass("password: ")
    )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise CliError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    try:
        uri = asyncio.run(_create(database_url, args.subject, args.owner, password))
    except ApiError as exc:
        raise CliError(exc.message) from None
    except psycopg.Error as exc:
        raise CliError(f"cannot write the account: {type(exc).__name__}") from None
    print(f"created sos_admin {args.subject}; enrol its second factor from:\n{uri}")
    return 0


async def _create(database_url: str, subject: str, owner: str, password: str) -> str:
    async with (
        create_pool(database_url, SPEC.schema) as pool,
        pool.connection() as conn,
        conn.transaction(),
    ):
        return await create_first_administrator(
            conn, subject=subject, owner_name=owner, password=password, now=datetime.now(UTC)
        )
