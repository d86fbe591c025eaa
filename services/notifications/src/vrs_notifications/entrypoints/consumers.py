"""What notifications reads from Kafka: registration's application and voter events, and the
audit service's breach notices."""

from vrs_contracts.events import (
    ApplicationReferredForFraud,
    ApplicationRejected,
    BreachNoticeRequested,
    ContactRequested,
    FullSsnRequested,
    VoterRecordUpdated,
    VoterRegistered,
    VoterStatusChanged,
)
from vrs_contracts.topics import APPLICATIONS, BREACH_NOTICES, VOTERS
from vrs_notifications.service_layer import voter_contacts
from vrs_notifications.service_layer.breach_notices import on_breach_notice_requested
from vrs_notifications.service_layer.scheduling import (
    on_application_referred_for_fraud,
    on_application_rejected,
    on_contact_requested,
    on_full_ssn_requested,
    on_voter_record_updated,
    on_voter_registered,
    on_voter_status_changed,
)
from vrs_plumbing.messaging import Subscription


def subscriptions() -> list[Subscription]:
    """Rejections, full-SSN requests and contact requests (letters to applicants), fraud
    referrals (records for the prosecutor); voter registrations, status changes and transfers
    (letters to voters); the voter contacts, in a group of their own so that a new projection
    reads the topic from its start; breach notices (letters to voters)."""
    return [
        Subscription(
            topic=APPLICATIONS,
            group="notifications",
            handlers={
                ApplicationRejected: on_application_rejected,
                FullSsnRequested: on_full_ssn_requested,
                ContactRequested: on_contact_requested,
                ApplicationReferredForFraud: on_application_referred_for_fraud,
            },
        ),
        Subscription(
            topic=VOTERS,
            group="notifications-voters",
            handlers={
                VoterRegistered: on_voter_registered,
                VoterStatusChanged: on_voter_status_changed,
                VoterRecordUpdated: on_voter_record_updated,
            },
        ),
        Subscription(
            topic=VOTERS,
            group="notifications-voter-contacts",
            handlers={
                VoterRegistered: voter_contacts.on_voter_record_made,
                VoterStatusChanged: voter_contacts.on_voter_status_changed,
                VoterRecordUpdated: voter_contacts.on_voter_record_made,
            },
        ),
        Subscription(
            topic=BREACH_NOTICES,
            group="notifications-breach-notices",
            handlers={BreachNoticeRequested: on_breach_notice_requested},
        ),
    ]
