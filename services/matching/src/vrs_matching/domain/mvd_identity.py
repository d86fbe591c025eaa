"""The positive MVD identity match an online applicant needs (1.10.35.8 D(1)).

The criteria are the rule's, no more and no fewer: the MVD driver's licence or state ID number
(current or expired), the full SSN and the full DOB. Names and addresses play no part, and the
MVD record never fills in what the applicant left out (1.10.35.8 B(2)).
"""

import hmac
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class IdentityClaim:
    """What an applicant states: licence/ID number (normalised), SSN blind index, DOB."""

    mvd_id: str
    ssn_index: str
    date_of_birth: date


@dataclass(frozen=True)
class MvdLicence:
    """An MVD index record as the identity check reads it."""

    mvd_id: str
    ssn_index: str
    date_of_birth: date
    expired: bool
    signature_ref: str | None
    photo_ref: str | None


def is_positive_identity_match(claim: IdentityClaim, licence: MvdLicence) -> bool:
    """1.10.35.8 D(1): same licence/ID number, same full SSN, same full DOB; expiry is no bar.

    Takes the applicant's claim and one MVD record; True only when all three agree. The SSN is
    compared by its blind index (equal indexes under one key mean equal full numbers), in
    constant time.
    """
    return (
        claim.mvd_id == licence.mvd_id
        and hmac.compare_digest(claim.ssn_index, licence.ssn_index)
        and claim.date_of_birth == licence.date_of_birth
    )
