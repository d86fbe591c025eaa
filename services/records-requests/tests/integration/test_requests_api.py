"""Requests on a real PostgreSQL through the API: no request without an affidavit in force; a
quote from the schedule over the projection's voters, with the county's deposit and the
payments; a select group refused for a purpose that does not allow it; a person's sensitive
data refused to an outside agency without an approved court order; every attempt kept, and
every refusal in the audit trail."""

import hashlib
import json
from typing import Any

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_plumbing.db import Connection
from vrs_records_requests.service_layer.projection import on_voter_registered


async def rows(conn: Connection, query: str) -> list[dict[str, Any]]:
    return list(await (await conn.execute(query)).fetchall())


async def register(records: Any, *voters: Any) -> None:
    async with records.runtime.pool.connection() as conn, conn.transaction():
        for data in voters:
            await on_voter_registered(conn, records.wrapped(data))


async def denied_attempts(records: Any, path: str) -> list[dict[str, Any]]:
    """The access attempts the audit middleware wrote to the outbox for ``path``, refused."""
    async with records.runtime.pool.connection() as conn:
        found = await rows(conn, "SELECT payload FROM outbox")
    events = [r["payload"] for r in found]
    decoded = [json.loads(bytes(e)) for e in events]
    return [
        e["data"] for e in decoded if e["data"].get("resource", "").startswith(path)
        and e["data"]["outcome"] == "denied"
    ]  # fmt: skip


async def test_no_request_proceeds_without_an_affidavit_and_the_attempt_is_kept(records) -> None:
    async with records.client(Role.records_requester, subject="pat") as pat:
        refused = await pat.post("/v1/requests", json={"product": "voter_list"})
        mine = await pat.get("/v1/requests")
        missing = await pat.get("/v1/affidavits/current")
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"]["code"] == "refused"
    assert "affidavit" in refused.json()["error"]["message"]
    assert missing.status_code == 404
    assert [(r["outcome"], r["affidavit_id"]) for r in mine.json()] == [("refused", None)]
    assert await denied_attempts(records, "/v1/requests")


async def test_an_incomplete_affidavit_is_refused_naming_its_fields(records) -> None:
    async with records.client(Role.records_requester, subject="pat") as pat:
        answer = await pat.post(
            "/v1/affidavits", json=records.affidavit(attests_lawful_use=False, signature=" ")
        )
    assert answer.status_code == 422
    assert {f["field"] for f in answer.json()["error"]["fields"]} == {
        "signature",
        "attests_lawful_use",
    }


