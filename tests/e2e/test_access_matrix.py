"""Least privilege, proven, and every attempt recorded (1.10.35.11; 1.10.35.8 D(10)).

The authorization matrix calls every operation of every running service, read from its OpenAPI
(a new endpoint is covered at once, and fails here until it has an expectation), with a token of
every role, of a county role of another county, and with no token, using harmless arguments: a
malformed body (``[]``), random ids, or Santa Fe's own records for the reads that a county scopes.
Each answer is a refusal (401/403) exactly when the table says so, and each refusal is in the audit
log. Then N random requests to every service, allowed, refused and to no route at all, leave
exactly N matching entries in the log.
"""

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import httpx
import pytest

from tests.e2e.conftest import Client, audit_log_since, registered, wait_until
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_embedded.services import SERVICE_NAMES
from vrs_embedded.stack import Stack
from vrs_plumbing.accounts import STANDING_PATH
from vrs_plumbing.audit_trail import outcome_of

pytestmark = pytest.mark.e2e

ANONYMOUS = "anonymous"
HOME, FOREIGN = County.santa_fe, County.taos
COUNTY_ROLES = (Role.county_clerk, Role.county_supervisor)
CLERKS = frozenset({Role.county_clerk, Role.county_supervisor, Role.sos_admin})
PORTALS = frozenset({Role.ovr_portal, Role.sos_admin})
EVERY_ROLE = frozenset(Role)
SOS = frozenset({Role.sos_admin})
AUDITOR = frozenset({Role.auditor})
REQUESTER = frozenset({Role.records_requester})
ACCOUNT_MANAGERS = frozenset({Role.sos_admin, Role.county_supervisor})
ACCOUNT_READERS = ACCOUNT_MANAGERS | {Role.auditor}
ELECTION = "matrix-election"


@dataclass(frozen=True)
class Rule:
    """Who may call an operation with the matrix's harmless arguments.

    ``allowed``: the roles (and ANONYMOUS, for a public operation) that are not refused.
    ``county_scoped``: the arguments name Santa Fe or one of its records, so a county role of
    another county is refused as well. Without it the arguments never reach a county's record (a
    random id answers 404, a malformed body 422) and the other county's role fares as Santa Fe's.
    """

    allowed: frozenset[str]
    county_scoped: bool = False


