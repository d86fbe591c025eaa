"""What matching reads from Kafka."""

from functools import partial
from typing import cast

from vrs_contracts.events import (
    ApplicationAccepted,
    VoterRecordUpdated,
    VoterRegistered,
    VoterStatusChanged,
)
from vrs_contracts.topics import APPLICATIONS, FEEDS, VOTERS
from vrs_matching.config import MatchingSettings
from vrs_matching.service_layer.feeds import KIND_OF_EVENT, feed_record_handler
from vrs_matching.service_layer.handlers import (
    match_application,
    project_status_change,
    project_voter,
    project_voter_update,
)
from vrs_plumbing.messaging import Subscription
from vrs_plumbing.runtime import Runtime


def subscriptions(runtime: Runtime) -> list[Subscription]:
    """Applications to look up, the voter file to project, and the list-maintenance feeds."""
    settings = cast(MatchingSettings, runtime.settings)
    feeds = feed_record_handler(
        settings.blind_index_key_bytes, settings.feeds_seal_private_key_file
    )
    return [
        Subscription(
            topic=APPLICATIONS,
            group="matching",
            handlers={
                ApplicationAccepted: partial(match_application, thresholds=settings.thresholds)
            },
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
        Subscription(
            topic=FEEDS, group="matching-feeds", handlers=dict.fromkeys(KIND_OF_EVENT, feeds)
        ),
    ]