async def test_a_request_under_an_affidavit_is_quoted_with_the_countys_deposit_and_paid(
    records,
) -> None:
    await register(
        records,
        records.voter("Alpha", party="DEM"),
        records.voter("Beta", party="REP"),
        records.voter("Gamma", party="DEM", county=County.taos),
    )
    async with records.client(Role.county_clerk, County.santa_fe) as clerk:
        deposit = await clerk.put("/v1/counties/santa_fe/deposit", json={"deposit_percent": 50})
        other = await clerk.put("/v1/counties/taos/deposit", json={"deposit_percent": 10})
    async with records.client(Role.records_requester, subject="pat") as pat:
        first = await pat.post("/v1/affidavits", json=records.affidavit())
        second = await pat.post("/v1/affidavits", json=records.affidavit(organisation="Pat 2026"))
        current = await pat.get("/v1/affidavits/current")
        made = await pat.post(
            "/v1/requests",
            json={"product": "voter_list", "county": "santa_fe", "filters": {"party": "dem"}},
        )
        quoted = await pat.post(
            "/v1/quotes", json={"product": "voter_list", "medium": "download", "records": 1}
        )
    assert (deposit.status_code, other.status_code) == (200, 403)
    assert (first.json()["version"], second.json()["version"]) == (1, 2)
    assert current.json()["organisation"] == "Pat 2026"
    assert current.json()["in_force"] is True
    assert made.status_code == 201, made.text
    request = made.json()
    assert request["outcome"] == "quoted"
    assert request["row_count"] == 1
    assert request["quote"] == quoted.json()
    assert request["deposit_cents"] == -(-request["quote"]["total_cents"] // 2)
    assert request["affidavit_id"] == second.json()["affidavit_id"]

    path = f"/v1/requests/{request['request_id']}"
    async with records.client(Role.county_clerk, County.santa_fe) as clerk:
        paid = await clerk.post(
            f"{path}/payments",
            json={"kind": "deposit", "amount_cents": request["deposit_cents"], "reference": "R-1"},
        )
        seen = await clerk.get(path)
    async with records.client(Role.county_clerk, County.taos) as taos:
        foreign = await taos.get(path)
    async with records.client(Role.records_requester, subject="someone-else") as stranger:
        not_theirs = await stranger.get(path)
    assert paid.status_code == 201, paid.text
    assert seen.json()["paid_cents"] == request["deposit_cents"]
    assert (foreign.status_code, not_theirs.status_code) == (403, 403)


async def test_a_select_group_the_purpose_does_not_allow_is_refused_with_the_reason(
    records,
) -> None:
    research = records.affidavit(purpose="election_related", requester_kind="researcher")
    async with records.client(Role.records_requester, subject="scholar") as scholar:
        await scholar.post("/v1/affidavits", json=research)
        by_party = await scholar.post(
            "/v1/requests", json={"product": "voter_data", "filters": {"party": "DEM"}}
        )
        by_gender = await scholar.post(
            "/v1/requests", json={"product": "voter_data", "filters": {"gender": "F"}}
        )
        whole = await scholar.post("/v1/requests", json={"product": "voter_data"})
        kept = await scholar.get("/v1/requests")
    assert by_party.status_code == 403
    assert "party" in by_party.json()["error"]["message"]
    assert "election_related" in by_party.json()["error"]["message"]
    assert by_gender.status_code == 403
    assert whole.status_code == 201
    assert sorted(r["outcome"] for r in kept.json()) == ["quoted", "refused", "refused"]


async def test_a_federal_request_for_sensitive_data_needs_an_order_the_sos_approved(
    records,
) -> None:
    federal = records.affidavit(purpose="governmental", requester_kind="outside_agency")
    wanted = {
        "voter_id": "00000000-0000-0000-0000-000000000001",
        "fields": ["ssn", "date_of_birth"],
    }
    order = {
        "kind": "court_order",
        "court": "U.S. District Court for the District of New Mexico",
        "case_number": "1:26-cv-00001",
        "document_sha256": hashlib.sha256(b"synthetic order").hexdigest(),
    }
    async with records.client(Role.records_requester, subject="agency") as agency:
        await agency.post("/v1/affidavits", json=federal)
        without = await agency.post("/v1/sensitive-data-requests", json=wanted)
        named = await agency.post(
            "/v1/requests",
            json={"product": "special_voter_list", "voter_ids": [wanted["voter_id"]]},
        )
        attached = await agency.post("/v1/court-orders", json=order)
        order_id = attached.json()["court_order_id"]
        self_approved = await agency.post(
            f"/v1/court-orders/{order_id}/decision", json={"decision": "approved"}
        )
        pending = await agency.post(
            "/v1/sensitive-data-requests", json={**wanted, "court_order_id": order_id}
        )
    async with records.client(Role.sos_admin, subject="sos-1") as sos:
        approved = await sos.post(
            f"/v1/court-orders/{order_id}/decision", json={"decision": "approved"}
        )
    async with records.client(Role.records_requester, subject="agency") as agency:
        allowed = await agency.post(
            "/v1/sensitive-data-requests", json={**wanted, "court_order_id": order_id}
        )
    async with records.client(Role.records_requester, subject="campaign") as campaign:
        await campaign.post("/v1/affidavits", json=records.affidavit())
        borrowed = await campaign.post(
            "/v1/sensitive-data-requests", json={**wanted, "court_order_id": order_id}
        )

    assert without.status_code == 403
    assert named.status_code == 403
    assert "court order" in named.json()["error"]["message"]
    assert "court order" in without.json()["error"]["message"]
    assert self_approved.status_code == 403
    assert pending.status_code == 403
    assert approved.json()["decided_by"] == "sos-1"
    assert allowed.status_code == 201, allowed.text
    assert allowed.json()["outcome"] == "approved"
    assert borrowed.status_code == 403
    async with records.runtime.pool.connection() as conn:
        kept = await rows(
            conn,
            "SELECT sensitive_request_id, outcome FROM sensitive_requests ORDER BY requested_at",
        )
    without_id = kept[0]["sensitive_request_id"]
    assert [r["outcome"] for r in kept] == ["refused", "refused", "approved", "refused"]
    assert len(await denied_attempts(records, "/v1/sensitive-data-requests")) == 3

    given = {"fields": ["date_of_birth"], "file_sha256": hashlib.sha256(b"letter").hexdigest()}
    fulfilled = f"/v1/sensitive-data-requests/{allowed.json()['sensitive_request_id']}/fulfilment"
    refused_one = f"/v1/sensitive-data-requests/{without_id}/fulfilment"
    async with records.client(Role.sos_admin, subject="sos-1") as sos:
        recorded = await sos.post(fulfilled, json=given)
        again = await sos.post(fulfilled, json=given)
        never = await sos.post(refused_one, json=given)
    async with records.client(Role.auditor, subject="auditor") as auditor:
        accounted = (await auditor.get(f"/v1/voters/{wanted['voter_id']}/disclosures")).json()
    assert recorded.status_code == 201, recorded.text
    assert (again.status_code, never.status_code) == (409, 409)
    assert [
        (d["legal_basis"], d["legal_basis_id"], d["fields"], d["export_id"]) for d in accounted
    ] == [("court_order", order_id, ["date_of_birth"], None)]


async def test_products_the_projection_cannot_make_are_named_not_invented(records) -> None:
    async with records.client(Role.records_requester, subject="pat") as pat:
        await pat.post("/v1/affidavits", json=records.affidavit())
        precinct = await pat.post("/v1/requests", json={"product": "precinct_list"})
    assert precinct.status_code == 422
    assert "precinct" in precinct.json()["error"]["fields"][0]["problem"]


async def test_a_nul_character_or_a_stray_filter_name_is_a_422_naming_the_field(records) -> None:
    """PostgreSQL stores no NUL in text or jsonb: such input must be refused, never a 500."""
    async with records.client(Role.records_requester, subject="pat") as pat:
        signed = await pat.post("/v1/affidavits", json=records.affidavit(name="Pat\x00"))
        await pat.post("/v1/affidavits", json=records.affidavit())
        value = await pat.post(
            "/v1/requests", json={"product": "voter_list", "filters": {"party": "DEM\x00"}}
        )
        name = await pat.post(
            "/v1/requests", json={"product": "voter_list", "filters": {"Party\x00; --": "DEM"}}
        )
        court = await pat.post(
            "/v1/court-orders",
            json={
                "kind": "subpoena",
                "court": "X\x00",
                "case_number": "1",
                "document_sha256": "0" * 64,
            },
        )
    for answer, field in [
        (signed, "name"),
        (value, "filters"),
        (name, "filters"),
        (court, "court"),
    ]:
        assert answer.status_code == 422, answer.text
        assert answer.json()["error"]["fields"][0]["field"].split(".")[0] == field
        assert "\\u0000" not in answer.json()["error"]["message"]
