"""The whole stack with real PostgreSQL and a real broker, and stand-in services."""

import json
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

import httpx
import psycopg
import pytest

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_embedded import ServiceFailedError, ServiceSpec, Stack, StackError
from vrs_embedded.broker import catalog_topics, topic_partitions
from vrs_embedded.ports import port_in_use
from vrs_embedded.secrets import TOKEN_AUDIENCE, TOKEN_ISSUER
from vrs_embedded.state import read_info
from vrs_plumbing.auth import TokenVerifier


def _get_json(url: str) -> dict[str, str]:
    answer = httpx.get(url, timeout=5, trust_env=False)
    answer.raise_for_status()
    loaded: dict[str, str] = answer.json()
    return loaded


def _schemas(database_url: str) -> set[str]:
    with psycopg.connect(database_url) as connection:
        rows = connection.execute("SELECT schema_name FROM information_schema.schemata").fetchall()
    return {row[0] for row in rows}


def test_the_stack_runs_services_with_the_full_configuration_and_restarts_a_killed_one(
    data_dir: Path, fake_services: Sequence[ServiceSpec]
) -> None:
    with Stack.with_free_ports(data_dir, services=fake_services, log_level="DEBUG") as stack:
        assert stack.started
        assert stack.services == ("alpha", "matching")
        assert all(stack.is_healthy(name) for name in stack.services)
        assert stack.database_url.startswith("postgresql://")
        assert "/vrs?" in stack.database_url
        assert {"fake_alpha", "fake_matching"} <= _schemas(stack.database_url)
        found = topic_partitions(stack.bootstrap_servers, catalog_topics())
        assert found == catalog_topics()

        env = _get_json(stack.url("alpha") + "/env")
        secrets = data_dir / "secrets"
        assert env == {
            "VRS_DATABASE_URL": stack.database_url,
            "VRS_KAFKA_BOOTSTRAP_SERVERS": stack.bootstrap_servers,
            "VRS_HTTP_HOST": "127.0.0.1",
            "VRS_HTTP_PORT": str(stack.ports["alpha"]),
            "VRS_TOKEN_PUBLIC_KEY_FILE": str(secrets / "token-issuer.pub.pem"),
            "VRS_TOKEN_ISSUER": "vrs-dev",
            "VRS_TOKEN_AUDIENCE": "vrs",
            "VRS_BLIND_INDEX_KEY_FILE": str(secrets / "blind-index.key"),
            "VRS_SSN_VAULT_KEYS_FILE": str(secrets / "ssn-vault-keys.json"),
            "VRS_SSN_VAULT_ACTIVE_KEY_ID": "dev-1",
            "VRS_MVD_SEAL_PRIVATE_KEY_FILE": str(secrets / "mvd-seal.pem"),
            "VRS_FEEDS_SEAL_PRIVATE_KEY_FILE": str(secrets / "feeds-seal.pem"),
            "VRS_AUDIT_CHECKPOINT_KEY_FILE": str(secrets / "audit-checkpoint.pem"),
            "VRS_AUDIT_CHECKPOINT_DIR": str(data_dir / "audit-checkpoints"),
            "VRS_EXPORT_KEYS_FILE": str(secrets / "export-keys.json"),
            "VRS_EXPORT_ACTIVE_KEY_ID": "dev-1",
            "VRS_MATCHING_URL": stack.url("matching"),
            "VRS_LOG_LEVEL": "DEBUG",
            "XDG_RUNTIME_DIR": str(data_dir / "run"),
        }

        verifier = TokenVerifier(
            Path(env["VRS_TOKEN_PUBLIC_KEY_FILE"]).read_bytes(),
            issuer=TOKEN_ISSUER,
            audience=TOKEN_AUDIENCE,
        )
        principal = verifier.verify(stack.token(Role.county_clerk, County.santa_fe))
        assert (principal.role, principal.county) == (Role.county_clerk, County.santa_fe)
        assert stat.S_IMODE(stack.secrets.token_private_key.stat().st_mode) == 0o600

        info = read_info(data_dir / "run" / "stack.json")
        assert info is not None
        assert info.owner_pid == os.getpid()
        assert info.urls == {name: stack.url(name) for name in stack.services}

        stack.kill_service("alpha")
        assert not stack.is_running("alpha")
        assert not stack.is_healthy("alpha")
        assert stack.exited() == {"alpha": -9}
        assert stack.is_healthy("matching")

        stack.start_service("alpha")
        assert stack.is_running("alpha")
        assert stack.is_healthy("alpha")
        with pytest.raises(StackError, match="already running"):
            stack.start_service("alpha")

        log = stack.log_path("alpha").read_text()
        assert stack.log_path("alpha") == data_dir / "logs" / "alpha.log"
        assert re.findall(r"===== \S+ alpha (\w+):", log) == ["migrate", "serve", "serve"]
        assert (data_dir / "logs" / "broker.log").exists()
        ports = [*stack.ports.values()]

    assert not stack.started
    assert not any(port_in_use(port) for port in ports)
    assert not (data_dir / "run" / "stack.json").exists()
    assert "alpha: SIGTERM, stopping" in stack.log_path("alpha").read_text()
    assert not (data_dir / "pg" / "postmaster.pid").exists(), "PostgreSQL was stopped"


