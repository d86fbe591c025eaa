"""Every event survives the envelope, and a bad message is refused without echoing its values."""

import json
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import pytest

from vrs_contracts.base import Event
from vrs_contracts.counties import County
from vrs_contracts.envelope import EnvelopeError, decode, envelope
from vrs_contracts.events import (
    ALL_EVENTS,
    AccessAttempted,
    ApplicationAccepted,
    ApplicationMatchSettled,
    ApplicationReferredForFraud,
    ApplicationRejected,
    ApplicationSubmitted,
    BreachNoticeRequested,
    ChangeOfAddressReported,
    ContactRequested,
    DeathReported,
    FelonyIncarcerationReported,
    FullSsnRequested,
    MatchCompleted,
    MvdRegistrationSubmitted,
    NoticeDeadlineReached,
    NoticeMailReturned,
    OtherStateRegistrationReported,
    ReviewRaised,
    ReviewResolved,
    VoterMatchConfirmed,
    VoterRecordUpdated,
    VoterRegistered,
    VoterStatusChanged,
)
from vrs_contracts.events.feeds import DeathSource, FelonySource
from vrs_contracts.events.matching import MatchCandidate
from vrs_contracts.people import Address, PersonName, Registrant, SsnReference
from vrs_contracts.sealed import SealedValue
from vrs_contracts.vocabulary import (
    ApplicationOutcome,
    AuditOutcome,
    Channel,
    Decision,
    Language,
    MatchBasis,
    MatchKind,
    MatchStrength,
    RejectionReason,
    ReviewDecision,
    ReviewSubject,
    StatusReason,
    VoterStatus,
)

SECRET = "123456789"
WHEN = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)
APPLICATION = UUID(int=1)
CORRELATION = UUID(int=2)

NAME = PersonName(first_name="Maria", last_name="Garcia Lopez")
ADDRESS = Address(street="100 Main St", city="Santa Fe", state="NM", zip="87501")
REGISTRANT = Registrant(
    name=NAME,
    date_of_birth=date(1980, 1, 2),
    ssn=SsnReference(blind_index="ab" * 32, last4="6789"),
    residence_address=ADDRESS,
)

SEALED = SealedValue(key_id="k1", ephemeral_public_key="AA==", nonce="AA==", ciphertext="AA==")

