"""Events the registration service publishes about applications and voters."""

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from vrs_contracts.base import Event
from vrs_contracts.counties import County
from vrs_contracts.people import Address, PersonName, Registrant
from vrs_contracts.vocabulary import (
    Channel,
    Decision,
    Language,
    RejectionReason,
    StatusReason,
    VoterStatus,
)


class ApplicationSubmitted(Event):
    """An application reached intake, before any decision on it."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.application.submitted.v1"

    application_id: UUID = Field(description="Id intake gave the application.")
    channel: Channel = Field(description="How the application arrived.")
    county: County = Field(description="County whose clerk processes the application.")
    received_at: datetime = Field(description="When intake received it (UTC).")


class ApplicationAccepted(Event):
    """Intake accepted an application (possibly into suspense); matching looks the person up next."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.application.accepted.v1"

    application_id: UUID = Field(description="Id of the application.")
    channel: Channel = Field(description="How the application arrived.")
    county: County = Field(description="County whose clerk processes the application.")
    decision: Decision = Field(description="accepted or suspense.")
    status_reason: StatusReason | None = Field(
        default=None, description="Why suspense, when suspense."
    )
    person_key: str = Field(
        description="The partition key: the SSN blind index, or a name+DOB blind index."
    )
    registrant: Registrant = Field(description="Who applied, as matching needs it.")


class ApplicationRejected(Event):
    """Intake rejected an application; notifications owes the applicant a letter (1.10.35.8 C)."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.application.rejected.v1"

    application_id: UUID = Field(description="Id of the application.")
    channel: Channel = Field(description="How the application arrived.")
    county: County = Field(description="County whose clerk answers for the letter.")
    rejection_reasons: list[RejectionReason] = Field(
        min_length=1, description="Every reason that applies."
    )
    rejected_at: datetime = Field(
        description="When it was rejected (UTC); the letter's due date counts from here."
    )
    language: Language = Field(
        default=Language.en, description="Language the applicant asked to be written to in."
    )
    name: PersonName | None = Field(
        default=None, description="Name as given, for the letter's address."
    )
    mailing_address: Address | None = Field(default=None, description="Where the letter goes.")
    email: str | None = Field(default=None, description="E-mail given by the applicant, if any.")


class VoterRegistered(Event):
    """A voter record was created in the statewide voter file."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.voter.registered.v1"

    voter_id: UUID = Field(description="Id of the voter record.")
    application_id: UUID | None = Field(
        default=None,
        description="The application that created it; null for a voter loaded from a county's voter file (vrs import voters).",
    )
    source_id: str | None = Field(
        default=None,
        description="The record's id in the county voter file it was loaded from; null for a voter created by an application.",
    )
    county: County = Field(description="County of registration.")
    status: VoterStatus = Field(description="Status of the new record.")
    status_reason: StatusReason | None = Field(
        default=None, description="Reason for the status, if any."
    )
    registrant: Registrant = Field(description="Identity of the voter, as matching needs it.")
    party: str = Field(
        description="Qualified party code, or DTS (decline to select, 1.10.35.8 A(7)-(8))."
    )
    registered_on: date = Field(description="Date of registration.")
    language: Language | None = Field(
        default=None, description="Language the voter asked to be written to in, for a notice."
    )
    mailing_address: Address | None = Field(
        default=None, description="Where a notice to the voter is mailed (mailing, else residence)."
    )
    email: str | None = Field(default=None, description="E-mail given by the voter, if any.")
    confidential_address: bool | None = Field(
        default=None,
        description="The record holds a public official's confidential home address (1.10.35.8 "
        "A(4), 1.10.37 NMAC); such a voter is left out of every public list. Null from producers "
        "that predate the field.",
    )


