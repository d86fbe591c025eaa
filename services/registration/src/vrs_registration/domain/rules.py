"""Rules of 1.10.35.8 NMAC applied to a certificate of registration. Pure functions, no I/O.

Each function names its clause. Intake collects every reason that applies, not just the first,
so the applicant's letter can tell all that must be corrected.
"""

from vrs_contracts.api.registration import AddressForm, ApplicationForm
from vrs_contracts.vocabulary import RejectionReason

DECLINE_TO_SELECT = "DTS"


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


def _address_given(address: AddressForm | None) -> bool:
    if address is None:
        return False
    standard = not _blank(address.street) and not _blank(address.city)
    return standard or not _blank(address.non_standard_description)


def incomplete_information(form: ApplicationForm) -> list[RejectionReason]:
    """1.10.35.8 C(1): a form without name, address, DOB, and signature or usual mark is rejected.

    Takes the form; returns the missing items as reason codes (empty when all are present).
    """
    reasons: list[RejectionReason] = []
    if _blank(form.first_name) or _blank(form.last_name):
        reasons.append(RejectionReason.missing_name)
    if not _address_given(form.residence_address):
        reasons.append(RejectionReason.missing_address)
    if form.date_of_birth is None:
        reasons.append(RejectionReason.missing_dob)
    if not form.signature_present:
        reasons.append(RejectionReason.missing_signature)
    return reasons


def party_of_record(party: str | None, qualified_parties: frozenset[str]) -> str:
    """1.10.35.8 A(7)-(8): no party, or a party that is not qualified, is "decline to select".

    Takes the party code as written and the codes of the qualified parties; returns the code
    entered in the voter file. Staff never tick "no party"; the absence of a choice is DTS.
    """
    if party is None or not party.strip():
        return DECLINE_TO_SELECT
    code = party.strip().upper()
    return code if code in qualified_parties else DECLINE_TO_SELECT