SAMPLES: dict[type[Event], Event] = {
    ApplicationSubmitted: ApplicationSubmitted(
        application_id=APPLICATION, channel=Channel.online, county=County.santa_fe, received_at=WHEN
    ),
    ApplicationAccepted: ApplicationAccepted(
        application_id=APPLICATION,
        channel=Channel.mvd,
        county=County.dona_ana,
        decision=Decision.accepted,
        person_key="cd" * 32,
        registrant=REGISTRANT,
    ),
    ApplicationRejected: ApplicationRejected(
        application_id=APPLICATION,
        channel=Channel.paper,
        county=County.bernalillo,
        rejection_reasons=[RejectionReason.missing_signature],
        rejected_at=WHEN,
        language=Language.es,
        name=NAME,
        mailing_address=ADDRESS,
    ),
    VoterRegistered: VoterRegistered(
        voter_id=UUID(int=3),
        application_id=APPLICATION,
        county=County.santa_fe,
        status=VoterStatus.active,
        registrant=REGISTRANT,
        party="DTS",
        registered_on=date(2025, 3, 4),
    ),
    FullSsnRequested: FullSsnRequested(
        application_id=APPLICATION,
        county=County.taos,
        requested_at=WHEN,
        secure_link="/ssn?token=" + "t" * 32,
        link_expires_at=WHEN,
        name=NAME,
        mailing_address=ADDRESS,
    ),
    ContactRequested: ContactRequested(
        contact_request_id=UUID(int=5),
        identity_check_id=UUID(int=6),
        county=County.santa_fe,
        requested_at=WHEN,
        name=NAME,
        email="applicant@example.org",
    ),
    ApplicationReferredForFraud: ApplicationReferredForFraud(
        referral_id=UUID(int=7),
        application_id=APPLICATION,
        channel=Channel.paper,
        county=County.taos,
        reasons=["the same handwriting on forty forms of one address"],
        referred_by="clerk-taos",
        referred_at=WHEN,
    ),
    VoterStatusChanged: VoterStatusChanged(
        voter_id=UUID(int=3),
        county=County.santa_fe,
        old_status=VoterStatus.suspense,
        new_status=VoterStatus.removable,
        status_reason=StatusReason.incomplete_application,
        clause="1.10.35.8 F(2)",
        actor="system:registration",
        changed_at=WHEN,
    ),
    MvdRegistrationSubmitted: MvdRegistrationSubmitted(
        mvd_transaction_id="mvd-tx-1",
        mvd_id="NM100200300",
        county=County.santa_fe,
        name=NAME,
        date_of_birth=date(1970, 1, 2),
        ssn=SEALED,
        residence_address=ADDRESS,
        citizen=True,
        age_18_or_over=True,
    ),
    MatchCompleted: MatchCompleted(
        application_id=APPLICATION,
        person_key="cd" * 32,
        strength=MatchStrength.weak,
        candidates=[
            MatchCandidate(
                kind=MatchKind.mvd,
                strength=MatchStrength.weak,
                score=0.75,
                record_id="mvd-1",
                agreeing_fields=["name", "date_of_birth"],
            )
        ],
        checked_at=WHEN,
    ),
    DeathReported: DeathReported(
        report_id="doh-2025-1",
        first_name="Maria",
        last_name="Garcia Lopez",
        date_of_birth=date(1930, 1, 2),
        ssn=SEALED,
        date_of_death=date(2025, 3, 1),
        county=County.taos,
        source=DeathSource.tribal,
    ),
    FelonyIncarcerationReported: FelonyIncarcerationReported(
        report_id="nmcd-1",
        first_name="Maria",
        last_name="Garcia Lopez",
        date_of_birth=date(1980, 1, 2),
        incarcerated_on=date(2025, 3, 1),
        source=FelonySource.corrections,
    ),
    OtherStateRegistrationReported: OtherStateRegistrationReported(
        report_id="az-1",
        first_name="Maria",
        last_name="Garcia Lopez",
        date_of_birth=date(1980, 1, 2),
        ssn_last4="6789",
        state="AZ",
        registered_on=date(2025, 3, 1),
    ),
    ChangeOfAddressReported: ChangeOfAddressReported(
        report_id="ncoa-1",
        first_name="Maria",
        last_name="Garcia Lopez",
        old_street="100 Main St",
        old_zip="87501",
        new_state="AZ",
        move_date=date(2025, 3, 1),
    ),
    NoticeDeadlineReached: NoticeDeadlineReached(
        notice_id=UUID(int=5),
        county=County.taos,
        notice_type="rejection_non_citizen",
        clause="1.10.35.8 C(2)",
        due_date=date(2025, 3, 8),
        application_id=APPLICATION,
    ),
    NoticeMailReturned: NoticeMailReturned(
        notice_id=UUID(int=5),
        county=County.taos,
        notice_type="acknowledgement",
        voter_id=UUID(int=3),
        returned_at=WHEN,
        recorded_by="clerk-taos",
        reason="attempted, not known",
    ),
    VoterRecordUpdated: VoterRecordUpdated(
        voter_id=UUID(int=3),
        county=County.taos,
        transferred_from=County.santa_fe,
        application_id=APPLICATION,
        registrant=REGISTRANT,
        updated_at=WHEN,
    ),
    ReviewRaised: ReviewRaised(
        review_id=UUID(int=5),
        county=County.santa_fe,
        subject=ReviewSubject.application,
        subject_id=APPLICATION,
        kind=MatchKind.duplicate_same_county,
        strength=MatchStrength.weak,
        score=0.5,
        raised_at=WHEN,
    ),
    ReviewResolved: ReviewResolved(
        review_id=UUID(int=5),
        county=County.santa_fe,
        subject=ReviewSubject.application,
        subject_id=APPLICATION,
        kind=MatchKind.duplicate_same_county,
        record_id=str(UUID(int=3)),
        decision=ReviewDecision.match,
        resolved_by="clerk-1",
        resolved_at=WHEN,
    ),
    ApplicationMatchSettled: ApplicationMatchSettled(
        application_id=APPLICATION,
        person_key="cd" * 32,
        outcome=ApplicationOutcome.existing_voter,
        voter_id=UUID(int=3),
        transfer_from_county=County.taos,
        basis=MatchBasis.clerk,
        clause="1.10.35.7 X",
        review_ids=[UUID(int=5)],
    ),
    VoterMatchConfirmed: VoterMatchConfirmed(
        voter_id=UUID(int=3),
        county=County.santa_fe,
        kind=MatchKind.duplicate_other_county,
        basis=MatchBasis.clerk,
        record_id=str(UUID(int=6)),
        review_id=UUID(int=5),
        clause="1.10.35.7 L",
        duplicate_of=UUID(int=6),
    ),
    AccessAttempted: AccessAttempted(
        actor="clerk-1",
        service="registration",
        action="POST /v1/applications",
        resource="/v1/applications",
        outcome=AuditOutcome.allowed,
        status_code=201,
    ),
    BreachNoticeRequested: BreachNoticeRequested(
        incident_id=UUID(int=7),
        voter_id=UUID(int=8),
        exposed_data=["name", "residence address"],
        exposed_from=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
        exposed_until=datetime(2026, 11, 20, 17, 0, tzinfo=UTC),
        exposed_to="one county user account without a need to know",
        office_action="The account was disabled and its holder's access reviewed.",
        requested_by="auditor-1",
    ),
}


