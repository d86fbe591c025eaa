"""Disabling an account refuses that user's very next request, in every service (issue 6,
1.10.35.11; docs/adr/0026), and every refusal is in the access log."""

import uuid

import pytest

from tests.e2e.conftest import Client, wait_until
from vrs_contracts.vocabulary import Role
from vrs_embedded.stack import Stack

pytestmark = pytest.mark.e2e

# One read in each service that an administrator may make.
READS = {
    "registration": "/v1/qualified-parties",
    "matching": "/v1/reviews?county=taos",
    "notifications": "/v1/notices/sla",
    "records-requests": "/v1/public-log",
    "audit": "/v1/accounts?role=sos_admin",
}


def test_a_disabled_account_is_refused_on_its_next_request_in_every_service(
    stack: Stack, auditor: Client
) -> None:
    leaver = f"admin-leaving-{uuid.uuid4().hex[:8]}"
    admin = Client(stack.url("audit"), stack.token(Role.sos_admin, subject="admin-e2e"))
    created = admin.http.post(
        "/v1/accounts",
        json={
            "subject": leaver,
            "role": "sos_admin",
            "owner_name": "Ana Example",
            "reason": "new deputy administrator",
        },
    )
    assert created.status_code == 201, created.text
    token = stack.token(Role.sos_admin, subject=leaver)
    users = {name: Client(stack.url(name), token) for name in READS}

    for name, path in READS.items():
        answer = users[name].http.get(path)
        assert answer.status_code == 200, (name, answer.text)

    disabled = admin.http.post(
        f"/v1/accounts/{leaver}/disable", json={"reason": "left the office today"}
    )
    assert disabled.status_code == 200, disabled.text

    for name, path in READS.items():
        refused = users[name].http.get(path)
        assert refused.status_code == 401, (name, refused.text)
        assert refused.json()["error"]["message"] == "account disabled", name

    def refusals() -> list[dict[str, object]]:
        rows = auditor.http.get(
            "/v1/audit/events", params={"actor": leaver, "outcome": "denied"}
        ).json()
        return rows if {row["service"] for row in rows} == set(READS) else []

    denied = wait_until(refusals, timeout=90)
    assert len(denied) == len(READS)
    assert {row["reason"] for row in denied} == {"account disabled"}
    assert {row["status_code"] for row in denied} == {401}

    history = admin.http.get(f"/v1/accounts/{leaver}").json()["history"]
    assert [(c["change"], c["changed_by"], c["reason"]) for c in history] == [
        ("created", "admin-e2e", "new deputy administrator"),
        ("disabled", "admin-e2e", "left the office today"),
    ]


def test_a_signed_in_token_from_audit_is_accepted_by_every_service_through_the_jwks(
    stack: Stack,
) -> None:
    clerk = f"clerk-signin-{uuid.uuid4().hex[:8]}"
    admin = Client(stack.url("audit"), stack.token(Role.sos_admin, subject="admin-e2e"))
    assert (
        admin.http.post(
            "/v1/accounts",
            json={
                "subject": clerk,
                "role": "county_clerk",
                "county": "santa_fe",
                "owner_name": "Lucia Example",
                "reason": "new clerk",
            },
        ).status_code
        == 201
    )
    password = uuid.uuid4().hex
    enrolled = admin.http.put(
        f"/v1/accounts/{clerk}/credentials", json={"password": password, "reason": "first day"}
    )
    assert enrolled.json() == {"totp_uri": None}
    session = Client(stack.url("audit"), None).http.post(
        "/v1/sessions", json={"subject": clerk, "password": password}
    )
    assert session.status_code == 201, session.text
    token = session.json()["token"]

    reads = {
        "registration": "/v1/counties/santa_fe/settings",
        "matching": "/v1/reviews",
        "notifications": "/v1/notices/sla",
        "records-requests": "/v1/public-log",
    }
    for name, path in reads.items():
        answer = Client(stack.url(name), token).http.get(path)
        assert answer.status_code == 200, (name, answer.text)
