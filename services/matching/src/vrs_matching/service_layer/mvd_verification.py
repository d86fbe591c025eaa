"""A(2): verify a paper form that gives only a licence/ID number or the last four SSN digits."""

from vrs_contracts.api.matching import MvdRecordAnswer, MvdRecordQuery
from vrs_matching.domain.identity import normalise_name
from vrs_matching.domain.mvd_file import normalise_mvd_id
from vrs_matching.domain.mvd_verification import MvdPerson, PartialIdentity, verifying_record
from vrs_plumbing.db import Connection


async def verify_mvd_record(conn: Connection, query: MvdRecordQuery) -> MvdRecordAnswer:
    """Answer 1.10.35.8 A(2) for one paper form; the SSN's blind index only on a verification."""
    form = PartialIdentity(
        mvd_id=normalise_mvd_id(query.mvd_id) if query.mvd_id else None,
        ssn_last4=query.ssn_last4,
        first_name=normalise_name(query.first_name),
        last_name=normalise_name(query.last_name),
        date_of_birth=query.date_of_birth,
    )
    rows = await (
        await conn.execute(
            "SELECT mvd_id, ssn_index, ssn_last4, first_name_norm, last_name_norm, date_of_birth"
            " FROM mvd_records WHERE date_of_birth = %s AND (mvd_id = %s OR ssn_last4 = %s)",
            (form.date_of_birth, form.mvd_id, form.ssn_last4),
        )
    ).fetchall()
    candidates = [
        MvdPerson(
            mvd_id=row["mvd_id"],
            ssn_index=row["ssn_index"],
            ssn_last4=row["ssn_last4"],
            first_name=row["first_name_norm"],
            last_name=row["last_name_norm"],
            date_of_birth=row["date_of_birth"],
        )
        for row in rows
    ]
    record = verifying_record(form, candidates)
    if record is None:
        return MvdRecordAnswer(verified=False)
    return MvdRecordAnswer(verified=True, ssn_blind_index=record.ssn_index)
