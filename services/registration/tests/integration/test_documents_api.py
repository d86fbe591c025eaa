"""The documents of a voter record over HTTP, on the real app and a real PostgreSQL: attach, list,
read; county scope; a transfer keeps the documents (1.10.35.8 A(6)); the size limit."""

import base64
import hashlib
import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from pydantic import SecretStr

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_embedded.testing import disclosed_voters
from vrs_plumbing.auth import mint_token, new_signing_key
from vrs_plumbing.migrations import upgrade
from vrs_plumbing.runtime import Runtime, create_service_app
from vrs_plumbing.settings import KafkaSettings
from vrs_registration.bootstrap import SPEC
from vrs_registration.config import RegistrationSettings
from vrs_registration.domain.certificate import MAX_DOCUMENT_BYTES
from vrs_registration.entrypoints.documents import MAX_BODY_BYTES

SANTA_FE, TAOS = County.santa_fe, County.taos
SCAN = b"%PDF-1.4\n% a scanned certificate of registration\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(32)


@dataclass(frozen=True)
class Registration:
    """Registration running on its own database, with a voter of Santa Fe made by a paper form."""

    runtime: Runtime
    transport: httpx.ASGITransport
    private_key: bytes
    voter_id: UUID
    application_id: UUID

    def client(
        self, role: Role, county: County | None = None, subject: str | None = None
    ) -> httpx.AsyncClient:
        token = mint_token(self.private_key, role=role, county=county, subject=subject)
        return httpx.AsyncClient(
            transport=self.transport,
            base_url="http://registration",
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        )

    def documents(self, voter_id: UUID | None = None) -> str:
        return f"/v1/voters/{voter_id or self.voter_id}/documents"


@pytest.fixture
async def registration(
    database_url: str, kafka_bootstrap: str, no_match: Callable[..., Awaitable[UUID]]
) -> AsyncIterator[Registration]:
    private_key, public_key = new_signing_key()
    settings = RegistrationSettings(
        database_url=database_url,
        token_public_key=SecretStr(public_key.decode()),
        blind_index_key=SecretStr(base64.b64encode(os.urandom(32)).decode()),
        ssn_vault_keys=SecretStr(json.dumps({"dev-1": base64.b64encode(os.urandom(32)).decode()})),
        kafka=KafkaSettings(bootstrap_servers=kafka_bootstrap),
    )
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    app = create_service_app(replace(SPEC, subscriptions=lambda _runtime: ()), settings)
    runtime: Runtime = app.state.runtime
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app):
        clerk_token = mint_token(private_key, role=Role.county_clerk, county=SANTA_FE)
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://registration",
            headers={"Authorization": f"Bearer {clerk_token}"},
        ) as clerk:
            answer = await clerk.post(
                "/v1/applications",
                json=PAPER_FORM,
                headers={"Idempotency-Key": str(uuid4())},
            )
        assert answer.status_code == 201, answer.text
        application_id = UUID(answer.json()["application_id"])
        async with runtime.pool.connection() as conn, conn.transaction():
            voter_id = await no_match(conn, application_id)
        yield Registration(runtime, transport, private_key, voter_id, application_id)


def upload(content: bytes, **changes: Any) -> dict[str, Any]:
    return {
        "kind": "certificate_scan",
        "content_type": "application/pdf",
        "content_base64": base64.b64encode(content).decode(),
        **changes,
    }


def problem_fields(answer: httpx.Response) -> list[str]:
    return [f["field"] for f in answer.json()["error"]["fields"]]


async def test_a6_a_clerk_attaches_a_scanned_certificate_lists_it_and_reads_its_bytes(
    registration: Registration,
) -> None:
    async with registration.client(Role.county_clerk, SANTA_FE, "clerk-santa-fe") as clerk:
        attached = await clerk.post(
            registration.documents(),
            json=upload(
                SCAN, application_id=str(registration.application_id), description="front side"
            ),
        )
        assert attached.status_code == 201, attached.text
        document = attached.json()
        listed = await clerk.get(registration.documents())
        read = await clerk.get(f"{registration.documents()}/{document['document_id']}")

    assert document["voter_id"] == str(registration.voter_id)
    assert document["application_id"] == str(registration.application_id)
    assert document["kind"] == "certificate_scan"
    assert document["content_type"] == "application/pdf"
    assert document["byte_size"] == len(SCAN)
    assert document["sha256"] == hashlib.sha256(SCAN).hexdigest()
    assert document["description"] == "front side"
    assert document["added_by"] == "clerk-santa-fe"
    assert listed.status_code == 200
    assert listed.json() == [document]
    assert not {"content", "content_base64"} & set(listed.json()[0])  # no bytes in a list
    assert read.status_code == 200
    assert read.content == SCAN
    assert read.headers["content-type"] == "application/pdf"
    assert read.headers["x-content-type-options"] == "nosniff"
    assert read.headers["cache-control"] == "no-store"
    assert read.headers["content-disposition"].startswith("attachment;")


