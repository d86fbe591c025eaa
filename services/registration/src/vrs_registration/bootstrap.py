"""Wires registration's adapters to its handlers. Nothing runs at import time."""

from typing import cast

from fastapi import APIRouter

import vrs_registration
from vrs_plumbing.migrations import find_migrations
from vrs_plumbing.runtime import Runtime, ServiceSpec
from vrs_registration.adapters.matching_client import MatchingClient
from vrs_registration.adapters.vault import SsnVault
from vrs_registration.config import RegistrationSettings
from vrs_registration.entrypoints.consumers import subscriptions
from vrs_registration.entrypoints.documents import build_router as build_documents_router
from vrs_registration.entrypoints.elections import build_router as build_elections_router
from vrs_registration.entrypoints.full_ssn import build_router as build_full_ssn_router
from vrs_registration.entrypoints.http import build_router
from vrs_registration.entrypoints.lists import build_router as build_lists_router
from vrs_registration.entrypoints.online import build_router as build_online_router
from vrs_registration.entrypoints.record import build_router as build_record_router
from vrs_registration.service_layer.elections import under_age_activator
from vrs_registration.service_layer.suspense import suspense_sweeper


def vault_of(runtime: Runtime) -> SsnVault:
    """The SSN vault, with the keys of the service's settings."""
    settings = cast(RegistrationSettings, runtime.settings)
    return SsnVault(
        settings.vault_keys, settings.ssn_vault_active_key_id, settings.blind_index_key_bytes
    )


def routers(runtime: Runtime) -> list[APIRouter]:
    """The HTTP routes."""
    settings = cast(RegistrationSettings, runtime.settings)
    vault = vault_of(runtime)
    client = MatchingClient(settings.matching_url, timeout=settings.matching_timeout_seconds)
    return [
        build_router(runtime, vault, client),
        build_lists_router(runtime),
        build_online_router(runtime, vault, client),
        build_full_ssn_router(runtime, vault),
        build_documents_router(runtime),
        build_elections_router(runtime),
        build_record_router(runtime),
    ]


async def sweep_suspense(runtime: Runtime) -> None:
    """Apply 1.10.35.8 F(2) on the configured interval, for as long as the service runs."""
    settings = cast(RegistrationSettings, runtime.settings)
    await suspense_sweeper(settings.suspense_sweep_seconds)(runtime)


async def activate_under_age(runtime: Runtime) -> None:
    """Apply 1.10.35.8 A(9)'s activation daily (and on the configured interval), while it runs."""
    settings = cast(RegistrationSettings, runtime.settings)
    await under_age_activator(settings.under_age_activation_seconds)(runtime)


SPEC = ServiceSpec(
    name="registration",
    schema="registration",
    default_port=8001,
    migrations=find_migrations(vrs_registration.__file__),
    settings_class=RegistrationSettings,
    routers=routers,
    subscriptions=lambda runtime: subscriptions(runtime, vault_of(runtime)),
    background=(sweep_suspense, activate_under_age),
)
