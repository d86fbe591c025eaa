"""Verifying a paper form's partial identity against the MVD (1.10.35.8 A(2)).

A form that gives only the licence/ID number or the last four SSN digits is verified when exactly
one MVD record agrees on every identifier the form gives, on the DOB, and on the first and last
names (normalised as in ``identity.normalise_name``). Two records agreeing is not verification:
the clerk cannot tell which person wrote the form.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PartialIdentity:
    """What the paper form states, normalised."""

    mvd_id: str | None
    ssn_last4: str | None
    first_name: str
    last_name: str
    date_of_birth: date


@dataclass(frozen=True)
class MvdPerson:
    """An MVD record as the verification reads it."""

    mvd_id: str
    ssn_index: str
    ssn_last4: str
    first_name: str
    last_name: str
    date_of_birth: date


def agrees(form: PartialIdentity, record: MvdPerson) -> bool:
    """True when ``record`` agrees with every identifier, the names and the DOB of ``form``."""
    if form.mvd_id is not None and form.mvd_id != record.mvd_id:
        return False
    if form.ssn_last4 is not None and form.ssn_last4 != record.ssn_last4:
        return False
    return (form.first_name, form.last_name, form.date_of_birth) == (
        record.first_name,
        record.last_name,
        record.date_of_birth,
    )


def verifying_record(form: PartialIdentity, candidates: list[MvdPerson]) -> MvdPerson | None:
    """The one record that verifies the form, or None when none or several do."""
    agreeing = [record for record in candidates if agrees(form, record)]
    return agreeing[0] if len(agreeing) == 1 else None
