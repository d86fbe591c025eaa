"""What registration reads from Kafka."""

from typing import cast

from vrs_contracts.events import (
    ApplicationMatchSettled,
    MatchCompleted,
    MvdRegistrationSubmitted,
    VoterMatchConfirmed,
)
from vrs_contracts.topics import MATCH_RESULTS, MVD_REGISTRATIONS
from vrs_plumbing.messaging import Subscription
from vrs_plumbing.runtime import Runtime
from vrs_registration.adapters.vault import SsnVault
from vrs_registration.config import RegistrationSettings
from vrs_registration.service_layer.confirmations import apply_voter_match_confirmed
from vrs_registration.service_layer.mvd_channel import mvd_registration_handler
from vrs_registration.service_layer.outcomes import apply_match_completed, apply_match_settled


def subscriptions(runtime: Runtime, vault: SsnVault) -> list[Subscription]:
    """Matching's results and settled outcomes, and the MVD's electronic registrations."""
    settings = cast(RegistrationSettings, runtime.settings)
    mvd = mvd_registration_handler(
        vault, settings.blind_index_key_bytes, settings.mvd_seal_private_key_file
    )
    return [
        Subscription(
            topic=MATCH_RESULTS,
            group="registration",
            handlers={
                MatchCompleted: apply_match_completed,
                ApplicationMatchSettled: apply_match_settled,
                VoterMatchConfirmed: apply_voter_match_confirmed,
            },
        ),
        Subscription(
            topic=MVD_REGISTRATIONS,
            group="registration-mvd",
            handlers={MvdRegistrationSubmitted: mvd},
        ),
    ]
