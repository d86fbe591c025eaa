"""1.10.35.8 D(9), E(2): a voter made by an online or MVD application gets the generated image of
its certificate, in the transaction that creates the voter; a paper certificate gets none (the
clerk scans it, A(6)). Real PostgreSQL, the real intake and MVD channel."""

import hashlib
import os
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from pypdf import PdfReader

from vrs_contracts.api.registration import ApplicationForm
from vrs_contracts.counties import County
from vrs_contracts.envelope import envelope
from vrs_contracts.events import MvdRegistrationSubmitted
from vrs_contracts.people import Address, PersonName
from vrs_contracts.vocabulary import Role
from vrs_plumbing.auth import Principal
from vrs_plumbing.db import Connection, Pool
from vrs_plumbing.sealing import new_seal_keypair, seal
from vrs_registration.adapters.vault import SsnVault
from vrs_registration.service_layer import documents
from vrs_registration.service_layer.intake import submit_application
from vrs_registration.service_layer.mvd_channel import mvd_registration_handler

SSN = "512340987"  # synthetic
PORTAL = Principal(subject="portal-documents", role=Role.ovr_portal, county=None)
CLERK = Principal(subject="clerk-santa-fe", role=Role.county_clerk, county=County.santa_fe)


@pytest.fixture
def index_key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def vault(index_key: bytes) -> SsnVault:
    return SsnVault({"k1": os.urandom(32)}, "k1", index_key)


def form(channel: str, **changes: Any) -> ApplicationForm:
    base: dict[str, Any] = {
        "channel": channel,
        "county": "santa_fe",
        "first_name": "Alma",
        "middle_name": "Rosa",
        "last_name": "Certificado",
        "date_of_birth": "1980-02-03",
        "ssn": SSN,
        "gender": "F",
        "residence_address": {
            "street": "1 Plaza",
            "city": "Santa Fe",
            "state": "NM",
            "zip": "87501",
        },
        "citizen": True,
        "age_18_or_over": True,
        "signature_present": True,
        "party": "DEM",
    }
    return ApplicationForm.model_validate({**base, **changes})


async def online_application(conn: Connection, vault: SsnVault, index_key: bytes) -> UUID:
    """An online application resting on a matched MVD identity check with signature and photo."""
    check_id = uuid4()
    await conn.execute(
        "INSERT INTO identity_checks (identity_check_id, requested_by, matched, mvd_id, ssn_blind_index,"
        " date_of_birth, signature_ref, photo_ref, expires_at) VALUES (%s, %s, true, 'NM123456789', %s, %s,"
        " 'mvd-signature:online-1', 'mvd-photo:online-1', %s)",
        (
            check_id,
            PORTAL.subject,
            vault.blind_index(SSN),
            date(1980, 2, 3),
            datetime.now(UTC) + timedelta(hours=1),
        ),
    )
    answer, _ = await submit_application(
        conn,
        form("online", identity_check_id=str(check_id)),
        principal=PORTAL,
        idempotency_key=str(uuid4()),
        correlation_id=uuid4(),
        vault=vault,
        index_key=index_key,
    )
    return answer.application_id


async def paper_application(conn: Connection, vault: SsnVault, index_key: bytes) -> UUID:
    answer, _ = await submit_application(
        conn,
        form("paper"),
        principal=CLERK,
        idempotency_key=str(uuid4()),
        correlation_id=uuid4(),
        vault=vault,
        index_key=index_key,
    )
    return answer.application_id


async def mvd_application(conn: Connection, vault: SsnVault, index_key: bytes, tmp: Path) -> UUID:
    """An electronic registration as the MVD sends it: SSN sealed, signature and photo by reference."""
    private_pem, public_pem = new_seal_keypair()
    (tmp / "seal.pem").write_bytes(private_pem)
    transaction = f"mvd-{uuid4().hex[:12]}"
    registration = MvdRegistrationSubmitted(
        mvd_transaction_id=transaction,
        mvd_id="NM987654321",
        county="santa_fe",
        name=PersonName(first_name="Alma", middle_name="Rosa", last_name="Certificado"),
        date_of_birth=date(1980, 2, 3),
        ssn=seal(public_pem, SSN, associated_data=transaction, key_id="mvd-1"),
        gender="F",
        residence_address=Address(street="1 Plaza", city="Santa Fe", state="NM", zip="87501"),
        citizen=True,
        age_18_or_over=True,
        party="DEM",
        signature_ref="mvd-signature:e2-7781",
        photo_ref="mvd-photo:e2-7781",
    )
    handler = mvd_registration_handler(vault, index_key, tmp / "seal.pem")
    await handler(conn, envelope(registration, source="/mvd", correlation_id=uuid4()))
    row = await (
        await conn.execute(
            "SELECT application_id FROM applications WHERE idempotency_key = %s",
            (f"mvd:{transaction}",),
        )
    ).fetchone()
    assert row is not None
    return UUID(str(row["application_id"]))