def wire(event: Event) -> dict[str, Any]:
    """The JSON object of an event's envelope, as a producer would send it."""
    wrapped = envelope(event, source="/vrs/test", correlation_id=CORRELATION)
    parsed: dict[str, Any] = json.loads(wrapped.model_dump_json())
    return parsed


def test_every_event_has_a_sample() -> None:
    assert set(SAMPLES) == set(ALL_EVENTS)


@pytest.mark.parametrize("event", ALL_EVENTS, ids=lambda event: event.__name__)
def test_every_event_survives_the_envelope_round_trip(event: type[Event]) -> None:
    sent = envelope(
        SAMPLES[event],
        source="/vrs/test",
        correlation_id=CORRELATION,
        causation_id=UUID(int=4),
        subject=str(APPLICATION),
    )
    received = decode(sent.model_dump_json().encode())
    assert received.type == event.event_type
    assert type(received.data) is event
    assert received.model_dump() == sent.model_dump()


def test_garbage_is_refused_without_echoing_it() -> None:
    with pytest.raises(EnvelopeError) as refused:
        decode(f'{{"ssn": "{SECRET}"'.encode())
    assert SECRET not in str(refused.value)


def test_an_unknown_event_type_is_refused_by_name() -> None:
    message = {**wire(SAMPLES[ApplicationSubmitted]), "type": "gov.nm.sos.vrs.nothing.v1"}
    with pytest.raises(EnvelopeError, match=r"unknown event type 'gov\.nm\.sos\.vrs\.nothing\.v1'"):
        decode(json.dumps(message).encode())


def test_a_bad_payload_field_is_named_but_its_value_is_not_echoed() -> None:
    message = wire(SAMPLES[ApplicationAccepted])
    message["data"]["registrant"]["ssn"]["last4"] = SECRET
    with pytest.raises(EnvelopeError) as refused:
        decode(json.dumps(message).encode())
    assert "registrant.ssn.last4" in str(refused.value)
    assert SECRET not in str(refused.value)


def test_a_bad_envelope_attribute_is_named_but_its_value_is_not_echoed() -> None:
    message = {**wire(SAMPLES[ApplicationSubmitted]), "correlation_id": SECRET}
    with pytest.raises(EnvelopeError) as refused:
        decode(json.dumps(message).encode())
    assert "correlation_id" in str(refused.value)
    assert SECRET not in str(refused.value)
