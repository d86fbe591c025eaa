"""A service process: its pool, broker, outbox relay and HTTP app, wired once.

A service describes itself with a :class:`ServiceSpec`; :func:`create_service_app` turns the spec
into a FastAPI app whose lifespan opens the pool, starts the broker and the relay, and whose
middleware authenticates every request and records it in the audit trail.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse
from faststream.kafka import KafkaBroker
from opentelemetry.sdk.trace import TracerProvider

from vrs_plumbing.accounts import AccountGate, AccountServiceGate, OpenGate
from vrs_plumbing.auth import TokenVerifier
from vrs_plumbing.db import Pool, create_pool
from vrs_plumbing.errors import install_error_handlers
from vrs_plumbing.jwks import JwksKeys
from vrs_plumbing.messaging import BrokerPublisher, Subscription, create_broker, subscribe
from vrs_plumbing.outbox import OutboxRelay
from vrs_plumbing.request_audit import install_request_audit
from vrs_plumbing.settings import Settings
from vrs_plumbing.telemetry import configure_tracing

log = logging.getLogger(__name__)
UNAUDITED_PATHS = frozenset(
    {"/healthz"}
)  # docs/adr/0007: probes reveal nothing and would flood the log


@dataclass
class Runtime:
    """What a running service holds: its settings, database pool and broker."""

    service: str
    settings: Settings
    pool: Pool
    broker: KafkaBroker
    verifier: TokenVerifier
    tracer_provider: TracerProvider
    account_gate: AccountGate = field(default_factory=OpenGate)
    jwks: JwksKeys | None = None


BackgroundJob = Callable[[Runtime], Coroutine[Any, Any, None]]


@dataclass
class ServiceSpec:
    """How a service is put together: its name, schema, port, routes and subscriptions."""

    name: str
    schema: str
    default_port: int
    migrations: Path
    settings_class: type[Settings] = Settings
    routers: Callable[[Runtime], Sequence[APIRouter]] = lambda _runtime: ()
    subscriptions: Callable[[Runtime], Sequence[Subscription]] = lambda _runtime: ()
    background: Sequence["BackgroundJob"] = field(default_factory=tuple)
    account_gate: Callable[[Runtime], AccountGate] | None = None
    """The service that owns the accounts checks them itself rather than over HTTP."""
    unaudited_paths: frozenset[str] = frozenset()
    """Paths answered as part of another service's request, which that one audits."""


def build_runtime(spec: ServiceSpec, settings: Settings) -> Runtime:
    """Create (not yet start) the parts of a service."""
    tracer_provider = configure_tracing(spec.name)
    verifier = TokenVerifier(
        settings.token_public_key_pem,
        issuer=settings.token_issuer,
        audience=settings.token_audience,
    )
    return Runtime(
        service=spec.name,
        settings=settings,
        pool=create_pool(settings.database_url, spec.schema),
        broker=create_broker(
            settings.kafka, client_id=f"vrs-{spec.name}", tracer_provider=tracer_provider
        ),
        verifier=verifier,
        tracer_provider=tracer_provider,
        account_gate=AccountServiceGate(
            settings.accounts_url,
            timeout_seconds=settings.accounts_timeout_seconds,
            accounts_required=settings.accounts_required,
        )
        if settings.accounts_url and spec.account_gate is None
        else OpenGate(),
        jwks=JwksKeys(
            settings.token_jwks_url,
            verifier,
            timeout_seconds=settings.accounts_timeout_seconds,
        )
        if settings.token_jwks_url
        else None,
    )


def create_service_app(spec: ServiceSpec, settings: Settings) -> FastAPI:
    """The FastAPI app of a service, with its consumers and relay tied to the app's lifespan."""
    runtime = build_runtime(spec, settings)
    if spec.account_gate is not None:
        runtime.account_gate = spec.account_gate(runtime)
    for subscription in spec.subscriptions(runtime):
        subscribe(
            runtime.broker, runtime.pool, subscription, max_attempts=settings.consumer_max_attempts
        )
    relay = OutboxRelay(
        runtime.pool,
        BrokerPublisher(runtime.broker),
        schema=spec.schema,
        poll_seconds=settings.outbox_poll_seconds,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await runtime.pool.open(wait=True)
        await runtime.broker.start()
        relay.start()
        tasks = [
            asyncio.create_task(job(runtime), name=f"{spec.name}-background")
            for job in spec.background
        ]
        log.info("service started", extra={"port": settings.http_port or spec.default_port})
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await relay.stop()
            await runtime.broker.stop()
            await runtime.pool.close()
            await runtime.account_gate.close()
            if runtime.jwks is not None:
                await runtime.jwks.close()
            log.info("service stopped")

    app = FastAPI(title=f"VRS {spec.name}", lifespan=lifespan)
    app.state.runtime = runtime
    install_error_handlers(app)
    for router in spec.routers(runtime):
        app.include_router(router)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> JSONResponse:
        try:
            async with runtime.pool.connection(timeout=2) as conn:
                await conn.execute("SELECT 1")
        except Exception:  # any failure means not ready
            return JSONResponse({"status": "database unavailable"}, status_code=503)
        if not runtime.broker.running:
            return JSONResponse({"status": "broker unavailable"}, status_code=503)
        return JSONResponse({"status": "ok", "service": spec.name})

    install_request_audit(app, runtime, spec.unaudited_paths)
    return app
