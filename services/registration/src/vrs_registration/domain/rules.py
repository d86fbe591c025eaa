"""Rules of 1.10.35.8 NMAC applied to a certificate of registration. Pure functions, no I/O.

Each function names its clause. Intake collects every reason that applies, not just the first,
so the applicant's letter can tell all that must be corrected.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from vrs_contracts.api.registration import AddressForm, ApplicationForm
from vrs_contracts.vocabulary import Channel, RejectionReason, StatusReason

DECLINE_TO_SELECT = "DTS"
NEW_MEXICO = ZoneInfo("America/Denver")  # every county of the state keeps Mountain time
ELECTRONIC_CHANNELS = frozenset({Channel.online, Channel.mvd})


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


def _standard_address(address: AddressForm | None) -> bool:
    return address is not None and not _blank(address.street) and not _blank(address.city)


def _address_given(address: AddressForm | None) -> bool:
    if address is None:
        return False
    return _standard_address(address) or not _blank(address.non_standard_description)


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


def full_ssn_missing(form: ApplicationForm) -> list[RejectionReason]:
    """1.10.35.8 C(1) and A(2): a full SSN is required to finish processing a new registration.

    A form that gives neither the full SSN, nor its last four digits, nor an MVD licence/ID number
    is rejected ``ssn_incomplete``. A form with only the last four or the MVD number is not
    rejected here: A(2) sends it to MVD verification first (see :func:`awaits_ssn_verification`).
    """
    if form.ssn is None and _blank(form.ssn_last4) and _blank(form.mvd_id):
        return [RejectionReason.ssn_incomplete]
    return []


def awaits_ssn_verification(form: ApplicationForm) -> bool:
    """1.10.35.8 A(2): a paper form with only the licence/ID number or the last four SSN digits."""
    return form.ssn is None and (not _blank(form.ssn_last4) or not _blank(form.mvd_id))


def invalid_ssn_series(ssn: str | None) -> list[RejectionReason]:
    """1.10.35.8 C(6): an SSN of an invalid series is rejected.

    C(6)(a): never 000, 666 or 9xx in the first three digits. Also structurally impossible: group
    00 and serial 0000. C(6)(b) (no 773-899 before 25 June 2011) cannot be applied to the form
    alone: numbers issued since randomisation may begin so (docs/adr/0008).
    """
    if ssn is None:
        return []
    area, group, serial = ssn[:3], ssn[3:5], ssn[5:]
    if area in {"000", "666"} or area.startswith("9") or group == "00" or serial == "0000":
        return [RejectionReason.invalid_ssn]
    return []


def citizenship(form: ApplicationForm) -> list[RejectionReason]:
    """1.10.35.8 C(2), D(2): the citizenship question answered no, or not answered, is rejected."""
    if form.citizen is None:
        return [RejectionReason.citizenship_unanswered]
    if form.citizen is False:
        return [RejectionReason.non_citizen]
    return []


def felony_incarceration_online(form: ApplicationForm) -> list[RejectionReason]:
    """1.10.35.8 D(4): online, "currently incarcerated for a felony" answered yes may not go on."""
    if form.channel is Channel.online and form.felony_incarcerated is True:
        return [RejectionReason.felony_incarceration]
    return []


def online_required_fields(form: ApplicationForm) -> list[str]:
    """1.10.35.8 D(7): the fields an online application may not be submitted without.

    Returns the names of the missing fields (empty when complete, or when not online). Party is
    not listed: null is the choice of no party designation (A(7)-(8)).
    """
    if form.channel is not Channel.online:
        return []
    required: dict[str, object] = {
        "first_name": None if _blank(form.first_name) else form.first_name,
        "last_name": None if _blank(form.last_name) else form.last_name,
        "date_of_birth": form.date_of_birth,
        "ssn": form.ssn,
        "gender": None if _blank(form.gender) else form.gender,
        "residence_address": form.residence_address
        if _address_given(form.residence_address)
        else None,
        "citizen": form.citizen,
        "age_18_or_over": form.age_18_or_over,
    }
    return [name for name, value in required.items() if value is None]


def age_on(born: date, day: date) -> int:
    """Whole years of age on ``day`` of someone born on ``born`` (29 February counts on 1 March)."""
    had_birthday = (day.month, day.day) >= (born.month, born.day)
    return day.year - born.year - (0 if had_birthday else 1)


def under_age(form: ApplicationForm, today: date) -> list[StatusReason]:
    """1.10.35.8 A(9), A(10), D(3): whatever the age box says, the DOB decides.

    Under 18 on the day of registration: suspense ``under_age`` (activated before the election on
    or before which the voter turns 18). 18 or older: accepted even if the box says no or is blank.
    """
    if form.date_of_birth is not None and age_on(form.date_of_birth, today) < 18:
        return [StatusReason.under_age]
    return []


def incomplete_electronic_application(form: ApplicationForm) -> list[StatusReason]:
    """1.10.35.8 F(1), D(7): an electronic application with a non-standard physical address and
    no mailing address is held in suspense ``incomplete_application`` (the clerk contacts the
    applicant within five business days; after 45 days it becomes removable, F(2)).
    """
    if form.channel not in ELECTRONIC_CHANNELS:
        return []
    non_standard = not _standard_address(form.residence_address) and _address_given(
        form.residence_address
    )
    if non_standard and not _address_given(form.mailing_address):
        return [StatusReason.incomplete_application]
    return []


def party_of_record(party: str | None, qualified_parties: frozenset[str]) -> str:
    """1.10.35.8 A(7)-(8): no party, or a party that is not qualified, is "decline to select".

    Takes the party code as written and the codes of the qualified parties; returns the code
    entered in the voter file. Staff never tick "no party"; the absence of a choice is DTS.
    """
    if party is None or not party.strip():
        return DECLINE_TO_SELECT
    code = party.strip().upper()
    return code if code in qualified_parties else DECLINE_TO_SELECT


def online_party_is_qualified(party: str | None, qualified_parties: frozenset[str]) -> bool:
    """1.10.35.8 D(6): online, only a qualified party (or none) may be designated."""
    return party is None or not party.strip() or party.strip().upper() in qualified_parties


def commercial_mailbox(residence_at_listed_mailbox: bool) -> list[RejectionReason]:
    """1.10.35.8 C(3): a commercial mail-box location given as the physical address is rejected.

    Takes whether the normalised residence address is on the county's list of commercial mail
    box establishments (adapters.addresses decides that); returns the reason when it is.
    """
    return [RejectionReason.commercial_mailbox] if residence_at_listed_mailbox else []


INCOMPLETE_SUSPENSE_DAYS = 45


def removable_after_incomplete_suspense(entered_suspense: datetime, now: datetime) -> bool:
    """1.10.35.8 F(2): after 45 days in suspense ``incomplete_application``, an electronic record
    becomes removable with the same reason (until the voter submits a completed application)."""
    return now - entered_suspense >= timedelta(days=INCOMPLETE_SUSPENSE_DAYS)


CONFIDENTIAL = "confidential"


def confidential_residence(address: AddressForm) -> AddressForm:
    """1.10.35.8 A(4): a public official's confidential home address (1.10.37 NMAC) is entered as
    "confidential" in its street and city, keeping the zip code (and the state, NM). The real
    street is never entered, so it cannot leak from the voter file or any event."""
    return AddressForm(street=CONFIDENTIAL, city=CONFIDENTIAL, state=address.state, zip=address.zip)