RULES: dict[tuple[str, str], Rule] = {
    ("registration", "POST /v1/applications"): Rule(CLERKS | {Role.ovr_portal}),
    # the application was submitted by a clerk: a portal reads only its own
    ("registration", "GET /v1/applications/{application_id}"): Rule(CLERKS, county_scoped=True),
    ("registration", "POST /v1/applications/{application_id}/proofreading"): Rule(
        frozenset(COUNTY_ROLES)
    ),
    ("registration", "GET /v1/voters/{voter_id}"): Rule(CLERKS, county_scoped=True),
    ("registration", "PUT /v1/voters/{voter_id}/precinct"): Rule(CLERKS),
    ("registration", "POST /v1/applications/{application_id}/fraud-referrals"): Rule(
        frozenset(COUNTY_ROLES)
    ),
    ("registration", "POST /v1/voters/{voter_id}/documents"): Rule(CLERKS),
    ("registration", "GET /v1/voters/{voter_id}/documents"): Rule(CLERKS, county_scoped=True),
    ("registration", "GET /v1/voters/{voter_id}/documents/{document_id}"): Rule(
        CLERKS, county_scoped=True
    ),
    ("registration", "GET /v1/qualified-parties"): Rule(EVERY_ROLE),
    ("registration", "PUT /v1/qualified-parties/{code}"): Rule(SOS),
    ("registration", "GET /v1/counties/{county}/commercial-mailboxes"): Rule(
        CLERKS, county_scoped=True
    ),
    ("registration", "POST /v1/counties/{county}/commercial-mailboxes"): Rule(CLERKS),
    ("registration", "DELETE /v1/counties/{county}/commercial-mailboxes/{mailbox_id}"): Rule(
        CLERKS, county_scoped=True
    ),
    ("registration", "POST /v1/identity-checks"): Rule(PORTALS),
    ("registration", "POST /v1/contact-requests"): Rule(PORTALS),
    ("registration", "GET /v1/counties/{county}/contact-requests"): Rule(
        CLERKS, county_scoped=True
    ),
    # the voter's one-time link is the credential of the secure SSN page
    ("registration", "POST /v1/ssn-submissions"): Rule(EVERY_ROLE | {ANONYMOUS}),
    ("registration", "GET /v1/elections"): Rule(EVERY_ROLE),
    ("registration", "PUT /v1/elections/{election_id}"): Rule(SOS),
    ("registration", "GET /v1/counties/{county}/suspense-report"): Rule(CLERKS, county_scoped=True),
    ("registration", "GET /v1/counties/{county}/settings"): Rule(CLERKS, county_scoped=True),
    ("registration", "PUT /v1/counties/{county}/settings"): Rule(
        frozenset({Role.county_supervisor, Role.sos_admin})
    ),
    ("matching", "POST /v1/mvd/identity-matches"): Rule(CLERKS | {Role.ovr_portal}),
    ("matching", "POST /v1/mvd/record-verifications"): Rule(CLERKS),
    ("matching", "GET /v1/reviews"): Rule(CLERKS, county_scoped=True),
    ("matching", "GET /v1/reviews/{review_id}"): Rule(CLERKS),
    ("matching", "POST /v1/reviews/{review_id}/resolution"): Rule(CLERKS),
    ("notifications", "GET /v1/notices"): Rule(CLERKS, county_scoped=True),
    ("notifications", "GET /v1/notices/sla"): Rule(CLERKS, county_scoped=True),
    ("notifications", "GET /v1/notices/{notice_id}"): Rule(CLERKS, county_scoped=True),
    ("notifications", "GET /v1/notices/{notice_id}/letter.pdf"): Rule(CLERKS, county_scoped=True),
    ("notifications", "POST /v1/notices/{notice_id}/reprints"): Rule(CLERKS),
    ("notifications", "POST /v1/notices/{notice_id}/mailings"): Rule(CLERKS),
    ("notifications", "POST /v1/notices/{notice_id}/returns"): Rule(CLERKS),
    ("notifications", "GET /v1/print-batches"): Rule(CLERKS, county_scoped=True),
    ("notifications", "GET /v1/print-batches/{batch_id}/bundle.pdf"): Rule(CLERKS),
    ("notifications", "GET /v1/print-batches/{batch_id}/manifest.csv"): Rule(CLERKS),
    ("records-requests", "POST /v1/affidavits"): Rule(REQUESTER),
    ("records-requests", "GET /v1/affidavits/current"): Rule(REQUESTER),
    ("records-requests", "POST /v1/quotes"): Rule(REQUESTER | CLERKS),
    ("records-requests", "GET /v1/requests"): Rule(REQUESTER),
    ("records-requests", "POST /v1/requests"): Rule(REQUESTER),
    ("records-requests", "GET /v1/requests/{request_id}"): Rule(REQUESTER | CLERKS),
    ("records-requests", "PUT /v1/counties/{county}/deposit"): Rule(CLERKS),
    ("records-requests", "POST /v1/requests/{request_id}/payments"): Rule(CLERKS),
    ("records-requests", "POST /v1/court-orders"): Rule(REQUESTER),
    ("records-requests", "POST /v1/court-orders/{court_order_id}/decision"): Rule(SOS),
    ("records-requests", "POST /v1/sensitive-data-requests"): Rule(REQUESTER),
    ("records-requests", "POST /v1/sensitive-data-requests/{sensitive_request_id}/fulfilment"): (
        Rule(SOS)
    ),
    ("records-requests", "POST /v1/requests/{request_id}/exports"): Rule(REQUESTER),
    ("records-requests", "GET /v1/exports/{export_id}"): Rule(REQUESTER | CLERKS),
    ("records-requests", "GET /v1/exports/{export_id}/file"): Rule(REQUESTER),
    ("records-requests", "GET /v1/exports/{export_id}/voters"): Rule(AUDITOR),
    ("records-requests", "GET /v1/voters/{voter_id}/disclosures"): Rule(
        CLERKS | AUDITOR, county_scoped=True
    ),
    ("records-requests", "GET /v1/public-log"): Rule(EVERY_ROLE),
    ("audit", "GET /v1/audit/events"): Rule(AUDITOR),
    ("audit", "POST /v1/incidents"): Rule(AUDITOR),
    ("audit", "GET /v1/incidents/{incident_id}"): Rule(AUDITOR),
    ("audit", "POST /v1/accounts"): Rule(ACCOUNT_MANAGERS),
    ("audit", "GET /v1/accounts"): Rule(ACCOUNT_READERS),
    ("audit", "GET /v1/accounts/{subject}"): Rule(ACCOUNT_READERS),
    ("audit", "POST /v1/accounts/{subject}/role"): Rule(ACCOUNT_MANAGERS),
    ("audit", "POST /v1/accounts/{subject}/disable"): Rule(ACCOUNT_MANAGERS),
    ("audit", "POST /v1/accounts/{subject}/enable"): Rule(ACCOUNT_MANAGERS),
    ("audit", "PUT /v1/accounts/{subject}/credentials"): Rule(ACCOUNT_MANAGERS),
    ("audit", "GET /.well-known/jwks.json"): Rule(EVERY_ROLE | {ANONYMOUS}),
    ("audit", "POST /v1/sessions"): Rule(EVERY_ROLE | {ANONYMOUS}),
    ("audit", "GET /v1/account-audits/monthly"): Rule(AUDITOR),
    ("audit", "GET /v1/account-audits/permissions"): Rule(AUDITOR),
    ("audit", "GET /v1/account-audits/disabled-account-attempts"): Rule(AUDITOR),
}


