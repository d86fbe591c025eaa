"""The whole system on one machine: PostgreSQL, a broker, the topics and the five services.

Typical use (the end-to-end tests do this with free ports)::

    with Stack.with_free_ports(data_dir) as stack:
        token = stack.token(Role.county_clerk, County.santa_fe)
        httpx.post(stack.url("registration") + "/v1/applications", ...)
        stack.kill_service("matching")      # a fault
        stack.start_service("matching")     # and the recovery
"""

import logging
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_embedded.broker import TansuBroker, catalog_topics, ensure_topics
from vrs_embedded.demo import DemoLicence, DemoMarker, demo_licence, load_demo_data
from vrs_embedded.errors import StackError
from vrs_embedded.layout import DataLayout
from vrs_embedded.ports import LOOPBACK, free_ports, port_in_use
from vrs_embedded.postgres import DATABASE_NAME, EmbeddedPostgres, ensure_database
from vrs_embedded.processes import (
    ManagedProcess,
    Probe,
    http_ok,
    process_cmdline,
    run_all_to_completion,
    terminate_leftover,
    wait_all_ready,
)
from vrs_embedded.secrets import (
    TOKEN_AUDIENCE,
    TOKEN_ISSUER,
    SecretFiles,
    ensure_secrets,
    existing_secrets,
    mint_dev_token,
)
from vrs_embedded.services import DEFAULT_BROKER_PORT, SERVICES, ServiceSpec
from vrs_embedded.state import ProcessRecord, StackInfo, read_info, write_info

log = logging.getLogger("vrs_embedded")

BROKER = "broker"


