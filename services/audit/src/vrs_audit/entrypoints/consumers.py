"""What audit reads from Kafka."""

from vrs_audit.service_layer.handlers import record_access_attempt
from vrs_contracts.events import AccessAttempted
from vrs_contracts.topics import ACCESS_ATTEMPTS
from vrs_plumbing.messaging import Subscription

SUBSCRIPTIONS = (
    Subscription(
        topic=ACCESS_ATTEMPTS, group="audit", handlers={AccessAttempted: record_access_attempt}
    ),
)
