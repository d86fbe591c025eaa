"""Through the running system: the D(1) answer to an online applicant's contact request is
e-mailed through SMTP and sent; a clerk's C(7) fraud referral reaches notifications' referrals
for the county's prosecutor; a breach notice asked for by the audit topic reaches a registered
voter at the address registration announced. No SSN in any of them."""

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest

from tests.e2e.conftest import Client, Mailbox, audited, registered, wait_until
from tests.e2e.kafka import produce
from vrs_contracts.counties import County
from vrs_contracts.envelope import envelope
from vrs_contracts.events import BreachNoticeRequested
from vrs_contracts.topics import BREACH_NOTICES
from vrs_contracts.vocabulary import Role
from vrs_embedded.stack import Stack

pytestmark = pytest.mark.e2e


def notices_client(stack: Stack) -> Client:
    return Client(
        stack.url("notifications"), stack.token(Role.county_clerk, County.santa_fe, "clerk-sf")
    )


def sent_notice(notices: Client, notice_type: str, **query: str) -> dict[str, Any]:
    """The notice of ``notice_type`` among those of ``query``, once it is sent."""
    found: dict[str, Any] = wait_until(
        lambda: next(
            (
                n
                for n in notices.http.get("/v1/notices", params=query).json()
                if n["type"] == notice_type and n["state"] == "sent"
            ),
            None,
        ),
        timeout=90,
    )
    return found


def test_d1_a_contact_request_after_no_mvd_match_is_answered_by_email(
    stack: Stack, licensed_person: dict[str, str], mailbox: tuple[Mailbox, int]
) -> None:
    portal = Client(
        stack.url("registration"),
        stack.token(Role.ovr_portal, subject=f"portal-{uuid.uuid4().hex[:6]}"),
    )
    check = portal.http.post(
        "/v1/identity-checks",
        json={"mvd_id": licensed_person["mvd_id"], "ssn": licensed_person["ssn"],
              "date_of_birth": "1988-07-15"},
    ).json()  # fmt: skip
    assert check["matched"] is False
    address = f"applicant-{uuid.uuid4().hex[:10]}@example.org"
    request = portal.http.post(
        "/v1/contact-requests",
        json={"identity_check_id": check["identity_check_id"], "county": "santa_fe",
              "first_name": "Olivia", "last_name": licensed_person["last_name"], "email": address},
    )  # fmt: skip
    assert request.status_code == 201, request.text

    notice = sent_notice(
        notices_client(stack),
        "mvd_mismatch_answer",
        contact_request_id=request.json()["contact_request_id"],
    )
    [message] = wait_until(lambda: mailbox[0].to(address))

    assert (notice["type"], notice["clause"]) == ("mvd_mismatch_answer", "1.10.35.8 D(1)")
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "cannot be processed online" in text
    assert "the Santa Fe County Clerk will contact you" in text
    assert licensed_person["ssn"] not in message.as_string()


def test_c7_a_clerks_fraud_referral_reaches_the_prosecutors_referrals_audited(
    stack: Stack, clerk: Client, auditor: Client, paper_form: Callable[..., dict[str, Any]]
) -> None:
    answer = clerk.post_application(paper_form())
    assert answer.status_code == 201, answer.text
    application_id = answer.json()["application_id"]
    reasons = ["the same handwriting as forty other forms delivered together"]
    referred = clerk.http.post(
        f"/v1/applications/{application_id}/fraud-referrals", json={"reasons": reasons}
    )
    assert referred.status_code == 201, referred.text

    def referral() -> Any:
        with psycopg.connect(stack.database_url) as conn:
            return conn.execute(
                "SELECT reason, clause, county, reasons FROM notifications.referrals"
                " WHERE application_id = %s",
                (application_id,),
            ).fetchone()

    assert wait_until(referral) == ("suspected_fraud", "1.10.35.8 C(7)", "santa_fe", reasons)
    [entry] = audited(auditor, correlation_id=referred.headers["X-Correlation-ID"])
    assert (entry["action"], entry["outcome"]) == (
        "POST /v1/applications/{application_id}/fraud-referrals", "allowed",
    )  # fmt: skip


def test_a_breach_notice_reaches_a_registered_voter_by_mail_and_email(
    stack: Stack,
    clerk: Client,
    paper_form: Callable[..., dict[str, Any]],
    mailbox: tuple[Mailbox, int],
) -> None:
    address = f"voter-{uuid.uuid4().hex[:10]}@example.org"
    form = paper_form(email=address)
    answer = clerk.post_application(form)
    assert answer.status_code == 201, answer.text
    voter_id = registered(clerk, answer.json()["application_id"])["voter_id"]
    now = datetime.now(UTC)
    breach = BreachNoticeRequested(
        incident_id=uuid.uuid4(),
        voter_id=uuid.UUID(voter_id),
        exposed_data=["name", "residence address"],
        exposed_from=now - timedelta(days=3),
        exposed_until=now - timedelta(days=1),
        exposed_to="one county user account without a need to know",
        office_action="The account was disabled and its reads reviewed.",
        requested_by="auditor-e2e",
    )
    event = envelope(breach, source="/vrs/audit", correlation_id=uuid.uuid4())

    def known() -> Any:
        with psycopg.connect(stack.database_url) as conn:
            return conn.execute(
                "SELECT 1 FROM notifications.voter_contacts WHERE voter_id = %s", (voter_id,)
            ).fetchone()

    wait_until(known)  # the audit service asks long after registration; here, just after it
    produce(
        stack.bootstrap_servers,
        BREACH_NOTICES.name,
        [(voter_id.encode(), event.model_dump_json().encode(), {})],
    )

    notice = sent_notice(notices_client(stack), "breach_notice", voter_id=voter_id)
    messages = wait_until(
        lambda: [m for m in mailbox[0].to(address) if "exposed" in str(m["Subject"])]
    )

    assert (notice["type"], notice["clause"]) == ("breach_notice", "1.10.35.11")
    body = messages[0].get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "What was exposed: name, residence address." in text
    assert "one county user account without a need to know" in text
    assert form["last_name"] in text
    assert form["ssn"] not in json.dumps(notice) + messages[0].as_string()
