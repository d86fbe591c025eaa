"""The codes used on the wire and in the APIs (DESIGN.md, "Vocabulary").

Every enum is a ``str`` enum whose values equal their names, so a code reads the same in a
Kafka message, a JSON answer, a database column and a log line.
"""

from enum import StrEnum


class VoterStatus(StrEnum):
    """Status of a voter registration record (1.10.35.7 A, C, DD, KK; 1.10.35.9)."""

    active = "active"
    inactive = "inactive"
    suspense = "suspense"
    removable = "removable"
    not_eligible = "not_eligible"
    cancelled = "cancelled"


class StatusReason(StrEnum):
    """Why a voter holds its status (1.10.35.8 A(9), C(4), F; 1.10.35.9 A, D, E, G)."""

    incomplete_application = "incomplete_application"
    under_age = "under_age"
    confirmation_mailing = "confirmation_mailing"
    deceased = "deceased"
    felony_incarceration = "felony_incarceration"
    moved_outside_county = "moved_outside_county"
    voter_request = "voter_request"
    ineligible_other = "ineligible_other"


class RejectionReason(StrEnum):
    """Why an application was rejected (1.10.35.8 C and D)."""

    missing_name = "missing_name"
    missing_address = "missing_address"
    missing_dob = "missing_dob"
    missing_signature = "missing_signature"
    missing_required_field = "missing_required_field"
    ssn_incomplete = "ssn_incomplete"
    invalid_ssn = "invalid_ssn"
    non_citizen = "non_citizen"
    citizenship_unanswered = "citizenship_unanswered"
    commercial_mailbox = "commercial_mailbox"
    felony_incarceration = "felony_incarceration"
    deceased = "deceased"
    mvd_identity_mismatch = "mvd_identity_mismatch"


class Channel(StrEnum):
    """How an application reached the county clerk."""

    online = "online"
    mvd = "mvd"
    paper = "paper"
    agency = "agency"


class Decision(StrEnum):
    """Intake's answer to an application."""

    accepted = "accepted"
    suspense = "suspense"
    rejected = "rejected"


class MatchStrength(StrEnum):
    """Strong is 1.10.35.7 JJ (name, DOB and full SSN); weak is 1.10.35.7 SS (any two of four)."""

    strong = "strong"
    weak = "weak"
    none = "none"


class MatchKind(StrEnum):
    """What a candidate record is: another registration, an MVD record, or a maintenance record."""

    duplicate_same_county = "duplicate_same_county"
    duplicate_other_county = "duplicate_other_county"
    mvd = "mvd"
    deceased = "deceased"
    felony_incarceration = "felony_incarceration"
    other_state = "other_state"
    ncoa = "ncoa"


class ReviewSubject(StrEnum):
    """What a review task is about: an application at intake, or a voter in list maintenance."""

    application = "application"
    voter = "voter"


class ReviewDecision(StrEnum):
    """A clerk's decision on a weak match (1.10.35.9 D(1), E(1)): a confirmed match is a
    positive match (1.10.35.7 X); needs_contact keeps the task open while the clerk asks."""

    match = "match"
    not_a_match = "not_a_match"
    needs_contact = "needs_contact"


class ReviewState(StrEnum):
    """Where a review task stands in the owning county's queue."""

    open = "open"
    needs_contact = "needs_contact"
    resolved = "resolved"


class FieldAgreement(StrEnum):
    """How two records compare on one field of 1.10.35.7 SS, as the clerk sees it."""

    agrees = "agrees"
    differs = "differs"
    not_stated = "not_stated"


class MatchBasis(StrEnum):
    """Why a match outcome stands: nothing found, a strong match (1.10.35.7 JJ) acted on
    automatically, or a clerk's investigation (1.10.35.7 X)."""

    no_match = "no_match"
    strong = "strong"
    clerk = "clerk"


class ApplicationOutcome(StrEnum):
    """What the match of an accepted application settled (1.10.35.8 A(1), A(3), C(4), C(5))."""

    new_registrant = "new_registrant"
    existing_voter = "existing_voter"
    deceased = "deceased"
    felony_incarceration = "felony_incarceration"


class Role(StrEnum):
    """The roles of a bearer token (DESIGN.md, "Access")."""

    county_clerk = "county_clerk"
    county_supervisor = "county_supervisor"
    sos_admin = "sos_admin"
    ovr_portal = "ovr_portal"
    mvd_system = "mvd_system"
    records_requester = "records_requester"
    auditor = "auditor"
    operator = "operator"


class AuditOutcome(StrEnum):
    """How an access attempt ended."""

    allowed = "allowed"
    denied = "denied"
    error = "error"


class Language(StrEnum):
    """The language a voter asked to be written to in."""

    en = "en"
    es = "es"
