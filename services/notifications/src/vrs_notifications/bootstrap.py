"""Wires notifications's adapters to its handlers. Nothing runs at import time."""

from typing import cast

from fastapi import APIRouter

import vrs_notifications
from vrs_notifications.adapters.letters import LetterLinks, LetterRenderer
from vrs_notifications.adapters.mail_vendor import MailVendor
from vrs_notifications.adapters.smtp import SmtpMailer
from vrs_notifications.config import NotificationsSettings
from vrs_notifications.entrypoints.clerk_actions import build_router as build_actions_router
from vrs_notifications.entrypoints.consumers import subscriptions
from vrs_notifications.entrypoints.http import build_router
from vrs_notifications.entrypoints.print_batches import build_router as build_batches_router
from vrs_notifications.service_layer.delivery import Outlets
from vrs_notifications.service_layer.jobs import deadline_watch, deliverer
from vrs_plumbing.migrations import find_migrations
from vrs_plumbing.runtime import Runtime, ServiceSpec


def renderer_of(settings: NotificationsSettings) -> LetterRenderer:
    """The letter renderer, with the addresses letters give."""
    return LetterRenderer(
        LetterLinks(
            secure_link_base_url=settings.secure_link_base_url,
            online_registration_url=settings.online_registration_url,
            paper_form_url=settings.paper_form_url,
        )
    )


def outlets_of(settings: NotificationsSettings) -> Outlets:
    """How letters leave: SMTP and the mail vendor when configured, else the print batches."""
    mailer = (
        SmtpMailer(
            host=settings.smtp_host,
            port=settings.smtp_port,
            sender=settings.smtp_sender,
            username=settings.smtp_username,
            password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
            start_tls=settings.smtp_start_tls,
        )
        if settings.smtp_host
        else None
    )
    vendor = (
        MailVendor(
            settings.mail_vendor_url,
            settings.mail_vendor_token.get_secret_value() if settings.mail_vendor_token else None,
        )
        if settings.mail_vendor_url
        else None
    )
    return Outlets(renderer_of(settings), mailer, vendor)


def routers(runtime: Runtime) -> list[APIRouter]:
    """The HTTP routes."""
    renderer = renderer_of(cast(NotificationsSettings, runtime.settings))
    return [
        build_router(runtime, renderer),
        build_actions_router(runtime, renderer),
        build_batches_router(runtime),
    ]


async def deliver(runtime: Runtime) -> None:
    """Get notices out on the configured interval, for as long as the service runs."""
    settings = cast(NotificationsSettings, runtime.settings)
    await deliverer(outlets_of(settings), settings.delivery_seconds)(runtime)


async def watch_deadlines(runtime: Runtime) -> None:
    """Raise the deadline alarms on the configured interval, for as long as the service runs."""
    settings = cast(NotificationsSettings, runtime.settings)
    await deadline_watch(settings.deadline_check_seconds)(runtime)


SPEC = ServiceSpec(
    name="notifications",
    schema="notifications",
    default_port=8003,
    migrations=find_migrations(vrs_notifications.__file__),
    settings_class=NotificationsSettings,
    routers=routers,
    subscriptions=lambda _runtime: subscriptions(),
    background=(deliver, watch_deadlines),
)
