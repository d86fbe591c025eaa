"""The identity check online registration needs before it accepts an application."""

from vrs_contracts.api.matching import MvdIdentityAnswer, MvdIdentityQuery
from vrs_matching.adapters.mvd_index import find_licence
from vrs_matching.domain.mvd_file import normalise_mvd_id
from vrs_matching.domain.mvd_identity import IdentityClaim, is_positive_identity_match
from vrs_plumbing.db import Connection

NO_MATCH = MvdIdentityAnswer(matched=False)


async def check_mvd_identity(conn: Connection, query: MvdIdentityQuery) -> MvdIdentityAnswer:
    """Answer 1.10.35.8 D(1) for one applicant.

    On a match, the MVD's signature and photo references go back with it; on no match, only
    ``matched=False``, whichever field differed (or if the MVD has no such number at all).
    """
    claim = IdentityClaim(
        mvd_id=normalise_mvd_id(query.mvd_id),
        ssn_index=query.ssn_blind_index,
        date_of_birth=query.date_of_birth,
    )
    licence = await find_licence(conn, claim.mvd_id)
    if licence is None or not is_positive_identity_match(claim, licence):
        return NO_MATCH
    return MvdIdentityAnswer(
        matched=True,
        signature_ref=licence.signature_ref,
        photo_ref=licence.photo_ref,
        expired=licence.expired,
    )