async def test_reading_a_voter_record_or_its_documents_is_audited_with_the_voter(
    registration: Registration,
) -> None:
    async with registration.client(Role.county_clerk, SANTA_FE) as clerk:
        document_id = (await clerk.post(registration.documents(), json=upload(SCAN))).json()[
            "document_id"
        ]
        reads = [
            await clerk.get(registration.documents()),
            await clerk.get(f"{registration.documents()}/{document_id}"),
            await clerk.get(f"/v1/voters/{registration.voter_id}"),
            await clerk.get(f"/v1/applications/{registration.application_id}"),
        ]
        not_found = await clerk.get(registration.documents(uuid4()))
    async with registration.client(Role.county_clerk, TAOS) as other:
        refused = await other.get(f"/v1/voters/{registration.voter_id}")

    for read in reads:
        assert read.status_code == 200, read.text
        assert await disclosed_voters(registration.runtime.pool, read) == [registration.voter_id]
    assert (not_found.status_code, refused.status_code) == (404, 403)
    assert await disclosed_voters(registration.runtime.pool, not_found) == []
    assert await disclosed_voters(registration.runtime.pool, refused) == []


async def test_a_supervisor_of_the_county_and_the_sos_may_attach_and_read(
    registration: Registration,
) -> None:
    async with (
        registration.client(Role.county_supervisor, SANTA_FE) as supervisor,
        registration.client(Role.sos_admin) as sos,
    ):
        by_supervisor = await supervisor.post(registration.documents(), json=upload(SCAN))
        by_sos = await sos.post(
            registration.documents(), json=upload(PNG, kind="other", content_type="image/png")
        )
        listed = await sos.get(registration.documents())
        png = await supervisor.get(f"{registration.documents()}/{by_sos.json()['document_id']}")

    assert (by_supervisor.status_code, by_sos.status_code) == (201, 201)
    assert [d["kind"] for d in listed.json()] == ["certificate_scan", "other"]
    assert (png.content, png.headers["content-type"]) == (PNG, "image/png")


async def test_a_clerk_of_another_county_can_neither_attach_nor_list_nor_read(
    registration: Registration,
) -> None:
    async with registration.client(Role.county_clerk, SANTA_FE) as clerk:
        document_id = (await clerk.post(registration.documents(), json=upload(SCAN))).json()[
            "document_id"
        ]
    async with registration.client(Role.county_clerk, TAOS) as other:
        refused = [
            await other.post(registration.documents(), json=upload(PNG, content_type="image/png")),
            await other.get(registration.documents()),
            await other.get(f"{registration.documents()}/{document_id}"),
        ]

    for answer in refused:
        assert answer.status_code == 403, answer.text
        assert answer.json()["error"]["code"] == "forbidden"
        assert "certificate" not in answer.text


@pytest.mark.parametrize("role", [Role.ovr_portal, Role.records_requester, Role.auditor])
async def test_roles_outside_the_county_register_are_refused(
    registration: Registration, role: Role
) -> None:
    async with registration.client(role) as caller:
        answers = [
            await caller.post(registration.documents(), json=upload(SCAN)),
            await caller.get(registration.documents()),
        ]

    assert [a.status_code for a in answers] == [403, 403]


async def test_a6_a_voter_transferred_to_another_county_keeps_its_documents(
    registration: Registration,
) -> None:
    async with registration.client(Role.county_clerk, SANTA_FE) as santa_fe:
        scanned = (await santa_fe.post(registration.documents(), json=upload(SCAN))).json()

    async with registration.runtime.pool.connection() as conn:  # the voter moves to Taos
        await conn.execute(
            "UPDATE voters SET county = %s WHERE voter_id = %s", (TAOS, registration.voter_id)
        )

    async with (
        registration.client(Role.county_clerk, TAOS) as taos,
        registration.client(Role.county_clerk, SANTA_FE) as former,
    ):
        listed = await taos.get(registration.documents())
        read = await taos.get(f"{registration.documents()}/{scanned['document_id']}")
        no_longer = await former.get(registration.documents())

    assert listed.status_code == 200
    assert listed.json() == [scanned]
    assert read.content == SCAN
    assert no_longer.status_code == 403