def test_a_second_start_on_the_same_folder_keeps_the_secrets_and_the_data(
    data_dir: Path, fake_services: Sequence[ServiceSpec]
) -> None:
    with Stack.with_free_ports(data_dir, services=fake_services) as stack:
        with psycopg.connect(stack.database_url, autocommit=True) as connection:
            connection.execute("CREATE TABLE fake_alpha.voters (name text)")
            connection.execute("INSERT INTO fake_alpha.voters VALUES ('Sample Q Applicant')")
        secrets = {p.name: p.read_bytes() for p in (data_dir / "secrets").iterdir()}
        old_token = stack.token(Role.sos_admin)

    with Stack.with_free_ports(data_dir, services=fake_services) as stack:
        with psycopg.connect(stack.database_url) as connection:
            rows = connection.execute("SELECT name FROM fake_alpha.voters").fetchall()
        assert rows == [("Sample Q Applicant",)]
        assert {p.name: p.read_bytes() for p in (data_dir / "secrets").iterdir()} == secrets
        verifier = TokenVerifier(
            stack.secrets.token_public_key.read_bytes(),
            issuer=TOKEN_ISSUER,
            audience=TOKEN_AUDIENCE,
        )
        assert verifier.verify(old_token).role == Role.sos_admin
        found = topic_partitions(stack.bootstrap_servers, catalog_topics())
        assert found == catalog_topics(), "the broker starts empty; the topics are made again"


def test_a_service_that_dies_at_start_fails_the_stack_by_name_and_everything_is_stopped(
    data_dir: Path, fake_services: Sequence[ServiceSpec]
) -> None:
    stack = Stack.with_free_ports(
        data_dir, services=fake_services, extra_env={"FAKE_DIE_ON_SERVE": "matching"}
    )

    with pytest.raises(ServiceFailedError) as failure:
        stack.start()

    assert failure.value.service == "matching"
    assert str(failure.value).startswith("matching exited with status 4 before it was ready")
    assert "cannot reach the widget store" in str(failure.value)
    assert not stack.started
    assert not port_in_use(stack.ports["alpha"])
    assert not port_in_use(int(stack.bootstrap_servers.rsplit(":", 1)[1]))
    assert not (data_dir / "pg" / "postmaster.pid").exists()
    stack.stop()  # stopping a stack whose start failed is harmless


def test_a_failed_migration_fails_the_stack_naming_the_service(
    data_dir: Path, fake_services: Sequence[ServiceSpec]
) -> None:
    stack = Stack.with_free_ports(
        data_dir, services=fake_services, extra_env={"FAKE_FAIL_MIGRATE": "matching"}
    )

    with pytest.raises(ServiceFailedError, match=r"^matching `migrate` failed with exit status 3"):
        stack.start()
    assert not (data_dir / "pg" / "postmaster.pid").exists()


def test_a_port_already_in_use_is_refused_before_anything_starts(
    data_dir: Path, fake_services: Sequence[ServiceSpec]
) -> None:
    with Stack.with_free_ports(data_dir / "first", services=fake_services) as first:
        second = Stack(
            data_dir / "second",
            services=fake_services,
            ports=first.ports,
            kafka=first.bootstrap_servers,
        )
        with pytest.raises(StackError, match=r"already in use on 127\.0\.0\.1: \d+ \(alpha\)"):
            second.start()
        assert not (data_dir / "second" / "pg").exists()


def test_a_stack_started_elsewhere_on_the_same_folder_is_refused(
    data_dir: Path, fake_services: Sequence[ServiceSpec]
) -> None:
    (data_dir / "run").mkdir()
    (data_dir / "run" / "stack.json").write_text(
        json.dumps(
            {
                "owner_pid": 1,
                "owner_cmdline": None,
                "urls": {},
                "bootstrap_servers": "127.0.0.1:1",
                "database_url": "postgresql://",
                "processes": {},
            }
        )
    )

    with pytest.raises(StackError, match=r"already runs \(pid 1\)"):
        Stack.with_free_ports(data_dir, services=fake_services).start()


def test_unknown_service_names_are_refused_clearly(data_dir: Path) -> None:
    with pytest.raises(ValueError, match="unknown services: nope"):
        Stack(data_dir, ports={"nope": 1})
    stack = Stack(data_dir)
    with pytest.raises(StackError, match=r"no service named 'nope'"):
        stack.url("nope")
    assert stack.url("registration") == "http://127.0.0.1:8001"
    assert stack.bootstrap_servers == "127.0.0.1:9092"
