"""The topic catalog: every topic of the system, once, with who writes it, who reads it, its key.

Topic names carry their version; a breaking change of a topic's events makes a new topic.
Every topic has a dead-letter twin, ``<name>.dlq``, where a consumer parks a message it cannot
handle, with the error and the message's origin in its headers.
"""

from dataclasses import dataclass

from vrs_contracts.base import Event
from vrs_contracts.events import (
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

DLQ_SUFFIX = ".dlq"


@dataclass(frozen=True)
class Topic:
    """One topic: name, producer, consumers, partition key and the events it carries."""

    name: str
    producer: str
    consumers: tuple[str, ...]
    key: str
    description: str
    events: tuple[type[Event], ...]
    partitions: int = 4

    @property
    def dlq(self) -> str:
        """The dead-letter topic of this topic."""
        return self.name + DLQ_SUFFIX


MVD_REGISTRATIONS = Topic(
    name="vrs.mvd.registrations.v1",
    producer="MVD systems",
    consumers=("registration",),
    key="the MVD transaction id",
    description="Electronic voter registrations made at the MVD, already verified against the MVD (1.10.35.8 B, E); the SSN sealed to registration.",
    events=(MvdRegistrationSubmitted,),
)

APPLICATIONS = Topic(
    name="vrs.registration.applications.v1",
    producer="registration",
    consumers=("matching", "notifications"),
    key="person key (SSN blind index, or name+DOB blind index where no SSN is known)",
    description="Applications as intake decides them: submitted, accepted (or suspense), rejected; the A(2) request for the full SSN; an online applicant's request to be contacted after a failed MVD check (D(1), keyed by the check's SSN blind index); a clerk's referral of a suspicious application to the election prosecutor (C(7)).",
    events=(
        ApplicationSubmitted,
        ApplicationAccepted,
        ApplicationRejected,
        FullSsnRequested,
        ContactRequested,
        ApplicationReferredForFraud,
    ),
)

VOTERS = Topic(
    name="vrs.registration.voters.v1",
    producer="registration",
    consumers=("matching", "notifications", "records-requests"),
    key="person key of the voter",
    description="Changes to the statewide voter file: registrations, status changes, updates and transfers.",
    events=(VoterRegistered, VoterStatusChanged, VoterRecordUpdated),
)

MATCH_RESULTS = Topic(
    name="vrs.matching.results.v1",
    producer="matching",
    consumers=("registration",),
    key="person key of the applicant; the voter id for a voter's review or confirmation",
    description="The outcome of looking an applicant up (strong, weak or no match, with candidates), the clerk's review tasks and decisions, and the settled outcomes registration applies.",
    events=(
        MatchCompleted,
        ReviewRaised,
        ReviewResolved,
        ApplicationMatchSettled,
        VoterMatchConfirmed,
    ),
)

NOTICES = Topic(
    name="vrs.notifications.notices.v1",
    producer="notifications",
    consumers=("registration",),
    key="the notice id",
    description="What happens to the notices the rule requires: one reaching its last business day unsent (an alarm for the county clerk), a mailed notice returned undeliverable (feeds the NVRA designation, 1.10.35.9 A(2)).",
    events=(NoticeDeadlineReached, NoticeMailReturned),
)

ACCESS_ATTEMPTS = Topic(
    name="vrs.audit.access-attempts.v1",
    producer="every service",
    consumers=("audit",),
    key="service name",
    description="One event per HTTP request and per read of personal data, allowed or refused.",
    events=(AccessAttempted,),
)

BREACH_NOTICES = Topic(
    name="vrs.audit.breach-notices.v1",
    producer="audit",
    consumers=("notifications",),
    key="the voter id",
    description="One event per voter an incident exposed, for notifications to tell that voter what was exposed, when, to whom and what the office did.",
    events=(BreachNoticeRequested,),
)

FEEDS = Topic(
    name="vrs.feeds.v1",
    producer="the Secretary of State's feed gateways (DOH, tribes and pueblos, courts, corrections, justice, other states, the NCOA vendor)",
    consumers=("matching",),
    key="the record's report_id (the producer's id of the record), so a re-sent record stays on one partition",
    description="List-maintenance records, one event each, with the columns of their bulk files: deaths (1.10.35.9 E, F), felony incarcerations (D), other-state registrations (G), changes of address (A(1)); an SSN sealed to matching.",
    events=(
        DeathReported,
        FelonyIncarcerationReported,
        OtherStateRegistrationReported,
        ChangeOfAddressReported,
    ),
)

CATALOG: tuple[Topic, ...] = (
    MVD_REGISTRATIONS,
    FEEDS,
    APPLICATIONS,
    VOTERS,
    MATCH_RESULTS,
    NOTICES,
    ACCESS_ATTEMPTS,
    BREACH_NOTICES,
)


def topic_of(event: type[Event]) -> Topic:
    """The one topic that carries an event type."""
    for topic in CATALOG:
        if event in topic.events:
            return topic
    raise LookupError(f"{event.__name__} is in no topic of the catalog")