@dataclass(frozen=True)
class Caller:
    """Who calls: a role (None: no token at all) and, for a county role, its county."""

    role: Role | None
    county: County | None = None

    @property
    def name(self) -> str:
        if self.role is None:
            return ANONYMOUS
        return f"{self.role}@{self.county}" if self.county else str(self.role)

    def refused(self, rule: Rule) -> bool:
        """Whether the table expects this caller to be refused."""
        if (self.role or ANONYMOUS) not in rule.allowed:
            return True
        return self.county == FOREIGN and rule.county_scoped


CALLERS = (
    Caller(None),
    *(Caller(role, HOME if role in COUNTY_ROLES else None) for role in Role),
    *(Caller(role, FOREIGN) for role in COUNTY_ROLES),
)


@dataclass(frozen=True)
class Operation:
    """One operation of a service's OpenAPI."""

    service: str
    method: str
    path: str
    path_parameters: tuple[str, ...]
    query_parameters: tuple[str, ...]
    has_body: bool

    @property
    def key(self) -> tuple[str, str]:
        return self.service, f"{self.method} {self.path}"


@dataclass(frozen=True)
class Call:
    """One request made, and what came of it."""

    service: str
    action: str
    caller: Caller
    subject: str | None
    correlation_id: str
    status_code: int


def operations(stack: Stack) -> list[Operation]:
    """Every operation every running service documents."""
    found = []
    for service in SERVICE_NAMES:
        document = httpx.get(f"{stack.url(service)}/openapi.json", timeout=30).json()
        for path, item in document["paths"].items():
            if path == STANDING_PATH:  # services' own account check, unaudited (docs/adr/0026)
                continue
            for method, operation in item.items():
                parameters = operation.get("parameters", [])
                found.append(
                    Operation(
                        service=service,
                        method=method.upper(),
                        path=path,
                        path_parameters=tuple(p["name"] for p in parameters if p["in"] == "path"),
                        query_parameters=tuple(p["name"] for p in parameters if p["in"] == "query"),
                        has_body="requestBody" in operation,
                    )
                )
    return found