class VoterStatusChanged(Event):
    """A voter's status changed; the entry of its status history, as an event."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.voter.status_changed.v1"

    voter_id: UUID = Field(description="Id of the voter record.")
    county: County = Field(description="County of registration.")
    old_status: VoterStatus = Field(description="Status before the change.")
    new_status: VoterStatus = Field(description="Status after the change.")
    status_reason: StatusReason | None = Field(
        default=None, description="Reason for the new status."
    )
    clause: str = Field(description="The clause of 1.10.35 NMAC applied, e.g. '1.10.35.8 F(2)'.")
    actor: str = Field(
        description="Who changed it: a user's subject, or system:<service> for a scheduled rule."
    )
    changed_at: datetime = Field(description="When the change took effect (UTC).")
    name: PersonName | None = Field(
        default=None, description="The voter's name, for a notice of the change."
    )
    language: Language | None = Field(
        default=None, description="Language the voter asked to be written to in, for a notice."
    )
    mailing_address: Address | None = Field(
        default=None, description="Where a notice to the voter is mailed (mailing, else residence)."
    )
    email: str | None = Field(default=None, description="E-mail given by the voter, if any.")


class VoterRecordUpdated(Event):
    """A later application updated a voter's record, and transferred it when the county changed
    (1.10.35.8 A(1)). After a transfer the voter is owed a new certificate (1.10.35.9 A(5))."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.voter.record_updated.v1"

    voter_id: UUID = Field(description="Id of the voter record.")
    county: County = Field(description="County of registration after the update.")
    transferred_from: County | None = Field(
        default=None, description="The county the record left, for a transfer; null otherwise."
    )
    application_id: UUID = Field(description="The application that updated the record.")
    registrant: Registrant = Field(
        description="Identity of the voter after the update, as matching needs it."
    )
    updated_at: datetime = Field(description="When the record was updated (UTC).")
    language: Language | None = Field(
        default=None, description="Language the voter asked to be written to in, for a notice."
    )
    mailing_address: Address | None = Field(
        default=None, description="Where a notice to the voter is mailed (mailing, else residence)."
    )
    email: str | None = Field(default=None, description="E-mail given by the voter, if any.")
    party: str | None = Field(
        default=None,
        description="Qualified party code or DTS after the update; null from producers that "
        "predate the field.",
    )
    confidential_address: bool | None = Field(
        default=None,
        description="The record holds a public official's confidential home address (1.10.35.8 "
        "A(4), 1.10.37 NMAC); such a voter is left out of every public list. Null from producers "
        "that predate the field.",
    )


class FullSsnRequested(Event):
    """1.10.35.8 A(2): the MVD could not verify a paper form; the voter must be e-mailed and mailed,
    within five days, directions to give the full SSN through the secure link."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.application.full_ssn_requested.v1"

    application_id: UUID = Field(description="The application waiting for the full SSN.")
    county: County = Field(description="County whose clerk answers for the notice.")
    requested_at: datetime = Field(
        description="When the request was made; the five days count from here."
    )
    secure_link: str = Field(
        description="The one-time link to the secure SSN page (path with its token)."
    )
    link_expires_at: datetime = Field(description="When the link stops working.")
    language: Language = Field(default=Language.en, description="Language of the notice.")
    name: PersonName | None = Field(default=None, description="Name as given, for the notice.")
    mailing_address: Address | None = Field(default=None, description="Where the notice is mailed.")
    email: str | None = Field(default=None, description="Where the notice is e-mailed, if given.")


class ContactRequested(Event):
    """1.10.35.8 D(1): an online applicant whose MVD identity check did not match asked to be
    contacted by the county clerk. Notifications answers, within five business days, that the
    application cannot be processed online, with the paper form's link, and that the clerk will
    make contact: by e-mail where one was given, else by mail."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.application.contact_requested.v1"

    contact_request_id: UUID = Field(description="Id of the contact request in registration.")
    identity_check_id: UUID = Field(description="The MVD identity check that did not match.")
    county: County = Field(description="County of residence, whose clerk makes the contact.")
    requested_at: datetime = Field(
        description="When the request was received (UTC); the answer's due date counts from here."
    )
    language: Language = Field(
        default=Language.en, description="Language the applicant asked to be written to in."
    )
    name: PersonName = Field(description="Name as the applicant gave it.")
    email: str | None = Field(default=None, description="Where the answer is e-mailed, if given.")
    mailing_address: Address | None = Field(
        default=None, description="Where the answer is mailed when no e-mail was given."
    )


class ApplicationReferredForFraud(Event):
    """1.10.35.8 C(7): the county clerk reasonably believes a complete application is
    fraudulent; a copy goes to the assigned election prosecutor of the county with the clerk's
    statement of the reasons. Notifications records the referral."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.application.fraud_referred.v1"

    referral_id: UUID = Field(description="Id of the referral in registration.")
    application_id: UUID = Field(description="The application considered suspicious.")
    channel: Channel = Field(description="How the application arrived.")
    county: County = Field(
        description="County of the application, whose election prosecutor receives the referral."
    )
    voter_id: UUID | None = Field(
        default=None, description="The voter record the application made, if any."
    )
    reasons: list[str] = Field(
        min_length=1,
        description="The clerk's statement of why the application is considered suspicious, "
        "one reason per entry.",
    )
    referred_by: str = Field(description="Subject of the clerk or supervisor who referred it.")
    referred_at: datetime = Field(description="When it was referred (UTC).")
