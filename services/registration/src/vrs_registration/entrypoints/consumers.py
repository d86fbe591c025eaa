"""What registration reads from Kafka."""

from vrs_contracts.events import MatchCompleted
from vrs_contracts.topics import MATCH_RESULTS
from vrs_plumbing.messaging import Subscription
from vrs_registration.service_layer.outcomes import apply_match_completed

SUBSCRIPTIONS = (
    Subscription(
        topic=MATCH_RESULTS, group="registration", handlers={MatchCompleted: apply_match_completed}
    ),
)