class Matrix:
    """Calls operations as callers, with harmless arguments; reads use Santa Fe's ``records``."""

    def __init__(self, stack: Stack, records: dict[str, str]) -> None:
        self.stack = stack
        self.records = records
        self.subjects = {c: f"matrix-{c.name}-{uuid4().hex[:8]}" for c in CALLERS if c.role}
        self.clients = {
            service: httpx.Client(base_url=stack.url(service), timeout=30)
            for service in SERVICE_NAMES
        }
        self.headers = {
            caller: {
                "Authorization": f"Bearer {stack.token(caller.role, caller.county, subject=subject)}"
            }
            for caller, subject in self.subjects.items()
            if caller.role is not None
        }

    def path_of(self, operation: Operation) -> str:
        path = operation.path
        for name in operation.path_parameters:
            path = path.replace("{" + name + "}", self.argument(operation, name))
        return path

    def argument(self, operation: Operation, name: str) -> str:
        """A path parameter's value: Santa Fe, its record for a read, or a harmless one."""
        if name == "county":
            return str(HOME)
        if operation.method == "GET" and name in self.records:
            return self.records[name]
        return {"code": "MATRIX", "election_id": ELECTION}.get(name, str(uuid4()))

    def query_argument(self, name: str) -> str | None:
        """A query parameter's value (Santa Fe, the rejected application whose notices a county
        scopes, an election), or None to leave it out."""
        return {
            "county": str(HOME),
            "application_id": self.records["rejected_application_id"],
            "election_id": ELECTION,
        }.get(name)

    def call(self, operation: Operation, caller: Caller, path: str | None = None) -> Call:
        """Make one request; ``path`` replaces the operation's (a request to no route)."""
        correlation_id = str(uuid4())
        query = {
            name: value
            for name in operation.query_parameters
            if (value := self.query_argument(name)) is not None
        }
        answer = self.clients[operation.service].request(
            operation.method,
            path or self.path_of(operation),
            params=query,
            headers={**self.headers.get(caller, {}), "X-Correlation-ID": correlation_id},
            json=[] if operation.has_body else None,
        )
        return Call(
            operation.service,
            f"{operation.method} (no route)" if path else operation.key[1],
            caller,
            self.subjects.get(caller),
            correlation_id,
            answer.status_code,
        )


@pytest.fixture
def santa_fe_records(
    stack: Stack, clerk: Client, paper_form: Callable[..., dict[str, Any]]
) -> dict[str, str]:
    """Real records of Santa Fe for the reads a county scopes: an application and its voter
    (known to records-requests too), and the notice of a rejected application."""
    accepted = clerk.post_application(paper_form())
    rejected = clerk.post_application(paper_form(citizen=False, email=None))
    assert (accepted.status_code, rejected.status_code) == (201, 201)
    application_id = accepted.json()["application_id"]
    rejected_id = rejected.json()["application_id"]
    notices = Client(stack.url("notifications"), stack.token(Role.county_clerk, HOME))
    listed = wait_until(
        lambda: notices.http.get("/v1/notices", params={"application_id": rejected_id}).json(),
        timeout=90,
    )
    voter_id = registered(clerk, application_id)["voter_id"]
    accounting = Client(stack.url("records-requests"), stack.token(Role.county_clerk, HOME))
    wait_until(  # records-requests knows the voter's county once it has the voter
        lambda: accounting.http.get(f"/v1/voters/{voter_id}/disclosures").status_code == 200,
        timeout=90,
    )
    return {
        "application_id": application_id,
        "voter_id": voter_id,
        "notice_id": listed[0]["notice_id"],
        "rejected_application_id": rejected_id,
    }


