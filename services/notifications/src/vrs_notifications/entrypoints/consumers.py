"""What notifications reads from Kafka: registration's application and voter events."""

from vrs_contracts.events import (
    ApplicationRejected,
    FullSsnRequested,
    VoterRecordUpdated,
    VoterRegistered,
    VoterStatusChanged,
)
from vrs_contracts.topics import APPLICATIONS, VOTERS
from vrs_notifications.service_layer.scheduling import (
    on_application_rejected,
    on_full_ssn_requested,
    on_voter_record_updated,
    on_voter_registered,
    on_voter_status_changed,
)
from vrs_plumbing.messaging import Subscription


def subscriptions() -> list[Subscription]:
    """Rejections and full-SSN requests (letters to applicants), voter registrations, status
    changes and transfers (letters to voters)."""
    return [
        Subscription(
            topic=APPLICATIONS,
            group="notifications",
            handlers={
                ApplicationRejected: on_application_rejected,
                FullSsnRequested: on_full_ssn_requested,
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
    ]
