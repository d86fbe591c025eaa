"""``vrs token``: print a bearer token signed by the data folder's development issuer key."""

import argparse

from vrs_cli.common import CliError, add_data_dir_option, data_dir
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_embedded.errors import MissingSecretsError
from vrs_embedded.layout import DataLayout
from vrs_embedded.secrets import mint_dev_token
from vrs_plumbing.auth import COUNTY_ROLES

USAGE_ERROR = 2


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add ``vrs token``."""
    parser = commands.add_parser(
        "token",
        help="print a development bearer token",
        description="Print a bearer token the local services accept, signed by the data "
        "folder's issuer key (created by `vrs up`). Use it as: "
        "export TOKEN=$(vrs token --role county_clerk --county santa_fe)",
    )
    parser.add_argument("--role", required=True, choices=[role.value for role in Role])
    parser.add_argument(
        "--county",
        choices=[county.value for county in County],
        metavar="COUNTY",
        help="the county of a county role (county_clerk, county_supervisor), e.g. santa_fe",
    )
    parser.add_argument("--sub", metavar="NAME", help="the token's subject (default: dev-ROLE)")
    add_data_dir_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the token on stdout (and nothing else, so ``$(vrs token ...)`` works)."""
    role = Role(args.role)
    county = County(args.county) if args.county is not None else None
    if role in COUNTY_ROLES and county is None:
        raise CliError(
            f"role {role} acts for one county: add --county COUNTY (e.g. --county santa_fe)",
            USAGE_ERROR,
        )
    if role not in COUNTY_ROLES and county is not None:
        raise CliError(f"role {role} has no county scope: leave out --county", USAGE_ERROR)
    try:
        token = mint_dev_token(
            DataLayout.of(data_dir(args)).secrets, role=role, county=county, subject=args.sub
        )
    except MissingSecretsError as exc:
        raise CliError(str(exc)) from None
    print(token)
    return 0