def audit_entries_of(
    auditor: Client, since: datetime, calls: Iterable[Call]
) -> dict[str, list[dict[str, Any]]]:
    """The audit entries of ``calls``, by correlation id, once each call has at least one."""
    wanted = {call.correlation_id for call in calls}

    def entries() -> dict[str, list[dict[str, Any]]] | None:
        by_call: dict[str, list[dict[str, Any]]] = {c: [] for c in wanted}
        for entry in audit_log_since(auditor, since):
            if entry["correlation_id"] in by_call:
                by_call[entry["correlation_id"]].append(entry)
        return by_call if all(by_call.values()) else None

    found: dict[str, list[dict[str, Any]]] = wait_until(entries, timeout=180, interval=2)
    return found


def entry_disagrees(call: Call, entries: list[dict[str, Any]]) -> str | None:
    """What is wrong with the audit entries of ``call``, if anything."""
    if len(entries) != 1:
        return f"{len(entries)} entries"
    entry = entries[0]
    expected = {
        "service": call.service,
        "action": call.action,
        "status_code": call.status_code,
        "actor": call.subject or ANONYMOUS,
        "role": str(call.caller.role) if call.caller.role else None,
        "outcome": outcome_of(call.status_code),
    }
    wrong = {k: entry[k] for k, v in expected.items() if entry[k] != v}
    return f"entry says {wrong}" if wrong else None


def test_every_operation_of_every_service_refuses_exactly_whom_it_should_and_audits_it(
    stack: Stack, auditor: Client, santa_fe_records: dict[str, str]
) -> None:
    found = operations(stack)
    keys = {operation.key for operation in found}
    assert sorted(keys - RULES.keys()) == [], "operations without an expectation in RULES"
    assert sorted(RULES.keys() - keys) == [], "expectations of operations no service documents"

    matrix = Matrix(stack, santa_fe_records)
    since = datetime.now(UTC)
    calls = [(op, caller, matrix.call(op, caller)) for op in found for caller in CALLERS]

    wrong = [
        f"{call.action} ({call.service}) as {caller.name}: {call.status_code}"
        for op, caller, call in calls
        if (call.status_code in {401, 403}) != caller.refused(RULES[op.key])
        or call.status_code >= 500
    ]
    assert wrong == [], "answers against the table (refused must be exactly 401/403)"
    refusals = [call for _op, _caller, call in calls if call.status_code in {401, 403}]
    assert {c.status_code for c in refusals if c.caller.role is None} == {401}
    audited = audit_entries_of(auditor, since, refusals)
    unaudited = [
        f"{call.action} as {call.caller.name}: {problem}"
        for call in refusals
        if (problem := entry_disagrees(call, audited[call.correlation_id]))
    ]
    assert unaudited == [], "refusals without their one audit entry"


def test_n_random_requests_to_every_service_leave_exactly_n_matching_audit_entries(
    stack: Stack, auditor: Client, santa_fe_records: dict[str, str]
) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    found = operations(stack)
    matrix = Matrix(stack, santa_fe_records)
    since = datetime.now(UTC)
    calls: list[Call] = []
    for service in SERVICE_NAMES:
        own = [op for op in found if op.service == service]
        for _ in range(6 if own else 0):
            calls.append(matrix.call(rng.choice(own), rng.choice(CALLERS)))
        nowhere = Operation(service, "GET", "/v1/nowhere", (), (), has_body=False)
        calls.append(matrix.call(nowhere, rng.choice(CALLERS), path=f"/v1/no-{uuid4().hex}"))
    assert {c.status_code in {401, 403} for c in calls} == {True, False}, f"seed {seed}"

    audited = audit_entries_of(auditor, since, calls)

    assert sum(len(entries) for entries in audited.values()) == len(calls), f"seed {seed}"
    disagreeing = [
        f"{call.action} as {call.caller.name}: {problem}"
        for call in calls
        if (problem := entry_disagrees(call, audited[call.correlation_id]))
    ]
    assert disagreeing == [], f"seed {seed}"
