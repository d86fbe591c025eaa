"""The embedded stack for end-to-end tests: real broker, real PostgreSQL, services as processes."""

import base64
import csv
import random
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from vrs_cli.example import paper_application, synthetic_ssn
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_embedded.ports import free_port
from vrs_embedded.stack import Stack
from vrs_matching.adapters.mvd_import import import_mvd_file


class Mailbox:
    """What a real local SMTP server (aiosmtpd) received: (recipients, message) pairs."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802 -- aiosmtpd's hook name
        assert isinstance(envelope.content, bytes)
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        """The messages sent to ``address``."""
        return [message for recipients, message in self.messages if address in recipients]


@pytest.fixture(scope="session")
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    """A real SMTP server on the loopback for the session's notifications service."""
    box, port = Mailbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


@pytest.fixture(scope="session")
def stack(mailbox: tuple[Mailbox, int]) -> Iterator[Stack]:
    """One stack for the session, on free ports, under a short temporary data folder; its
    notifications service e-mails through the session's local SMTP server and delivers often,
    and its records-requests service builds exports every second."""
    data = Path(tempfile.mkdtemp(prefix="vrs-e2e-", dir="/tmp"))
    smtp = {
        "VRS_SMTP_HOST": "127.0.0.1",
        "VRS_SMTP_PORT": str(mailbox[1]),
        "VRS_SMTP_START_TLS": "false",
        "VRS_DELIVERY_SECONDS": "1",
        "VRS_EXPORT_SECONDS": "1",
    }
    with Stack.with_free_ports(data, extra_env=smtp) as running:
        yield running
    shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="session")
def submitted_ssns() -> set[str]:
    """Every full SSN the session submitted, for the privacy scan at the end."""
    return set()


@pytest.fixture
def paper_form(submitted_ssns: set[str]) -> Callable[..., dict[str, Any]]:
    """The CLI's example paper application, as a new synthetic person; keywords override fields."""

    def make(**changes: Any) -> dict[str, Any]:
        ssn = synthetic_ssn()
        submitted_ssns.add(ssn)
        born = date(1950 + random.randint(0, 50), random.randint(1, 12), random.randint(1, 28))
        person = {
            "first_name": random.choice(["Alma", "Benito", "Celia", "Dario", "Elena"]),
            "last_name": f"Testcase{uuid.uuid4().hex[:8]}",
            "date_of_birth": born.isoformat(),
            "residence_address": {
                "street": f"{random.randint(1, 999)} Synthetic Way", "city": "Santa Fe", "state": "NM",
                "zip": "87501", "non_standard_description": None,
            },
        }  # fmt: skip
        return {**paper_application(ssn), **person, **changes}

    return make


class Client:
    """httpx against one service of the stack, as one token holder."""

    def __init__(self, base_url: str, token: str | None) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.http = httpx.Client(base_url=base_url, headers=headers, timeout=15)

    def post_application(
        self, form: dict[str, Any], key: str | None = None, **headers: str
    ) -> httpx.Response:
        return self.http.post(
            "/v1/applications",
            json=form,
            headers={"Idempotency-Key": key or str(uuid.uuid4()), **headers},
        )


@pytest.fixture
def clerk(stack: Stack) -> Client:
    """A Santa Fe county clerk at the registration API, with a subject of its own."""
    return Client(
        stack.url("registration"),
        stack.token(Role.county_clerk, County.santa_fe, subject=f"clerk-{uuid.uuid4().hex[:8]}"),
    )


@pytest.fixture
def auditor(stack: Stack) -> Client:
    """An auditor at the audit API."""
    return Client(stack.url("audit"), stack.token(Role.auditor))


def wait_until(condition: Callable[[], Any], timeout: float = 45.0, interval: float = 0.25) -> Any:
    """Poll ``condition`` until it returns something truthy; that value, or an AssertionError."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached within {timeout} s")
        time.sleep(interval)


def audited(auditor: Client, **filters: str) -> list[dict[str, Any]]:
    """The audit entries matching ``filters``, once there is at least one."""
    found: list[dict[str, Any]] = wait_until(
        lambda: auditor.http.get("/v1/audit/events", params=filters).json()
    )
    return found


MVD_COLUMNS = ["mvd_id", "first_name", "middle_name", "last_name", "suffix", "date_of_birth", "ssn",
               "street", "city", "state", "zip", "county", "expired"]  # fmt: skip


@pytest.fixture
def licensed_person(stack: Stack, tmp_path: Path, submitted_ssns: set[str]) -> dict[str, str]:
    """A synthetic person holding an MVD licence, loaded through matching's importer."""
    ssn = synthetic_ssn()
    submitted_ssns.add(ssn)
    person = {
        "mvd_id": f"NM{uuid.uuid4().int % 10**9:09d}", "first_name": "Olivia", "middle_name": "",
        "last_name": f"Online{uuid.uuid4().hex[:6]}", "suffix": "", "date_of_birth": "1988-07-14", "ssn": ssn,
        "street": "7 Acequia Madre", "city": "Santa Fe", "state": "NM", "zip": "87501", "county": "santa_fe",
        "expired": "false",
    }  # fmt: skip
    path = tmp_path / "mvd.csv"
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=MVD_COLUMNS)
        writer.writeheader()
        writer.writerow(person)
    key = base64.b64decode(stack.secrets.blind_index_key.read_text().strip())
    report = import_mvd_file(
        path,
        database_url=stack.database_url,
        index_key=key,
        today=date(2026, 11, 21),
        on_problem=lambda *problem: pytest.fail(f"MVD row refused: {problem}"),
    )
    assert report.loaded == 1
    return person


def registered(clerk: Client, application_id: str) -> dict[str, Any]:
    """The application once it is registered to a voter."""
    answer: dict[str, Any] = wait_until(
        lambda: (
            (r := clerk.http.get(f"/v1/applications/{application_id}").json())["state"]
            == "registered"
            and r
        )
    )
    return answer
