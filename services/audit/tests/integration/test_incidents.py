"""Breach response on a real PostgreSQL: an incident finds from the access log exactly the voters
the selected answers of its window disclosed, and to whom; stores them; and publishes one
``BreachNoticeRequested`` per voter through the outbox. An export selector asks a real local
HTTP server standing for records-requests which voters the export held."""

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from uuid import uuid4

import pytest

from services.audit.tests.integration.conftest import Audit, read_of
from vrs_contracts.counties import County
from vrs_contracts.envelope import decode
from vrs_contracts.events import AccessAttempted, BreachNoticeRequested
from vrs_contracts.vocabulary import AuditOutcome, Role

START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
END = START + timedelta(hours=8)
EXPORT_ID, EXPORT_VOTERS = uuid4(), sorted([uuid4(), uuid4()])


def incident(**selector: Any) -> dict[str, Any]:
    return {
        "description": "A clerk's account read records outside its need to know.",
        "window_start": START.isoformat(),
        "window_end": END.isoformat(),
        "selector": selector,
        "exposed_data": ["name", "residence address", "date of birth"],
        "exposed_to": "one county user account without a need to know",
        "office_action": "The account was disabled and its holder's access reviewed.",
    }


async def notices(audit: Audit) -> list[BreachNoticeRequested]:
    async with audit.runtime.pool.connection() as conn:
        rows = await (await conn.execute("SELECT payload FROM outbox ORDER BY id")).fetchall()
    events = [decode(bytes(row["payload"])).data for row in rows]
    return [event for event in events if isinstance(event, BreachNoticeRequested)]


async def test_the_drill_finds_exactly_the_voters_one_account_read_in_the_window(
    audit: Audit,
) -> None:
    read = sorted([uuid4(), uuid4(), uuid4()])
    before, by_another, refused = uuid4(), uuid4(), uuid4()
    await audit.record(read_of([before], actor="leaky"), START - timedelta(minutes=1))
    for hour, voter in enumerate(read):
        await audit.record(read_of([voter], actor="leaky"), START + timedelta(hours=hour))
    await audit.record(read_of([read[0]], actor="leaky"), START + timedelta(hours=5))
    await audit.record(read_of([by_another], actor="careful"), START + timedelta(hours=1))
    await audit.record(read_of([refused], actor="leaky", status_code=403), START)
    await audit.record(read_of([uuid4()], actor="leaky"), END)

    async with audit.as_role(Role.auditor) as auditor:
        declared = await auditor.post("/v1/incidents", json=incident(actor="leaky"))
        assert declared.status_code == 201, declared.text
        shown = await auditor.get(f"/v1/incidents/{declared.json()['incident_id']}")

    assert shown.status_code == 200
    assert shown.json() == declared.json()
    answer = declared.json()
    assert answer["affected"] == [{"voter_id": str(v), "seen_by": ["leaky"]} for v in read]
    assert answer["declared_by"] == "auditor-1"
    sent = await notices(audit)
    assert sorted(n.voter_id for n in sent) == read
    notice = sent[0]
    assert str(notice.incident_id) == answer["incident_id"]
    assert (notice.exposed_from, notice.exposed_until) == (START, END)
    assert notice.exposed_data == ["name", "residence address", "date of birth"]
    assert notice.exposed_to == "one county user account without a need to know"
    assert notice.requested_by == "auditor-1"


async def test_the_selector_narrows_by_endpoint_and_voters(audit: Audit) -> None:
    ana, ben, cruz = uuid4(), uuid4(), uuid4()
    await audit.record(read_of([ana, ben], actor="a"), START)
    await audit.record(read_of([cruz], actor="b"), START)
    write = AccessAttempted(
        actor="a",
        role="county_clerk",
        county="taos",
        service="matching",
        action="POST /v1/reviews/{review_id}/resolution",
        resource=f"/v1/reviews/{uuid4()}/resolution",
        outcome=AuditOutcome.allowed,
        status_code=200,
        voter_ids=[cruz],
    )
    await audit.record(write, START)

    async with audit.as_role(Role.auditor) as auditor:
        by_endpoint = await auditor.post(
            "/v1/incidents", json=incident(action="GET /v1/voters/{voter_id}")
        )
        by_voters = await auditor.post("/v1/incidents", json=incident(voter_ids=[str(cruz)]))

    assert [(a["voter_id"], a["seen_by"]) for a in by_endpoint.json()["affected"]] == sorted(
        [(str(ana), ["a"]), (str(ben), ["a"]), (str(cruz), ["b"])]
    )
    assert by_voters.json()["affected"] == [{"voter_id": str(cruz), "seen_by": ["a", "b"]}]


