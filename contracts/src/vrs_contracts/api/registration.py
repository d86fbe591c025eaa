"""The registration API's request and answer models (DESIGN.md, "Interfaces that stay stable").

Field names here are promises to portals and county tooling: extend freely, never rename.
Validation here is structural (types, shapes); the rules of 1.10.35.8 live in the service's
domain, because a form that breaks a rule is still received and answered with reason codes.
"""

import re
from datetime import date
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import (
    Channel,
    Decision,
    Language,
    RejectionReason,
    StatusReason,
    VoterStatus,
)

Text = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$")]
"""Free text as it can be stored: anything but the NUL character, which PostgreSQL refuses in
``text`` and ``jsonb`` (a form holding one was answered 500 instead of 422)."""

Answer = Annotated[bool, Strict()]
"""A yes/no answer of the form as JSON ``true`` or ``false``: never guessed from 0, 1, "no"."""

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date_as_written(value: Any) -> Any:
    """A date arrives as ``YYYY-MM-DD`` (or a ``date``); a number is not read as a timestamp."""
    if isinstance(value, str) and not _ISO_DATE.match(value):
        raise ValueError("must be a date written YYYY-MM-DD")
    if not isinstance(value, str | date):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


FormDate = Annotated[date, BeforeValidator(_date_as_written)]
"""A date of a form: ``YYYY-MM-DD`` exactly, as the schema says."""


