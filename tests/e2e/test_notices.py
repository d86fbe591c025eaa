"""A paper application rejected for non-citizenship gets its letter (1.10.35.8 C(2)), through
the running system: scheduled with its due date five business days on, its PDF downloadable and
free of the SSN, county-scoped, and a redelivered (or re-published) rejection makes no second
notice."""

import json
import uuid
from collections.abc import Callable
from datetime import datetime
from io import BytesIO
from typing import Any

import psycopg
import pytest
from pypdf import PdfReader

from tests.e2e.conftest import Client, Mailbox, audited, wait_until
from tests.e2e.kafka import produce, read_all
from vrs_contracts.counties import County
from vrs_contracts.topics import APPLICATIONS
from vrs_contracts.vocabulary import Role
from vrs_embedded.stack import Stack
from vrs_notifications.adapters.nm_holidays import new_mexico_holidays
from vrs_notifications.domain.calendar import DeadlineKind, county_clock, due_date

pytestmark = pytest.mark.e2e


def rejected_message(stack: Stack, application_id: str) -> tuple[bytes, bytes, dict[str, bytes]]:
    """(key, value, headers) of the application's rejection on the applications topic."""
    for _topic, value, headers in read_all(stack.bootstrap_servers, [APPLICATIONS.name]):
        event = json.loads(value)
        if (
            event["type"].endswith("application.rejected.v1")
            and event["data"]["application_id"] == application_id
        ):
            return str(application_id).encode(), value, headers
    raise AssertionError("no rejection published")


def page_text(pdf: bytes) -> str:
    """What a PDF reader draws on the pages (pypdf), to search."""
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def inbox_has(stack: Stack, event_id: str) -> bool:
    with psycopg.connect(stack.database_url) as conn:
        row = conn.execute(
            "SELECT 1 FROM notifications.inbox WHERE event_id = %s", (event_id,)
        ).fetchone()
    return row is not None


def test_c2_a_non_citizen_paper_rejection_gets_its_letter_once_within_its_county(
    stack: Stack,
    clerk: Client,
    paper_form: Callable[..., dict[str, Any]],
) -> None:
    form = paper_form(citizen=False, email=None)
    answer = clerk.post_application(form)
    assert answer.status_code == 201, answer.text
    decided = answer.json()
    assert decided["decision"] == "rejected"
    assert "non_citizen" in decided["rejection_reasons"]
    application_id = decided["application_id"]

    notices = Client(
        stack.url("notifications"), stack.token(Role.county_clerk, County.santa_fe, "clerk-sf")
    )
    other_county = Client(
        stack.url("notifications"), stack.token(Role.county_clerk, County.taos, "clerk-taos")
    )
    query = {"application_id": application_id}
    listed = wait_until(lambda: notices.http.get("/v1/notices", params=query).json())
    (notice,) = [n for n in listed if n["type"] == "rejection_non_citizen"]

    key, value, headers = rejected_message(stack, application_id)
    rejected_at = datetime.fromisoformat(json.loads(value)["data"]["rejected_at"])
    expected_due = due_date(
        rejected_at,
        DeadlineKind.business_days,
        county_clock(County.santa_fe),
        new_mexico_holidays(),
    )
    assert notice["clause"] == "1.10.35.8 C(2)"
    assert notice["due_date"] == expected_due.isoformat()
    assert notice["language"] == "en"
    assert notice["state"] in {"scheduled", "rendered", "sent"}

    letter = notices.http.get(f"/v1/notices/{notice['notice_id']}/letter.pdf")
    assert letter.status_code == 200
    assert letter.headers["content-type"] == "application/pdf"
    content = page_text(letter.content)
    assert "Non-citizens are not eligible to vote in New Mexico" in content
    assert form["ssn"] not in content
    assert f"{form['ssn'][:3]}-{form['ssn'][3:5]}" not in content

    assert other_county.http.get("/v1/notices", params=query).status_code == 403
    refused = other_county.http.get(f"/v1/notices/{notice['notice_id']}/letter.pdf")
    assert refused.status_code == 403

    # Redelivered (same event id) and re-published (a new id for the same rejection).
    again = json.loads(value)
    again["id"] = str(uuid.uuid4())
    produce(
        stack.bootstrap_servers,
        APPLICATIONS.name,
        [(key, value, headers), (key, json.dumps(again).encode(), headers)],
    )
    wait_until(lambda: inbox_has(stack, again["id"]))
    after = notices.http.get("/v1/notices", params=query).json()
    assert [n["notice_id"] for n in after if n["type"] == "rejection_non_citizen"] == [
        notice["notice_id"]
    ]
    assert len(after) == len(listed)


def test_c1_a_rejected_application_is_e_mailed_through_smtp_and_sent_each_read_audited(
    stack: Stack,
    clerk: Client,
    auditor: Client,
    paper_form: Callable[..., dict[str, Any]],
    mailbox: tuple[Mailbox, int],
) -> None:
    address = f"voter-{uuid.uuid4().hex[:10]}@example.org"
    form = paper_form(signature_present=False, email=address)
    answer = clerk.post_application(form)
    assert answer.status_code == 201, answer.text
    assert "missing_signature" in answer.json()["rejection_reasons"]
    notices = Client(
        stack.url("notifications"), stack.token(Role.county_clerk, County.santa_fe, "clerk-sf")
    )
    query = {"application_id": answer.json()["application_id"]}

    sent = wait_until(
        lambda: next(
            (
                n
                for n in notices.http.get("/v1/notices", params=query).json()
                if n["state"] == "sent"
            ),
            None,
        ),
        timeout=60,
    )
    [message] = wait_until(lambda: mailbox[0].to(address))

    assert sent["clause"].startswith("1.10.35.8 C(1)")
    assert sent["sent_at"] is not None
    assert form["last_name"] in message.get_body(("plain",)).get_content()
    assert form["ssn"] not in message.as_string()
    shown = notices.http.get(f"/v1/notices/{sent['notice_id']}")
    assert [h["to_state"] for h in shown.json()["history"]][:3] == ["scheduled", "rendered", "sent"]
    [entry] = audited(auditor, correlation_id=shown.headers["X-Correlation-ID"])
    assert (entry["action"], entry["outcome"], entry["service"]) == (
        "GET /v1/notices/{notice_id}", "allowed", "notifications",
    )  # fmt: skip
