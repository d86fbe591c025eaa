"""The lists intake rules read: qualified parties (SOS) and commercial mail boxes (each county)."""

from typing import Annotated, Any
from uuid import UUID, uuid4

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict, Field

from vrs_contracts.api.errors import error_responses
from vrs_contracts.api.registration import Text
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_plumbing.access import current_principal, ensure_county_access, require_role
from vrs_plumbing.auth import Principal
from vrs_plumbing.errors import ApiError, FieldProblem
from vrs_plumbing.runtime import Runtime
from vrs_registration.adapters.addresses import AddressNotUnderstoodError, mailbox_key

sos_admins = require_role(Role.sos_admin)
mailbox_keepers = require_role(Role.county_clerk, Role.county_supervisor, Role.sos_admin)


class QualifiedParty(BaseModel):
    """A party qualified under Article 7 of the Election Code."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(
        pattern=r"^[A-Z]{2,10}$", description="Code used on forms and in the voter file."
    )
    name: Text = Field(min_length=1, max_length=100)


class MailboxForm(BaseModel):
    """A commercial mail box establishment as a clerk enters it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text = Field(min_length=1, max_length=200, description="The establishment's name.")
    street: Text = Field(min_length=1, max_length=200)
    city: Text | None = Field(default=None, max_length=100)
    state: Text | None = Field(default="NM", max_length=2)
    zip: str | None = Field(default=None, pattern=r"^\d{5}(-\d{4})?$")


class Mailbox(MailboxForm):
    """A listed establishment, with the normalised key residences are compared by."""

    mailbox_id: UUID
    county: County
    match_key: str


def build_router(runtime: Runtime) -> APIRouter:
    """Routes of the intake lists."""
    router = APIRouter(prefix="/v1", tags=["lists"], responses=error_responses(401, 403, 422, 503))

    @router.get("/qualified-parties", response_model=list[QualifiedParty])
    async def list_parties(
        _principal: Annotated[Principal, Depends(current_principal)],
    ) -> list[dict[str, Any]]:
        """The qualified parties a form may designate (1.10.35.8 D(6))."""
        async with runtime.pool.connection() as conn:
            return await (
                await conn.execute("SELECT code, name FROM qualified_parties ORDER BY code")
            ).fetchall()

    @router.put(
        "/qualified-parties/{code}", response_model=QualifiedParty, responses=error_responses(400)
    )
    async def put_party(
        code: str, party: QualifiedParty, _principal: Annotated[Principal, Depends(sos_admins)]
    ) -> QualifiedParty:
        """Qualify a party, or rename it (the Secretary of State keeps this list)."""
        if code != party.code:
            raise ApiError(
                422,
                "the request is not valid",
                [FieldProblem("code", "must equal the path's code")],
            )
        async with runtime.pool.connection() as conn, conn.transaction():
            await conn.execute(
                "INSERT INTO qualified_parties (code, name) VALUES (%s, %s)"
                " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name",
                (party.code, party.name),
            )
        return party

    @router.get("/counties/{county}/commercial-mailboxes", response_model=list[Mailbox])
    async def list_mailboxes(
        county: County, principal: Annotated[Principal, Depends(mailbox_keepers)]
    ) -> list[dict[str, Any]]:
        """The county's list of commercial mail box establishments (1.10.35.8 C(3))."""
        ensure_county_access(principal, county)
        async with runtime.pool.connection() as conn:
            cursor = await conn.execute(
                "SELECT mailbox_id, county, name, street, city, state, zip, match_key"
                " FROM commercial_mailboxes WHERE county = %s ORDER BY name",
                (county,),
            )
            return await cursor.fetchall()

    @router.post(
        "/counties/{county}/commercial-mailboxes",
        response_model=Mailbox,
        status_code=201,
        responses=error_responses(400, 409),
    )
    async def add_mailbox(
        county: County,
        mailbox: MailboxForm,
        principal: Annotated[Principal, Depends(mailbox_keepers)],
    ) -> Mailbox:
        """Add an establishment to the county's list; a second entry of the same place is a conflict."""
        ensure_county_access(principal, county)
        try:
            key = mailbox_key(mailbox.street, mailbox.city, mailbox.state, mailbox.zip)
        except AddressNotUnderstoodError as exc:
            raise ApiError(
                422, "the request is not valid", [FieldProblem("street", str(exc))]
            ) from None
        listed = Mailbox(**mailbox.model_dump(), mailbox_id=uuid4(), county=county, match_key=key)
        async with runtime.pool.connection() as conn, conn.transaction():
            inserted = await conn.execute(
                "INSERT INTO commercial_mailboxes (mailbox_id, county, name, street, city, state, zip, match_key, added_by)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (county, match_key) DO NOTHING",
                (
                    listed.mailbox_id,
                    county,
                    listed.name,
                    listed.street,
                    listed.city,
                    listed.state,
                    listed.zip,
                    key,
                    principal.subject,
                ),
            )
        if inserted.rowcount == 0:
            raise ApiError(409, "this establishment is already on the county's list")
        return listed

    @router.delete(
        "/counties/{county}/commercial-mailboxes/{mailbox_id}",
        status_code=204,
        responses=error_responses(404),
    )
    async def remove_mailbox(
        county: County, mailbox_id: UUID, principal: Annotated[Principal, Depends(mailbox_keepers)]
    ) -> Response:
        """Take an establishment off the county's list."""
        ensure_county_access(principal, county)
        async with runtime.pool.connection() as conn, conn.transaction():
            deleted = await conn.execute(
                "DELETE FROM commercial_mailboxes WHERE county = %s AND mailbox_id = %s",
                (county, mailbox_id),
            )
        if deleted.rowcount == 0:
            raise ApiError(404, "no such establishment on the county's list")
        return Response(status_code=204)

    return router