async def test_the_same_bytes_attached_again_answer_the_first_document(
    registration: Registration,
) -> None:
    async with registration.client(Role.county_clerk, SANTA_FE) as clerk:
        first = await clerk.post(registration.documents(), json=upload(SCAN))
        again = await clerk.post(registration.documents(), json=upload(SCAN))
        listed = await clerk.get(registration.documents())

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert len(listed.json()) == 1


async def test_unknown_voters_and_documents_are_404(registration: Registration) -> None:
    async with registration.client(Role.sos_admin) as sos:
        document_id = (await sos.post(registration.documents(), json=upload(SCAN))).json()[
            "document_id"
        ]
        answers = [
            await sos.get(registration.documents(uuid4())),
            await sos.post(registration.documents(uuid4()), json=upload(SCAN)),
            await sos.get(f"{registration.documents()}/{uuid4()}"),
            await sos.get(f"{registration.documents(uuid4())}/{document_id}"),
        ]

    assert [a.status_code for a in answers] == [404, 404, 404, 404]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (upload(SCAN, content_type="image/png"), "content_base64"),  # bytes are not a PNG
        (upload(b"<html><script>alert(1)</script></html>"), "content_base64"),
        (upload(SCAN, kind="certificate_image"), "kind"),  # only ever generated
        (upload(SCAN, content_type="text/html"), "content_type"),
        ({**upload(SCAN), "content_base64": "not base64!"}, "content_base64"),
        (upload(SCAN, application_id=str(uuid4())), "application_id"),
    ],
)
async def test_a_document_that_is_not_what_it_says_is_a_422_naming_the_field(
    registration: Registration, body: dict[str, Any], field: str
) -> None:
    async with registration.client(Role.county_clerk, SANTA_FE) as clerk:
        answer = await clerk.post(registration.documents(), json=body)
        listed = await clerk.get(registration.documents())

    assert answer.status_code == 422, answer.text
    assert problem_fields(answer) == [field]
    assert listed.json() == []


async def test_the_size_limit_a_document_of_the_limit_is_kept_one_byte_more_is_a_422(
    registration: Registration,
) -> None:
    largest = b"%PDF-" + bytes(MAX_DOCUMENT_BYTES - 5)
    async with registration.client(Role.county_clerk, SANTA_FE) as clerk:
        kept = await clerk.post(registration.documents(), json=upload(largest))
        refused = await clerk.post(registration.documents(), json=upload(largest + b"\x00"))
        far_over = await clerk.post(registration.documents(), json=upload(largest + bytes(4096)))

    assert kept.status_code == 201, kept.text[:300]
    assert kept.json()["byte_size"] == MAX_DOCUMENT_BYTES
    for answer in (refused, far_over):
        assert answer.status_code == 422
        assert problem_fields(answer) == ["content_base64"]


async def test_a_body_too_large_to_hold_a_document_is_refused_with_413_before_it_is_read(
    registration: Registration,
) -> None:
    oversized = json.dumps(upload(b"%PDF-" + bytes(MAX_BODY_BYTES))).encode()

    async def chunked() -> AsyncIterator[bytes]:  # no Content-Length: counted as it arrives
        for start in range(0, len(oversized), 1 << 20):
            yield oversized[start : start + (1 << 20)]

    async with registration.client(Role.county_clerk, SANTA_FE) as clerk:
        declared = await clerk.post(
            registration.documents(),
            content=oversized,
            headers={"Content-Type": "application/json"},
        )
        streamed = await clerk.post(
            registration.documents(),
            content=chunked(),
            headers={"Content-Type": "application/json"},
        )
        listed = await clerk.get(registration.documents())

    for answer in (declared, streamed):
        assert answer.status_code == 413, answer.text
        assert answer.json()["error"]["code"] == "payload_too_large"
        assert problem_fields(answer) == ["content_base64"]
    assert listed.json() == []


PAPER_FORM = {
    "channel": "paper",
    "county": str(SANTA_FE),
    "first_name": "Benita",
    "last_name": "Escaneada",
    "date_of_birth": "1975-06-07",
    "ssn": "523450123",  # synthetic
    "gender": "F",
    "residence_address": {"street": "4 Canyon Rd", "city": "Santa Fe", "zip": "87501"},
    "citizen": True,
    "age_18_or_over": True,
    "signature_present": True,
}