class Stack:
    """PostgreSQL, a Kafka-API broker and the services, run from one data folder.

    ``ports`` overrides the HTTP port of some or all services (default: 8001-8005, see
    :data:`~vrs_embedded.services.SERVICES`). ``kafka`` names existing bootstrap servers (no
    broker is started; the topics are still created if missing). ``database`` is an existing
    PostgreSQL URI, used as given (no embedded server, no ``vrs`` database created).
    ``demo_data`` loads the demo voters and MVD records on the first start of a new data folder
    (:mod:`vrs_embedded.demo`; ``vrs up`` asks for it, tests mostly do not). ``services`` and
    ``extra_env`` exist for tests that run stand-in services.
    """

    def __init__(
        self,
        data_dir: Path | str,
        *,
        ports: Mapping[str, int] | None = None,
        kafka: str | None = None,
        database: str | None = None,
        broker_port: int = DEFAULT_BROKER_PORT,
        log_level: str = "INFO",
        host: str = LOOPBACK,
        demo_data: bool = False,
        services: Sequence[ServiceSpec] = SERVICES,
        extra_env: Mapping[str, str] | None = None,
        ready_timeout: float = 120.0,
        migrate_timeout: float = 120.0,
        stop_timeout: float = 15.0,
    ) -> None:
        self.layout = DataLayout.of(data_dir)
        self._specs = {spec.name: spec for spec in services}
        unknown = sorted(set(ports or {}) - set(self._specs))
        if unknown:
            raise ValueError(f"ports given for unknown services: {', '.join(unknown)}")
        self._ports = {
            name: (ports or {}).get(name, spec.port) for name, spec in self._specs.items()
        }
        self._kafka = kafka
        self._database = database
        self.broker_port = broker_port
        self.log_level = log_level
        self.host = host
        self._extra_env = dict(extra_env or {})
        self.ready_timeout = ready_timeout
        self.migrate_timeout = migrate_timeout
        self.stop_timeout = stop_timeout
        self.demo_data = demo_data
        self._demo_marker = DemoMarker(self.layout)
        self._postgres: EmbeddedPostgres | None = None
        self._broker: TansuBroker | None = None
        self._processes: dict[str, ManagedProcess] = {}
        self._database_url: str | None = None
        self._bootstrap_servers: str | None = None
        self._secrets: SecretFiles | None = None
        self._started = False

    @classmethod
    def with_free_ports(
        cls, data_dir: Path | str, *, services: Sequence[ServiceSpec] = SERVICES, **options: Any
    ) -> "Stack":
        """A stack whose services and broker listen on free loopback ports (for tests);
        ``options`` are the other keyword arguments of the constructor."""
        ports = free_ports([*(spec.name for spec in services), BROKER])
        broker_port = ports.pop(BROKER)
        return cls(data_dir, ports=ports, broker_port=broker_port, services=services, **options)

    # --- what the stack is made of -------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        """The data folder (absolute)."""
        return self.layout.root

    @property
    def services(self) -> tuple[str, ...]:
        """Names of the services, in start order."""
        return tuple(self._specs)

    @property
    def ports(self) -> dict[str, int]:
        """HTTP port of each service."""
        return dict(self._ports)

    @property
    def started(self) -> bool:
        """Whether :meth:`start` completed and :meth:`stop` has not been called since."""
        return self._started

    @property
    def database_url(self) -> str:
        """URI of the ``vrs`` database (or of ``database`` as given); known once started."""
        if self._database_url is None:
            raise StackError("the stack is not started: no database yet")
        return self._database_url

    @property
    def bootstrap_servers(self) -> str:
        """Kafka bootstrap servers (``host:port`` list) of the broker in use."""
        if self._bootstrap_servers is not None:
            return self._bootstrap_servers
        return self._kafka if self._kafka is not None else f"{self.host}:{self.broker_port}"

    @property
    def secrets(self) -> SecretFiles:
        """The secret files of the data folder (:class:`MissingSecretsError` before the first start)."""
        return self._secrets or existing_secrets(self.layout.secrets)

    @property
    def demo_licence(self) -> DemoLicence | None:
        """The demo licence to try the online channel with, once the demo data is loaded."""
        return demo_licence() if self._demo_marker.state() == "loaded" else None

    def url(self, name: str) -> str:
        """Base URL of a service's HTTP API, e.g. ``http://127.0.0.1:8001``."""
        self._spec(name)
        return f"http://{self.host}:{self._ports[name]}"

    def log_path(self, name: str) -> Path:
        """The log file of a service (or of ``broker``): stdout and stderr, appended."""
        if name != BROKER:
            self._spec(name)
        return self.layout.log(name)

    def token(
        self, role: Role | str, county: County | str | None = None, subject: str | None = None
    ) -> str:
        """A bearer token the services accept, signed by the data folder's issuer key."""
        return mint_dev_token(
            self.layout.secrets,
            role=Role(role),
            county=County(county) if county is not None else None,
            subject=subject,
        )

    def service_env(self, name: str) -> dict[str, str]:
        """The environment a service runs with: this process's, minus any ``VRS_*`` variable,
        plus the stack's configuration (the same for every service except the HTTP port)."""
        self._spec(name)
        secrets = self.secrets
        env = {key: value for key, value in os.environ.items() if not key.startswith("VRS_")}
        env.update(
            {
                "VRS_DATABASE_URL": self.database_url,
                "VRS_KAFKA_BOOTSTRAP_SERVERS": self.bootstrap_servers,
                "VRS_HTTP_HOST": self.host,
                "VRS_HTTP_PORT": str(self._ports[name]),
                "VRS_TOKEN_PUBLIC_KEY_FILE": str(secrets.token_public_key),
                "VRS_TOKEN_ISSUER": TOKEN_ISSUER,
                "VRS_TOKEN_AUDIENCE": TOKEN_AUDIENCE,
                "VRS_BLIND_INDEX_KEY_FILE": str(secrets.blind_index_key),
                "VRS_SSN_VAULT_KEYS_FILE": str(secrets.ssn_vault_keys),
                "VRS_SSN_VAULT_ACTIVE_KEY_ID": secrets.active_vault_key_id,
                "VRS_EXPORT_KEYS_FILE": str(secrets.export_keys),
                "VRS_EXPORT_ACTIVE_KEY_ID": secrets.active_export_key_id,
                "VRS_MVD_SEAL_PRIVATE_KEY_FILE": str(secrets.mvd_seal_private_key),
                "VRS_FEEDS_SEAL_PRIVATE_KEY_FILE": str(secrets.feeds_seal_private_key),
                "VRS_AUDIT_CHECKPOINT_KEY_FILE": str(secrets.audit_checkpoint_private_key),
                "VRS_AUDIT_CHECKPOINT_DIR": str(self.layout.audit_checkpoints),
                "VRS_LOG_LEVEL": self.log_level,
                "XDG_RUNTIME_DIR": str(self.layout.run),
                "PYTHONUNBUFFERED": "1",
            }
        )
        if "matching" in self._specs:
            env["VRS_MATCHING_URL"] = self.url("matching")
        if "records-requests" in self._specs:
            env["VRS_RECORDS_REQUESTS_URL"] = self.url("records-requests")
        if "audit" in self._specs:
            # Every request's account check (docs/adr/0026); the generous timeout is for a
            # laptop or test machine under load, production keeps the short default.
            env["VRS_ACCOUNTS_URL"] = self.url("audit")
            env["VRS_ACCOUNTS_TIMEOUT_SECONDS"] = "10"
            # Sign-in tokens: audit signs them, every service takes its keys from the JWKS
            # (docs/adr/0027); `vrs token`'s development tokens still verify with the fixed key.
            env["VRS_TOKEN_JWKS_URL"] = self.url("audit") + "/.well-known/jwks.json"
            env["VRS_AUDIT_TOKEN_KEY_FILE"] = str(secrets.audit_token_private_key)
        env.update(self._extra_env)
        return env

    # --- whole-stack life cycle ----------------------------------------------------------

    def start(self) -> Self:
        """Secrets, PostgreSQL and the ``vrs`` database, the broker and its topics, then the
        services' migrations (side by side: each touches only its own schema), then every
        service; returns once every ``/healthz`` answers 200 (and, on the first start of a
        folder that asks for it, once the demo data is loaded).

        On any failure everything already started is stopped again and the error raised:
        :class:`ServiceFailedError` names the service and ends with the tail of its log.
        """
        if self._started:
            raise StackError(f"the stack of {self.data_dir} is already started")
        self.layout.create()
        self._clear_leftovers()
        self._check_ports_free()
        try:
            new_folder = not SecretFiles(self.layout.secrets).blind_index_key.exists()
            self._secrets = ensure_secrets(self.layout.secrets)
            demo_due = self._demo_marker.due(new_folder=new_folder, wanted=self.demo_data)
            self._start_database()
            self._start_broker()
            log.info("creating topics on %s", self.bootstrap_servers)
            ensure_topics(self.bootstrap_servers, catalog_topics())
            log.info("migrating %s", ", ".join(self._specs))
            run_all_to_completion(
                [
                    ManagedProcess(
                        name,
                        spec.command("migrate"),
                        env=self.service_env(name),
                        log_path=self.log_path(name),
                    )
                    for name, spec in self._specs.items()
                ],
                self.migrate_timeout,
            )
            for name, spec in self._specs.items():
                self._processes[name] = ManagedProcess(
                    name,
                    spec.command("serve"),
                    env=self.service_env(name),
                    log_path=self.log_path(name),
                    probe=_health_probe(self.url(name)),
                )
            log.info("starting %s", ", ".join(self._processes))
            for process in self._processes.values():
                process.start(action="serve")
            self._write_info()
            wait_all_ready(list(self._processes.values()), self.ready_timeout)
            if demo_due:
                load_demo_data(self.layout, env=self._command_env(), timeout=self.migrate_timeout)
                self._demo_marker.mark_loaded()
        except BaseException:
            self._shutdown(quiet=True)
            raise
        self._started = True
        log.info("stack ready")
        return self

    def stop(self) -> None:
        """Stop the services (SIGTERM, SIGKILL after ``stop_timeout``), the broker, PostgreSQL.
        Safe to call more than once, and on a stack whose start failed."""
        self._shutdown(quiet=False)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # --- one service at a time (fault tests) ----------------------------------------------

    def is_running(self, name: str) -> bool:
        """Whether the service's process runs (not whether it is healthy)."""
        process = self._processes.get(self._spec(name).name)
        return process is not None and process.running

    def is_healthy(self, name: str) -> bool:
        """Whether the service's ``/healthz`` answers 200 now."""
        return http_ok(self.url(name) + "/healthz")

    def exited(self) -> dict[str, int]:
        """Services whose process has ended, with their exit status (negative: signal)."""
        return {
            name: code
            for name, process in self._processes.items()
            if (code := process.returncode) is not None
        }

    def kill_service(self, name: str) -> None:
        """SIGKILL a service, as a crash would (no graceful shutdown), and reap it."""
        self._process(name).kill()

    def stop_service(self, name: str, timeout: float | None = None) -> int | None:
        """Stop a service gracefully (SIGTERM, then SIGKILL); its exit status."""
        return self._process(name).stop(self.stop_timeout if timeout is None else timeout)

    def start_service(self, name: str) -> None:
        """Start a stopped or killed service again and wait until it is healthy
        (:class:`StackError` if it runs already)."""
        process = self._process(name)
        if process.running:
            raise StackError(f"{name} is already running (pid {process.pid})")
        process.start(action="serve")
        self._write_info()
        process.wait_ready(self.ready_timeout)

    # --- internals -----------------------------------------------------------------------

    def _spec(self, name: str) -> ServiceSpec:
        try:
            return self._specs[name]
        except KeyError:
            raise StackError(
                f"no service named {name!r} (known: {', '.join(self._specs)})"
            ) from None

    def _process(self, name: str) -> ManagedProcess:
        self._spec(name)
        if name not in self._processes:
            raise StackError(f"{name} was never started: start the stack first")
        return self._processes[name]

    def _command_env(self) -> dict[str, str]:
        """The environment of a ``vrs`` command run against this stack: this process's, minus
        any ``VRS_*`` variable, so that it finds everything in the data folder."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("VRS_")}
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def _start_database(self) -> None:
        if self._database is not None:
            self._database_url = self._database
            return
        log.info("starting PostgreSQL in %s", self.layout.pg)
        self._postgres = EmbeddedPostgres(self.layout.pg, runtime_dir=self.layout.run)
        admin_url = self._postgres.start()
        ensure_database(admin_url, DATABASE_NAME)
        self._database_url = self._postgres.url(DATABASE_NAME)

    def _start_broker(self) -> None:
        if self._kafka is not None:
            self._bootstrap_servers = self._kafka
            return
        log.info("starting the broker on %s:%d", self.host, self.broker_port)
        env = {key: value for key, value in os.environ.items() if not key.startswith("VRS_")}
        self._broker = TansuBroker(
            self.broker_port, self.layout.log(BROKER), env=env, host=self.host
        )
        self._broker.start(timeout=self.ready_timeout)
        self._bootstrap_servers = self._broker.bootstrap_servers

    def _check_ports_free(self) -> None:
        wanted = dict(self._ports)
        if self._kafka is None:
            wanted[BROKER] = self.broker_port
        busy = [f"{port} ({name})" for name, port in wanted.items() if port_in_use(port, self.host)]
        if busy:
            raise StackError(
                f"already in use on {self.host}: {', '.join(busy)}. Is another stack running "
                "(`vrs status`)? Choose other ports or stop it."
            )

    def _clear_leftovers(self) -> None:
        """Refuse to start next to a live stack of the same folder; stop what a killed run left."""
        info = read_info(self.layout.stack_file)
        if info is None:
            return
        if info.owner_pid != os.getpid() and info.owner_alive():
            raise StackError(
                f"a stack of {self.data_dir} already runs (pid {info.owner_pid}): stop it first "
                f"(or delete {self.layout.stack_file} if no such stack runs)"
            )
        for name, record in info.processes.items():
            if terminate_leftover(record.pid, record.argv):
                log.warning("stopped %s (pid %d) left running by an earlier run", name, record.pid)
        self.layout.stack_file.unlink(missing_ok=True)

    def _write_info(self) -> None:
        processes = {
            name: ProcessRecord(pid=process.pid, argv=process.argv)
            for name, process in self._processes.items()
            if process.pid is not None
        }
        if self._broker is not None and self._broker.process is not None:
            broker = self._broker.process
            if broker.pid is not None:
                processes[BROKER] = ProcessRecord(pid=broker.pid, argv=broker.argv)
        write_info(
            self.layout.stack_file,
            StackInfo(
                owner_pid=os.getpid(),
                owner_cmdline=process_cmdline(os.getpid()),
                urls={name: self.url(name) for name in self._specs},
                bootstrap_servers=self.bootstrap_servers,
                database_url=self.database_url,
                processes=processes,
            ),
        )

    def _shutdown(self, *, quiet: bool) -> None:
        problems: list[str] = []
        processes = list(self._processes.values())
        if processes:
            log.info("stopping the services")
            with ThreadPoolExecutor(max_workers=len(processes)) as pool:
                for process, outcome in zip(
                    processes,
                    pool.map(lambda p: _attempt(lambda: p.stop(self.stop_timeout)), processes),
                    strict=True,
                ):
                    if outcome:
                        problems.append(f"{process.name}: {outcome}")
        self._processes = {}
        if self._broker is not None:
            log.info("stopping the broker")
            broker, self._broker = self._broker, None
            if outcome := _attempt(lambda: broker.stop(self.stop_timeout)):
                problems.append(f"broker: {outcome}")
        if self._postgres is not None:
            log.info("stopping PostgreSQL")
            postgres, self._postgres = self._postgres, None
            if outcome := _attempt(postgres.stop):
                problems.append(f"PostgreSQL: {outcome}")
        info = read_info(self.layout.stack_file)
        if info is not None and info.owner_pid == os.getpid():
            self.layout.stack_file.unlink(missing_ok=True)
        self._started = False
        self._database_url = None
        self._bootstrap_servers = None
        if problems and not quiet:
            raise StackError("the stack did not stop cleanly: " + "; ".join(problems))


def _health_probe(base_url: str) -> Probe:
    """Whether the service at ``base_url`` answers 200 on ``/healthz``."""
    url = base_url + "/healthz"
    return lambda: http_ok(url)


def _attempt(action: Callable[[], object]) -> str | None:
    """Run ``action``; None if it worked, else a one-line description of why not."""
    try:
        action()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None
