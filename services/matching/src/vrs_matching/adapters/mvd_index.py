"""Reads of the MVD index (table ``mvd_records``) for the identity check."""

from vrs_matching.domain.mvd_identity import MvdLicence
from vrs_plumbing.db import Connection


async def find_licence(conn: Connection, mvd_id: str) -> MvdLicence | None:
    """The MVD record of a (normalised) licence/ID number, or None if the MVD has none."""
    cursor = await conn.execute(
        "SELECT mvd_id, ssn_index, date_of_birth, expired, signature_ref, photo_ref"
        " FROM mvd_records WHERE mvd_id = %s",
        (mvd_id,),
    )
    row = await cursor.fetchone()
    if row is None:
        return None
    return MvdLicence(
        mvd_id=row["mvd_id"],
        ssn_index=row["ssn_index"],
        date_of_birth=row["date_of_birth"],
        expired=row["expired"],
        signature_ref=row["signature_ref"],
        photo_ref=row["photo_ref"],
    )
