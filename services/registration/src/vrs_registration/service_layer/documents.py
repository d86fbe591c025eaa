"""Documents of the voter record: attach, list, read (1.10.35.7 EE; 1.10.35.8 A(6), D(9), E(2)).

A document belongs to a voter, never to a county, so a voter's images follow the voter when it
transfers to another county (A(6)); who may see them is decided by the voter's county of the
moment. Documents are records: none is changed or deleted here.
"""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from vrs_plumbing.db import Connection
from vrs_registration.adapters.certificate_pdf import render_certificate_pdf
from vrs_registration.domain.certificate import (
    DocumentKind,
    certificate_image_required,
    certificate_of,
)

SYSTEM_ACTOR = "system:registration"


@dataclass(frozen=True)
class NewDocument:
    """A document about to be attached to a voter record."""

    voter_id: UUID
    kind: DocumentKind
    content_type: str
    content: bytes
    added_by: str
    application_id: UUID | None = None
    description: str | None = None


async def attach_application_documents(
    conn: Connection, application: Mapping[str, Any], voter_id: UUID
) -> None:
    """Give a new voter the documents of the application that made it, in that transaction.

    Documents kept with the application move to the voter; an online or MVD application also
    gets its generated certificate image (1.10.35.8 D(9), E(2)), so no voter of an electronic
    application exists without one. A paper certificate gets none: the clerk scans it (A(6)).
    """
    await conn.execute(
        "UPDATE documents SET voter_id = %s WHERE application_id = %s AND voter_id IS NULL",
        (voter_id, application["application_id"]),
    )
    if not certificate_image_required(application["channel"]):
        return
    certificate = certificate_of(application, voter_id=voter_id, generated_at=datetime.now(UTC))
    content = render_certificate_pdf(certificate)
    await conn.execute(
        "INSERT INTO documents (document_id, voter_id, application_id, kind, content_type, content,"
        " sha256, added_by) VALUES (%s, %s, %s, %s, 'application/pdf', %s, %s, %s)"
        " ON CONFLICT (application_id) WHERE kind = 'certificate_image' DO NOTHING",
        (
            uuid4(),
            voter_id,
            application["application_id"],
            DocumentKind.certificate_image,
            content,
            hashlib.sha256(content).hexdigest(),
            SYSTEM_ACTOR,
        ),
    )


async def county_of_voter(conn: Connection, voter_id: UUID, *, lock: bool = False) -> str | None:
    """The voter's county of the moment, or None when there is no such voter.

    ``lock`` holds the voter row until the transaction ends, so a transfer and an upload of
    the same voter happen one after the other, and two uploads of the same bytes cannot both
    be new.
    """
    query = "SELECT county FROM voters WHERE voter_id = %s"
    if lock:
        query += " FOR NO KEY UPDATE"
    row = await (await conn.execute(query, (voter_id,))).fetchone()
    return None if row is None else str(row["county"])


async def is_application_of_voter(conn: Connection, application_id: UUID, voter_id: UUID) -> bool:
    """Whether ``application_id`` made or updated the record of ``voter_id``."""
    row = await (
        await conn.execute(
            "SELECT 1 FROM applications WHERE application_id = %s AND voter_id = %s",
            (application_id, voter_id),
        )
    ).fetchone()
    return row is not None


async def attach_document(conn: Connection, document: NewDocument) -> tuple[dict[str, Any], bool]:
    """Attach ``document`` to its voter; returns the stored document and whether it is new.

    The same bytes attached to the same voter a second time (a retried upload) are not stored
    again: the first document is returned. The caller holds the voter row (``county_of_voter``
    with ``lock``).
    """
    sha256 = hashlib.sha256(document.content).hexdigest()
    existing = await (
        await conn.execute(
            "SELECT document_id, voter_id, application_id, kind, content_type,"
            " octet_length(content) AS byte_size, sha256, description, added_by, added_at"
            " FROM documents WHERE voter_id = %s AND sha256 = %s"
            " ORDER BY added_at, document_id LIMIT 1",
            (document.voter_id, sha256),
        )
    ).fetchone()
    if existing is not None:
        return existing, False
    stored = await (
        await conn.execute(
            "INSERT INTO documents (document_id, voter_id, application_id, kind, content_type,"
            " content, sha256, description, added_by) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " RETURNING document_id, voter_id, application_id, kind, content_type,"
            " octet_length(content) AS byte_size, sha256, description, added_by, added_at",
            (
                uuid4(),
                document.voter_id,
                document.application_id,
                document.kind,
                document.content_type,
                document.content,
                sha256,
                document.description,
                document.added_by,
            ),
        )
    ).fetchone()
    assert stored is not None
    return stored, True


async def documents_of(conn: Connection, voter_id: UUID) -> list[dict[str, Any]]:
    """The documents attached to a voter, oldest first, without their bytes."""
    cursor = await conn.execute(
        "SELECT document_id, voter_id, application_id, kind, content_type,"
        " octet_length(content) AS byte_size, sha256, description, added_by, added_at"
        " FROM documents WHERE voter_id = %s ORDER BY added_at, document_id",
        (voter_id,),
    )
    return await cursor.fetchall()


async def document_content(
    conn: Connection, voter_id: UUID, document_id: UUID
) -> tuple[str, bytes] | None:
    """A voter's document as (media type, bytes), or None when the voter has no such document."""
    row = await (
        await conn.execute(
            "SELECT content_type, content FROM documents WHERE voter_id = %s AND document_id = %s",
            (voter_id, document_id),
        )
    ).fetchone()
    return None if row is None else (str(row["content_type"]), bytes(row["content"]))
