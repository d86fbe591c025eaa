"""A campaign's voter-list request, end to end: voters registered through intake reach
records-requests' public projection over Kafka; the campaign signs its affidavit, is quoted,
pays, and downloads a county list holding exactly the public columns (no precinct exists in
any event, so the list is the county's: 1.10.35.7 AA's order, by surname); the voter with a
confidential address is not in it; the per-voter disclosure query lists that export; the
auditors get the export's voters; the file is gone after its last download."""

import csv
import io
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from tests.e2e.conftest import Client, audited, wait_until
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_embedded.stack import Stack
from vrs_records_requests.domain.projection import PUBLIC_FIELDS
from vrs_records_requests.entrypoints.scope import NEW_MEXICO

pytestmark = pytest.mark.e2e
COUNTY = County.catron  # no other end-to-end test registers voters there


def affidavit(**changes: str) -> dict[str, Any]:
    """A campaign's affidavit of authorization, signed today in New Mexico."""
    return {
        "name": "Pat Requester", "organisation": "Committee to Elect Pat",
        "address": "1 Main St, Reserve NM 87830", "purpose": "election_campaign",
        "requester_kind": "campaign", "attests_lawful_use": True,
        "signature": "Pat Requester", "signed_on": datetime.now(NEW_MEXICO).date().isoformat(),
        **changes,
    }  # fmt: skip


def registered_voter(clerk: Client, form: dict[str, Any]) -> str:
    answer = clerk.post_application(form)
    assert answer.status_code == 201, answer.text
    application_id = answer.json()["application_id"]
    application: dict[str, Any] = wait_until(
        lambda: (
            (r := clerk.http.get(f"/v1/applications/{application_id}").json())["state"]
            == "registered"
            and r
        ),
        timeout=120,
    )
    return str(application["voter_id"])


def test_a_campaign_gets_a_county_list_of_public_columns_and_every_disclosure_is_accounted(
    stack: Stack, paper_form: Callable[..., dict[str, Any]]
) -> None:
    clerk = Client(
        stack.url("registration"),
        stack.token(Role.county_clerk, COUNTY, subject=f"clerk-{uuid.uuid4().hex[:8]}"),
    )
    tag = uuid.uuid4().hex[:6]
    surnames = [f"Archuleta{tag}", f"Baca{tag}", f"Cordova{tag}"]
    listed = {
        registered_voter(clerk, paper_form(county=COUNTY, last_name=name)): name
        for name in surnames
    }
    hidden = registered_voter(
        clerk, paper_form(county=COUNTY, last_name=f"Official{tag}", confidential_address=True)
    )

    base = stack.url("records-requests")
    pat = Client(base, stack.token(Role.records_requester, subject="campaign-pat"))
    signed = pat.http.post("/v1/affidavits", json=affidavit())
    assert signed.status_code == 201, signed.text

    def county_list() -> dict[str, Any] | None:
        made = pat.http.post("/v1/requests", json={"product": "voter_list", "county": COUNTY})
        assert made.status_code == 201, made.text
        return made.json() if made.json()["row_count"] == len(surnames) else None

    request = wait_until(county_list, timeout=120, interval=1.0)
    sos = Client(base, stack.token(Role.sos_admin, subject="sos-cashier"))
    paid = sos.http.post(
        f"/v1/requests/{request['request_id']}/payments",
        json={"kind": "payment", "amount_cents": request["quote"]["total_cents"]},
    )
    assert paid.status_code == 201, paid.text
    queued = pat.http.post(f"/v1/requests/{request['request_id']}/exports")
    assert queued.status_code == 202, queued.text
    export_id = queued.json()["export_id"]
    ready = wait_until(
        lambda: (e := pat.http.get(f"/v1/exports/{export_id}").json())["state"] == "ready" and e,
        timeout=120,
    )

    got = pat.http.get(f"/v1/exports/{export_id}/file")
    assert got.status_code == 200, got.text
    table = list(csv.reader(io.StringIO(got.text)))
    assert tuple(table[0]) == PUBLIC_FIELDS
    rows = [dict(zip(table[0], row, strict=True)) for row in table[1:]]
    assert {r["voter_id"]: r["last_name"] for r in rows} == listed
    assert [r["last_name"] for r in rows] == surnames
    assert hidden not in {r["voter_id"] for r in rows}
    assert ready["rows_total"] == len(surnames)

    auditor = Client(base, stack.token(Role.auditor, subject="auditor-e2e"))
    voters = auditor.http.get(f"/v1/exports/{export_id}/voters").json()
    assert set(voters["voter_ids"]) == set(listed)
    one = next(iter(listed))
    disclosures = auditor.http.get(f"/v1/voters/{one}/disclosures").json()
    assert [(d["export_id"], d["recipient_organisation"], d["purpose"], d["row_count"])
            for d in disclosures] == [(export_id, "Committee to Elect Pat", "election_campaign", 3)]  # fmt: skip
    assert disclosures[0]["fields"] == list(PUBLIC_FIELDS)
    county_clerk = Client(base, stack.token(Role.county_clerk, COUNTY, subject="clerk-reader"))
    assert county_clerk.http.get(f"/v1/voters/{one}/disclosures").json() == disclosures
    other_clerk = Client(base, stack.token(Role.county_clerk, County.taos, subject="clerk-taos"))
    assert other_clerk.http.get(f"/v1/voters/{one}/disclosures").status_code == 403
    assert auditor.http.get(f"/v1/voters/{hidden}/disclosures").json() == []

    stranger = Client(base, stack.token(Role.records_requester, subject="someone-else"))
    assert stranger.http.get(f"/v1/exports/{export_id}/file").status_code == 403
    remaining = ready["download_limit"] - 1
    assert [pat.http.get(f"/v1/exports/{export_id}/file").status_code for _ in range(remaining)] == [200] * remaining  # fmt: skip
    assert pat.http.get(f"/v1/exports/{export_id}/file").status_code == 410
    assert pat.http.get(f"/v1/exports/{export_id}").json()["state"] == "deleted"


def test_a_federal_agency_asking_for_a_persons_data_without_a_court_order_is_refused_and_audited(
    stack: Stack, auditor: Client
) -> None:
    subject = f"federal-{uuid.uuid4().hex[:8]}"
    agency = Client(
        stack.url("records-requests"), stack.token(Role.records_requester, subject=subject)
    )
    signed = agency.http.post(
        "/v1/affidavits",
        json=affidavit(name="An Agent", organisation="A federal agency", purpose="governmental",
                       requester_kind="outside_agency", signature="An Agent"),
    )  # fmt: skip
    assert signed.status_code == 201, signed.text
    asked = agency.http.post(
        "/v1/sensitive-data-requests",
        json={"voter_id": str(uuid.uuid4()), "fields": ["date_of_birth", "residence_address"]},
    )
    assert asked.status_code == 403
    assert "court order" in asked.json()["error"]["message"]

    entries = audited(auditor, actor=subject, outcome="denied")
    assert [(e["action"], e["service"], e["status_code"]) for e in entries] == [
        ("POST /v1/sensitive-data-requests", "records-requests", 403)
    ]
