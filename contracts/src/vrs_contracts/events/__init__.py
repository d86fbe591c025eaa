"""Every integration event, and the registry that maps a CloudEvents ``type`` to its model."""

from vrs_contracts.base import Event
from vrs_contracts.events.audit import AccessAttempted, BreachNoticeRequested
from vrs_contracts.events.feeds import (
    ChangeOfAddressReported,
    DeathReported,
    FelonyIncarcerationReported,
    OtherStateRegistrationReported,
)
from vrs_contracts.events.matching import (
    ApplicationMatchSettled,
    MatchCompleted,
    ReviewRaised,
    ReviewResolved,
    VoterMatchConfirmed,
)
from vrs_contracts.events.mvd import MvdRegistrationSubmitted
from vrs_contracts.events.notifications import NoticeDeadlineReached, NoticeMailReturned
from vrs_contracts.events.registration import (
    ApplicationAccepted,
    ApplicationReferredForFraud,
    ApplicationRejected,
    ApplicationSubmitted,
    ContactRequested,
    FullSsnRequested,
    VoterRecordUpdated,
    VoterRegistered,
    VoterStatusChanged,
)

ALL_EVENTS: tuple[type[Event], ...] = (
    MvdRegistrationSubmitted,
    ApplicationSubmitted,
    ApplicationAccepted,
    ApplicationRejected,
    FullSsnRequested,
    ContactRequested,
    ApplicationReferredForFraud,
    VoterRegistered,
    VoterStatusChanged,
    VoterRecordUpdated,
    MatchCompleted,
    ReviewRaised,
    ReviewResolved,
    ApplicationMatchSettled,
    VoterMatchConfirmed,
    AccessAttempted,
    BreachNoticeRequested,
    DeathReported,
    FelonyIncarcerationReported,
    OtherStateRegistrationReported,
    ChangeOfAddressReported,
    NoticeDeadlineReached,
    NoticeMailReturned,
)

EVENT_TYPES: dict[str, type[Event]] = {model.event_type: model for model in ALL_EVENTS}

__all__ = [
    "ALL_EVENTS",
    "EVENT_TYPES",
    "AccessAttempted",
    "ApplicationAccepted",
    "ApplicationMatchSettled",
    "ApplicationReferredForFraud",
    "ApplicationRejected",
    "ApplicationSubmitted",
    "BreachNoticeRequested",
    "ChangeOfAddressReported",
    "ContactRequested",
    "DeathReported",
    "FelonyIncarcerationReported",
    "FullSsnRequested",
    "MatchCompleted",
    "MvdRegistrationSubmitted",
    "NoticeDeadlineReached",
    "NoticeMailReturned",
    "OtherStateRegistrationReported",
    "ReviewRaised",
    "ReviewResolved",
    "VoterMatchConfirmed",
    "VoterRecordUpdated",
    "VoterRegistered",
    "VoterStatusChanged",
]