class AddressForm(BaseModel):
    """An address as entered on the form; every part may be blank on a paper form."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    street: Text | None = Field(default=None, max_length=200, description="Street line.")
    city: Text | None = Field(default=None, max_length=100, description="City.")
    state: Text | None = Field(default=None, max_length=2, description="Two-letter state code.")
    zip: str | None = Field(default=None, pattern=r"^\d{5}(-\d{4})?$", description="ZIP or ZIP+4.")
    non_standard_description: Text | None = Field(
        default=None,
        max_length=500,
        description="Map or geographic description of a residence with no standard address.",
    )


class ApplicationForm(BaseModel):
    """A certificate of registration as submitted over HTTP (``POST /v1/applications``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    channel: Channel = Field(
        description="online, paper or agency (MVD registrations arrive on Kafka)."
    )
    county: County = Field(description="County of residence, whose clerk processes the form.")
    first_name: Text | None = Field(default=None, max_length=100)
    middle_name: Text | None = Field(default=None, max_length=100)
    last_name: Text | None = Field(default=None, max_length=100)
    suffix: Text | None = Field(default=None, max_length=10)
    date_of_birth: FormDate | None = Field(default=None, description="YYYY-MM-DD.")
    ssn: str | None = Field(default=None, pattern=r"^\d{9}$", description="Nine digits, or null.")
    ssn_last4: str | None = Field(
        default=None,
        pattern=r"^\d{4}$",
        description="Last four SSN digits when the full number is not given.",
    )
    mvd_id: Text | None = Field(
        default=None, max_length=20, description="Driver's licence or state ID number."
    )
    gender: Text | None = Field(default=None, max_length=20)
    residence_address: AddressForm | None = Field(
        default=None, description="Physical address where the applicant lives."
    )
    mailing_address: AddressForm | None = Field(
        default=None, description="Where the applicant gets mail, if different."
    )
    citizen: Answer | None = Field(
        default=None, description="Answer to the citizenship question; null when not answered."
    )
    age_18_or_over: Answer | None = Field(
        default=None, description="Answer to the age question; null when blank."
    )
    felony_incarcerated: Answer | None = Field(
        default=None, description="Online: currently incarcerated for a felony?"
    )
    party: Text | None = Field(
        default=None,
        max_length=10,
        description="Qualified party code, or null for decline to select.",
    )
    signature_present: Answer = Field(
        default=False, description="The form carries a signature or usual mark."
    )
    agent_number: Text | None = Field(
        default=None,
        max_length=30,
        description="Voter registration agent number (1.10.35.8 A(11)).",
    )
    form_number: Text | None = Field(
        default=None, max_length=30, description="Registration form number (1.10.35.8 A(11))."
    )
    email: Text | None = Field(default=None, max_length=200)
    phone: Text | None = Field(default=None, max_length=30)
    language: Language = Field(default=Language.en, description="en or es.")
    identity_check_id: UUID | None = Field(
        default=None, description="Online only: the id returned by the identity check."
    )
    confidential_address: Answer = Field(
        default=False,
        description="A public official with a confidential home address designated under 1.10.37 "
        "NMAC (set by the county clerk): the record is marked and 'confidential' is entered in the "
        "street and city, keeping the zip code (1.10.35.8 A(4)).",
    )


class ApplicationAnswer(BaseModel):
    """Intake's answer, and the state of an application when read back."""

    model_config = ConfigDict(frozen=True)

    application_id: UUID
    decision: Decision
    status_reason: StatusReason | None = None
    rejection_reasons: list[RejectionReason] = Field(default_factory=list)
    voter_id: UUID | None = Field(
        default=None, description="Set once the application has made or updated a voter record."
    )
    state: str = Field(
        description="awaiting_proofreading, awaiting_full_ssn, awaiting_match, registered, "
        "awaiting_review or rejected."
    )


class StatusChange(BaseModel):
    """One entry of a voter's status history."""

    model_config = ConfigDict(frozen=True)

    old_status: VoterStatus | None
    new_status: VoterStatus
    status_reason: StatusReason | None
    clause: str = Field(description="The clause of 1.10.35 NMAC that the change applies.")
    actor: str
    changed_at: str
    cause_event_id: UUID | None


class VoterView(BaseModel):
    """A voter record as a county clerk may see it: SSN as its last four digits only."""

    model_config = ConfigDict(frozen=True)

    voter_id: UUID
    county: County
    status: VoterStatus
    status_reason: StatusReason | None
    first_name: str
    middle_name: str | None
    last_name: str
    suffix: str | None
    date_of_birth: date
    ssn_last4: str | None
    confidential_address: bool = Field(
        default=False, description="Marked as holding a confidential address (1.10.35.8 A(4))."
    )
    party: str
    registered_on: date
    history: list[StatusChange]


class IdentityCheckForm(BaseModel):
    """``POST /v1/identity-checks``: what an online applicant gives for the MVD match (D(1))."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    mvd_id: Text = Field(
        min_length=1,
        max_length=20,
        description="Current or expired driver's licence or state ID number.",
    )
    ssn: str = Field(pattern=r"^\d{9}$", description="The full SSN, nine digits.")
    date_of_birth: FormDate = Field(description="The full date of birth, YYYY-MM-DD.")


class IdentityCheckAnswer(BaseModel):
    """The outcome of the identity check; on no match, where the applicant can go instead."""

    model_config = ConfigDict(frozen=True)

    identity_check_id: UUID = Field(
        description="Give it with the online application (only when matched)."
    )
    matched: bool = Field(
        description="True when the MVD holds the licence/ID, full SSN and full DOB."
    )
    reason: RejectionReason | None = Field(
        default=None,
        description="On no match: mvd_identity_mismatch (1.10.35.8 D(1), online only).",
    )
    message: str | None = Field(
        default=None, description="On no match: why the application cannot be processed online."
    )
    paper_form_url: str | None = Field(
        default=None, description="On no match: the printable paper registration form."
    )
    contact_request_url: str | None = Field(
        default=None, description="On no match: where to ask the county clerk to make contact."
    )


class ContactRequestForm(BaseModel):
    """An online applicant's request to be contacted by the county clerk (1.10.35.8 D(1))."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    identity_check_id: UUID = Field(description="The identity check that did not match.")
    county: County = Field(description="County of residence; the request goes to its clerk.")
    first_name: Text = Field(min_length=1, max_length=100)
    last_name: Text = Field(min_length=1, max_length=100)
    email: Text | None = Field(default=None, max_length=200)
    phone: Text | None = Field(default=None, max_length=30)
    language: Language = Field(default=Language.en)
    mailing_address: AddressForm | None = Field(
        default=None,
        description="Where the county clerk's answer is mailed when no e-mail is given.",
    )


class ContactRequest(ContactRequestForm):
    """A stored contact request, as the county clerk sees it."""

    contact_request_id: UUID
    received_at: str


class FraudReferralForm(BaseModel):
    """``POST /v1/applications/{application_id}/fraud-referrals`` (1.10.35.8 C(7))."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reasons: list[Annotated[Text, StringConstraints(min_length=1, max_length=2000)]] = Field(
        min_length=1,
        max_length=50,
        description="The clerk's statement of why the application is considered suspicious, "
        "one reason per entry.",
    )


class FraudReferral(FraudReferralForm):
    """A referral of an application to the county's election prosecutor, as recorded."""

    referral_id: UUID
    application_id: UUID
    county: County
    referred_by: str
    referred_at: str


class SsnSubmissionForm(BaseModel):
    """``POST /v1/ssn-submissions``: the voter gives the full SSN through the one-time link (A(2))."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    token: str = Field(min_length=20, max_length=200, description="The token of the one-time link.")
    ssn: str = Field(pattern=r"^\d{9}$", description="The full SSN, nine digits.")


class CountySettings(BaseModel):
    """Practices a county clerk may choose (``/v1/counties/{county}/settings``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    proofreading_required: Answer = Field(
        description="Paper entries wait until a staff member who did not enter them has "
        "proofread them (1.10.35.8 A(5))."
    )
