"""What matching reads from Kafka."""

from vrs_contracts.events import (
    ApplicationAccepted,
    VoterRecordUpdated,
    VoterRegistered,
    VoterStatusChanged,
)
from vrs_contracts.topics import APPLICATIONS, VOTERS
from vrs_matching.service_layer.handlers import (
    match_application,
    project_status_change,
    project_voter,
    project_voter_update,
)
from vrs_plumbing.messaging import Subscription

SUBSCRIPTIONS = (
    Subscription(
        topic=APPLICATIONS, group="matching", handlers={ApplicationAccepted: match_application}
    ),
    Subscription(
        topic=VOTERS,
        group="matching-voter-projection",
        handlers={
            VoterRegistered: project_voter,
            VoterRecordUpdated: project_voter_update,
            VoterStatusChanged: project_status_change,
        },
    ),
)
