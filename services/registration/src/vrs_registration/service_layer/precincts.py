"""1.10.35.9 B, C: the county clerk assigns voters to precincts from the county's street file;
the voter file keeps the assignment and announces it as ``voter.record_updated`` (no
application), so every service that keeps a copy of the voter follows."""

from datetime import UTC, datetime
from uuid import UUID

from vrs_contracts.api.registration import VoterView
from vrs_contracts.envelope import envelope
from vrs_contracts.events import VoterRecordUpdated
from vrs_plumbing.access import ensure_county_access
from vrs_plumbing.auth import Principal
from vrs_plumbing.db import Connection
from vrs_plumbing.errors import ApiError, FieldProblem
from vrs_plumbing.outbox import add_to_outbox
from vrs_registration.domain.precincts import PRECINCT_PROBLEM, precinct_code
from vrs_registration.service_layer.announcements import SOURCE, voter_letter_fields
from vrs_registration.service_layer.records import find_voter, registrant_of


async def assign_precinct(
    conn: Connection,
    voter_id: UUID,
    written: str,
    *,
    principal: Principal,
    correlation_id: UUID,
) -> VoterView:
    """Keep the precinct a county's staff (or the SOS) assigned a voter of the county to, and
    put ``VoterRecordUpdated`` with it in the outbox, keyed by the voter's person key. The same
    precinct again changes nothing and announces nothing."""
    code = precinct_code(written)
    if code is None:
        raise ApiError(
            422, "the request is not valid", [FieldProblem("precinct", PRECINCT_PROBLEM)]
        )
    voter = await (
        await conn.execute("SELECT * FROM voters WHERE voter_id = %s FOR UPDATE", (voter_id,))
    ).fetchone()
    if voter is None:
        raise ApiError(404, "no such voter")
    ensure_county_access(principal, voter["county"])
    if voter["precinct"] != code:
        now = datetime.now(UTC)
        voter = await (
            await conn.execute(
                "UPDATE voters SET precinct = %s, updated_at = %s WHERE voter_id = %s RETURNING *",
                (code, now, voter_id),
            )
        ).fetchone()
        assert voter is not None
        updated = VoterRecordUpdated(
            voter_id=voter_id,
            county=voter["county"],
            application_id=None,
            registrant=await registrant_of(conn, voter),
            updated_at=now,
            party=voter["party"],
            confidential_address=voter["confidential_address"],
            precinct=code,
            **voter_letter_fields(voter),
        )
        await add_to_outbox(
            conn,
            envelope(
                updated, source=SOURCE, correlation_id=correlation_id, subject=f"voter/{voter_id}"
            ),
            key=voter["person_key"],
        )
    view = await find_voter(conn, voter_id)
    assert view is not None
    return view
