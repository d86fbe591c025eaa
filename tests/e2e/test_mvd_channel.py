"""MVD electronic registrations through the running system (1.10.35.8 B, E): the test is the MVD."""

import asyncio
import json
import uuid
from datetime import date
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer

from tests.e2e.conftest import Client, wait_until
from tests.e2e.kafka import read_all
from vrs_cli.example import synthetic_ssn
from vrs_contracts.envelope import envelope
from vrs_contracts.events import MvdRegistrationSubmitted
from vrs_contracts.people import Address, PersonName
from vrs_contracts.topics import APPLICATIONS, MVD_REGISTRATIONS
from vrs_embedded.stack import Stack
from vrs_plumbing.sealing import new_seal_keypair, seal

pytestmark = pytest.mark.e2e
HOME = Address(street="21 Paseo de Peralta", city="Santa Fe", state="NM", zip="87501")


def registration(
    stack: Stack, submitted_ssns: set[str], *, sealed_to: bytes | None = None, **changes: Any
) -> MvdRegistrationSubmitted:
    """A synthetic MVD transaction with its SSN sealed to registration (or to ``sealed_to``)."""
    ssn = synthetic_ssn()
    submitted_ssns.add(ssn)
    transaction = f"mvd-{uuid.uuid4().hex[:12]}"
    public_key = sealed_to or stack.secrets.mvd_seal_public_key.read_bytes()
    fields: dict[str, Any] = {
        "mvd_transaction_id": transaction, "mvd_id": f"NM{uuid.uuid4().int % 10**9:09d}", "county": "santa_fe",
        "name": PersonName(first_name="Marisol", last_name=f"Mvd{uuid.uuid4().hex[:8]}"),
        "date_of_birth": date(1985, 4, 12), "ssn": seal(public_key, ssn, associated_data=transaction, key_id="dev"),
        "gender": "F", "residence_address": HOME, "citizen": True, "age_18_or_over": True,
        "signature_ref": "mvd://sig/1", "photo_ref": "mvd://photo/1",
    }  # fmt: skip
    return MvdRegistrationSubmitted(**{**fields, **changes})


def publish(stack: Stack, *registrations: MvdRegistrationSubmitted) -> None:
    async def send() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=stack.bootstrap_servers, acks="all")
        await producer.start()
        try:
            for item in registrations:
                event = envelope(item, source="/mvd", correlation_id=uuid.uuid4())
                await producer.send_and_wait(
                    MVD_REGISTRATIONS.name,
                    event.model_dump_json().encode(),
                    key=item.mvd_transaction_id.encode(),
                )
        finally:
            await producer.stop()

    asyncio.run(send())


def decisions_for(stack: Stack, last_name: str) -> list[dict[str, Any]]:
    """The accepted/rejected events of applications of that surname."""
    found = []
    for _topic, value, _headers in read_all(stack.bootstrap_servers, [APPLICATIONS.name]):
        data = json.loads(value)["data"]
        name = (data.get("registrant") or {}).get("name") or data.get("name") or {}
        if name.get("last_name") == last_name:
            found.append(data)
    return found


def test_a_complete_mvd_registration_becomes_an_active_voter_once_even_if_redelivered(
    stack: Stack, clerk: Client, submitted_ssns: set[str]
) -> None:
    item = registration(stack, submitted_ssns)
    publish(stack, item, item)
    last_name = item.name.last_name
    decided = wait_until(lambda: decisions_for(stack, last_name))
    assert [(d["channel"], d["decision"]) for d in decided] == [("mvd", "accepted")]
    application = wait_until(
        lambda: (
            (a := clerk.http.get(f"/v1/applications/{decided[0]['application_id']}").json())[
                "voter_id"
            ]
            and a
        )
    )
    voter = clerk.http.get(f"/v1/voters/{application['voter_id']}").json()
    assert (voter["status"], voter["last_name"]) == ("active", last_name)


@pytest.mark.parametrize(
    ("changes", "decision", "reason"),
    [
        (
            {
                "residence_address": Address(
                    non_standard_description="Blue trailer past the arroyo, County Rd 12"
                )
            },
            "suspense",
            "incomplete_application",
        ),
        ({"citizen": False}, "rejected", "non_citizen"),
        ({"date_of_birth": date(2010, 6, 1)}, "suspense", "under_age"),
    ],
)
def test_an_mvd_registration_is_decided_by_the_same_rules(
    stack: Stack, submitted_ssns: set[str], changes: dict[str, Any], decision: str, reason: str
) -> None:
    item = registration(stack, submitted_ssns, **changes)
    publish(stack, item)
    decided = wait_until(lambda: decisions_for(stack, item.name.last_name))
    assert decided[0].get("decision", "rejected") == decision
    assert reason in (decided[0].get("rejection_reasons") or [decided[0].get("status_reason")])


def test_an_ssn_sealed_to_another_key_goes_to_the_dead_letter_topic_with_its_origin(
    stack: Stack, submitted_ssns: set[str]
) -> None:
    item = registration(stack, submitted_ssns, sealed_to=new_seal_keypair()[1])
    publish(stack, item)

    def dead_letter() -> dict[str, str] | None:
        for _topic, value, headers in read_all(stack.bootstrap_servers, [MVD_REGISTRATIONS.dlq]):
            if item.mvd_transaction_id.encode() in value:
                return {k: v.decode() for k, v in headers.items()}
        return None

    headers = wait_until(dead_letter, timeout=60)
    assert headers["x-dlq-origin-topic"] == MVD_REGISTRATIONS.name
    assert headers["x-dlq-consumer"] == "registration-mvd"
    assert "SealError" in headers["x-dlq-error"]
