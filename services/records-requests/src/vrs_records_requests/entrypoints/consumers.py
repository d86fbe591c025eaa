"""What records-requests reads from Kafka: registration's voter events, and nothing else."""

from vrs_contracts.events import VoterRecordUpdated, VoterRegistered, VoterStatusChanged
from vrs_contracts.topics import VOTERS
from vrs_plumbing.messaging import Subscription
from vrs_records_requests.service_layer.projection import (
    on_voter_record_updated,
    on_voter_registered,
    on_voter_status_changed,
)


def subscriptions() -> list[Subscription]:
    """The public projection's one feed (the service never reads registration's tables)."""
    return [
        Subscription(
            topic=VOTERS,
            group="records-requests-voters",
            handlers={
                VoterRegistered: on_voter_registered,
                VoterRecordUpdated: on_voter_record_updated,
                VoterStatusChanged: on_voter_status_changed,
            },
        )
    ]
