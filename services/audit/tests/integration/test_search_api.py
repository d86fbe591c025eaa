"""The audit API searches the log by the voters an answer disclosed, among its other filters;
auditors only."""

from uuid import uuid4

from services.audit.tests.integration.conftest import Audit, read_of
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role


async def test_an_auditor_finds_every_answer_that_disclosed_a_voter(audit: Audit) -> None:
    ana, ben = uuid4(), uuid4()
    await audit.record(read_of([ana]))
    await audit.record(read_of([ana, ben], actor="clerk-2"))
    await audit.record(read_of([ben]))
    await audit.record(read_of([], status_code=403))

    async with audit.as_role(Role.auditor) as auditor:
        of_ana = await auditor.get("/v1/audit/events", params={"voter_id": str(ana)})
        of_ana_by_2 = await auditor.get(
            "/v1/audit/events", params={"voter_id": str(ana), "actor": "clerk-2"}
        )
        of_nobody = await auditor.get("/v1/audit/events", params={"voter_id": str(uuid4())})

    assert of_ana.status_code == 200, of_ana.text
    assert [(e["actor"], e["voter_ids"]) for e in of_ana.json()] == [
        ("clerk-1", [str(ana)]),
        ("clerk-2", [str(ana), str(ben)]),
    ]
    assert [e["seq"] for e in of_ana_by_2.json()] == [2]
    assert of_nobody.json() == []


async def test_only_auditors_search_the_log(audit: Audit) -> None:
    async with (
        audit.as_role(Role.county_clerk, County.taos) as clerk,
        audit.as_role(Role.sos_admin) as sos,
    ):
        answers = [await c.get("/v1/audit/events") for c in (clerk, sos)]

    assert [a.status_code for a in answers] == [403, 403]