async def test_an_incident_without_a_selector_or_with_its_window_reversed_is_refused(
    audit: Audit,
) -> None:
    reversed_window = {**incident(actor="a"), "window_end": START.isoformat()}
    async with audit.as_role(Role.auditor) as auditor:
        unselected = await auditor.post("/v1/incidents", json=incident())
        reversed_ = await auditor.post("/v1/incidents", json=reversed_window)
        missing = await auditor.get(f"/v1/incidents/{uuid4()}")
    async with (
        audit.as_role(Role.sos_admin) as sos,
        audit.as_role(Role.county_clerk, County.taos) as clerk,
    ):
        refused = [
            await sos.post("/v1/incidents", json=incident(actor="a")),
            await clerk.get(f"/v1/incidents/{uuid4()}"),
        ]

    assert unselected.status_code == 422
    assert [f["field"] for f in unselected.json()["error"]["fields"]] == ["selector"]
    assert [f["field"] for f in reversed_.json()["error"]["fields"]] == ["window_end"]
    assert missing.status_code == 404
    assert [r.status_code for r in refused] == [403, 403]
    assert await notices(audit) == []


class RecordsRequests(BaseHTTPRequestHandler):
    """Records-requests' ``GET /v1/exports/{export_id}/voters``, for one known export."""

    seen: ClassVar[list[tuple[str, str | None]]] = []

    def do_GET(self) -> None:
        RecordsRequests.seen.append((self.path, self.headers.get("Authorization")))
        if self.path != f"/v1/exports/{EXPORT_ID}/voters":
            self.send_response(404)
            self.end_headers()
            return
        body = json.dumps(
            {"export_id": str(EXPORT_ID), "voter_ids": [str(v) for v in EXPORT_VOTERS]}
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 -- http.server's signature
        """Quiet."""


@pytest.fixture
def records_requests() -> Iterator[ThreadingHTTPServer]:
    """A real HTTP server on the loopback, standing for records-requests."""
    RecordsRequests.seen.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordsRequests)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def records_requests_url(records_requests: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{records_requests.server_address[1]}"


async def test_an_export_selector_asks_records_requests_which_voters_the_export_held(
    audit: Audit,
) -> None:
    download = read_of([], actor="requester-7")
    download = download.model_copy(
        update={"service": "records-requests", "resource": f"/v1/exports/{EXPORT_ID}/file"}
    )
    await audit.record(download, START + timedelta(hours=1))
    await audit.record(read_of([uuid4()], actor="requester-8"), START)

    async with audit.as_role(Role.auditor) as auditor:
        declared = await auditor.post("/v1/incidents", json=incident(export_id=str(EXPORT_ID)))
        unknown = await auditor.post("/v1/incidents", json=incident(export_id=str(uuid4())))
        bearer = auditor.headers["Authorization"]

    assert declared.status_code == 201, declared.text
    assert declared.json()["affected"] == [
        {"voter_id": str(v), "seen_by": ["requester-7"]} for v in EXPORT_VOTERS
    ]
    assert sorted(n.voter_id for n in await notices(audit)) == EXPORT_VOTERS
    assert RecordsRequests.seen[0] == (f"/v1/exports/{EXPORT_ID}/voters", bearer)
    assert unknown.status_code == 422
    assert [f["field"] for f in unknown.json()["error"]["fields"]] == ["selector.export_id"]


async def test_without_records_requests_an_export_incident_is_not_declared(
    audit: Audit, records_requests: ThreadingHTTPServer
) -> None:
    records_requests.shutdown()
    records_requests.server_close()
    async with audit.as_role(Role.auditor) as auditor:
        answer = await auditor.post("/v1/incidents", json=incident(export_id=str(EXPORT_ID)))

    assert answer.status_code == 503
    assert await notices(audit) == []
    async with audit.runtime.pool.connection() as conn:
        assert await (await conn.execute("SELECT * FROM incident")).fetchall() == []
