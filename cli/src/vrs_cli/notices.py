"""``vrs notices sla [--county C]``: the notices not yet out, against their due dates.

Asks the notifications service of the running stack (``GET /v1/notices/sla``) with a
development token: a county supervisor's of ``--county``, else the Secretary of State's.
"""

import argparse
from typing import Any

import httpx

from vrs_cli.common import CliError, add_data_dir_option, data_dir
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_embedded.errors import MissingSecretsError
from vrs_embedded.layout import DataLayout
from vrs_embedded.ports import LOOPBACK
from vrs_embedded.secrets import mint_dev_token
from vrs_embedded.services import DEFAULT_PORTS
from vrs_embedded.state import read_info

SERVICE = "notifications"
BUCKETS = (("overdue", "OVERDUE"), ("due_today", "due today"), ("due_tomorrow", "due tomorrow"))


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add ``vrs notices sla``."""
    parser = commands.add_parser(
        "notices", help="the notices the rule requires", description="The notices service."
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    sla = actions.add_parser(
        "sla",
        help="notices overdue, due today and due tomorrow, per county",
        description="For each county (or one), the notices not yet out that are overdue, due "
        "today or due by the next business day, and how many went out late. Exits 1 when any "
        "notice is overdue.",
    )
    sla.add_argument(
        "--county",
        choices=[county.value for county in County],
        metavar="COUNTY",
        help="one county, e.g. santa_fe (default: every county)",
    )
    add_data_dir_option(sla)
    sla.set_defaults(handler=run_sla)


def _notifications_url(layout: DataLayout) -> str:
    info = read_info(layout.stack_file)
    if info is not None and SERVICE in info.urls:
        return info.urls[SERVICE]
    return f"http://{LOOPBACK}:{DEFAULT_PORTS[SERVICE]}"


def run_sla(args: argparse.Namespace) -> int:
    """Print the SLA view; 0 when nothing is overdue, 1 otherwise."""
    layout = DataLayout.of(data_dir(args))
    county = County(args.county) if args.county else None
    role = Role.county_supervisor if county else Role.sos_admin
    try:
        token = mint_dev_token(layout.secrets, role=role, county=county, subject="cli:notices")
    except MissingSecretsError as exc:
        raise CliError(str(exc)) from None
    url = _notifications_url(layout)
    try:
        answer = httpx.get(
            f"{url}/v1/notices/sla",
            params={"county": county} if county else None,
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )
    except httpx.HTTPError as exc:
        raise CliError(f"the notifications service at {url} does not answer ({exc})") from None
    if answer.status_code != 200:
        raise CliError(f"the notifications service answered {answer.status_code}: {answer.text}")
    views: list[dict[str, Any]] = answer.json()
    overdue, printed = 0, False
    for view in views:
        counts = {key: len(view[key]) for key, _ in BUCKETS}
        overdue += counts["overdue"]
        if county is None and not any(counts.values()) and not view["sent_late"]:
            continue
        printed = True
        print(
            f"{view['county']} ({view['today']}): "
            + ", ".join(f"{counts[key]} {label}" for key, label in BUCKETS)
            + f", {view['sent_late']} sent late"
        )
        for key, label in BUCKETS:
            for notice in view[key]:
                print(
                    f"  {label:<12}  {notice['due_date']}  {notice['type']:<30}  "
                    f"{notice['clause']:<18}  {notice['state']:<9}  {notice['notice_id']}"
                )
    if not printed:
        print("no notice is overdue, due today or due tomorrow")
    return 1 if overdue else 0