async def documents_of_voter(pool: Pool, voter_id: UUID) -> list[dict[str, Any]]:
    async with pool.connection() as conn:
        cursor = await conn.execute(
            "SELECT * FROM documents WHERE voter_id = %s ORDER BY added_at", (voter_id,)
        )
        return await cursor.fetchall()


def page_text(pdf: bytes) -> str:
    """What a PDF reader draws on the pages (pypdf), to search."""
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def assert_certificate_image(document: dict[str, Any], application_id: UUID) -> str:
    pdf = bytes(document["content"])
    assert document["kind"] == "certificate_image"
    assert document["application_id"] == application_id
    assert document["content_type"] == "application/pdf"
    assert document["added_by"] == "system:registration"
    assert document["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert pdf.startswith(b"%PDF-")
    text = page_text(pdf)
    assert "Alma Rosa Certificado" in text
    assert "XXX-XX-0987" in text
    assert str(application_id) in text
    assert "Santa Fe" in text
    for full in (SSN, "512-34-0987", "512 34 0987"):
        assert full not in text
    return text


async def test_d9_an_online_application_that_makes_a_voter_gets_its_certificate_image(
    pool: Pool, vault: SsnVault, index_key: bytes, no_match: Callable[..., Awaitable[UUID]]
) -> None:
    async with pool.connection() as conn, conn.transaction():
        application_id = await online_application(conn, vault, index_key)
        voter_id = await no_match(conn, application_id)

    [document] = await documents_of_voter(pool, voter_id)
    text = assert_certificate_image(document, application_id)
    assert "Online voter registration system" in text
    assert "mvd-signature:online-1" in text
    assert "mvd-photo:online-1" in text


async def test_e2_an_mvd_registration_that_makes_a_voter_gets_its_certificate_image(
    pool: Pool,
    vault: SsnVault,
    index_key: bytes,
    tmp_path: Path,
    no_match: Callable[..., Awaitable[UUID]],
) -> None:
    async with pool.connection() as conn, conn.transaction():
        application_id = await mvd_application(conn, vault, index_key, tmp_path)
        voter_id = await no_match(conn, application_id)

    [document] = await documents_of_voter(pool, voter_id)
    text = assert_certificate_image(document, application_id)
    assert "Motor Vehicle Division" in text
    assert "mvd-signature:e2-7781" in text
    assert "mvd-photo:e2-7781" in text


async def test_a6_a_paper_certificate_gets_no_generated_image_the_clerk_scans_it(
    pool: Pool, vault: SsnVault, index_key: bytes, no_match: Callable[..., Awaitable[UUID]]
) -> None:
    async with pool.connection() as conn, conn.transaction():
        voter_id = await no_match(conn, await paper_application(conn, vault, index_key))

    assert await documents_of_voter(pool, voter_id) == []


async def test_documents_kept_with_the_application_move_to_the_voter_it_makes(
    pool: Pool, vault: SsnVault, index_key: bytes, no_match: Callable[..., Awaitable[UUID]]
) -> None:
    async with pool.connection() as conn, conn.transaction():
        application_id = await paper_application(conn, vault, index_key)
        scan = b"%PDF-1.4 scanned paper certificate"
        await conn.execute(
            "INSERT INTO documents (document_id, application_id, kind, content_type, content, sha256, added_by)"
            " VALUES (%s, %s, 'certificate_scan', 'application/pdf', %s, %s, 'clerk-santa-fe')",
            (uuid4(), application_id, scan, hashlib.sha256(scan).hexdigest()),
        )
        voter_id = await no_match(conn, application_id)

    [document] = await documents_of_voter(pool, voter_id)
    assert document["kind"] == "certificate_scan"
    assert document["application_id"] == application_id
    assert bytes(document["content"]) == scan


async def test_a_certificate_that_cannot_be_made_leaves_no_voter_behind(
    pool: Pool,
    vault: SsnVault,
    index_key: bytes,
    monkeypatch: pytest.MonkeyPatch,
    no_match: Callable[..., Awaitable[UUID]],
) -> None:
    """One transaction: the voter of an electronic application never exists without its image;
    the match result is retried (and in the end parked in the DLQ) instead."""
    async with pool.connection() as conn, conn.transaction():
        application_id = await online_application(conn, vault, index_key)

    def broken_renderer(*_args: object, **_kwargs: object) -> bytes:
        raise RuntimeError("renderer unavailable")

    monkeypatch.setattr(documents, "render_certificate_pdf", broken_renderer)
    with pytest.raises(RuntimeError, match="renderer unavailable"):
        async with pool.connection() as conn, conn.transaction():
            await no_match(conn, application_id)

    async with pool.connection() as conn:
        application = await (
            await conn.execute(
                "SELECT state, voter_id FROM applications WHERE application_id = %s",
                (application_id,),
            )
        ).fetchone()
        voters = await (
            await conn.execute(
                "SELECT count(*) AS n FROM voters WHERE source_application_id = %s",
                (application_id,),
            )
        ).fetchone()
    assert application == {"state": "awaiting_match", "voter_id": None}
    assert voters == {"n": 0}
