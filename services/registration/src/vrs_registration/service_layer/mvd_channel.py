"""MVD electronic registrations (1.10.35.8 B, E): consumed from Kafka, decided like any form.

The MVD has verified the applicant against its database (B), so no identity check is needed;
the same rules apply (E(1): processed as described in A), and the same events follow. The SSN
arrives sealed to registration; it is opened here, vaulted, and never leaves again.
"""

from pathlib import Path

from vrs_contracts.api.registration import AddressForm, ApplicationForm
from vrs_contracts.envelope import CloudEvent
from vrs_contracts.events import MvdRegistrationSubmitted
from vrs_contracts.people import Address
from vrs_contracts.vocabulary import Channel, Role
from vrs_plumbing.auth import Principal
from vrs_plumbing.db import Connection
from vrs_plumbing.messaging import EventHandler
from vrs_plumbing.sealing import open_sealed
from vrs_registration.adapters.vault import SsnVault
from vrs_registration.service_layer.intake import submit_application

MVD_SYSTEM = Principal(subject="system:mvd", role=Role.mvd_system, county=None)


class MvdSealKeyMissingError(RuntimeError):
    """Registration was started without the key that opens MVD-sealed SSNs."""


def form_of(registration: MvdRegistrationSubmitted, ssn: str) -> ApplicationForm:
    """The certificate of registration an MVD transaction amounts to."""
    return ApplicationForm(
        channel=Channel.mvd,
        county=registration.county,
        first_name=registration.name.first_name,
        middle_name=registration.name.middle_name,
        last_name=registration.name.last_name,
        suffix=registration.name.suffix,
        date_of_birth=registration.date_of_birth,
        ssn=ssn,
        mvd_id=registration.mvd_id,
        gender=registration.gender,
        residence_address=_address(registration.residence_address),
        mailing_address=_address(registration.mailing_address),
        citizen=registration.citizen,
        age_18_or_over=registration.age_18_or_over,
        party=registration.party,
        signature_present=registration.signature_ref is not None,
        email=registration.email,
        phone=registration.phone,
        language=registration.language,
    )


def _address(address: Address | None) -> AddressForm | None:
    return None if address is None else AddressForm.model_validate(address.model_dump())


def mvd_registration_handler(
    vault: SsnVault, index_key: bytes, seal_key_file: Path | None
) -> EventHandler:
    """The handler of ``MvdRegistrationSubmitted``: one application per MVD transaction id.

    The key is read once, here: a wrong path fails the service's start, not every message.
    """
    seal_key = seal_key_file.read_bytes() if seal_key_file is not None else None

    async def accept_mvd_registration(
        conn: Connection, event: CloudEvent[MvdRegistrationSubmitted]
    ) -> None:
        if seal_key is None:
            raise MvdSealKeyMissingError("VRS_MVD_SEAL_PRIVATE_KEY_FILE is not set")
        registration = event.data
        ssn = open_sealed(
            seal_key,
            registration.ssn,
            associated_data=registration.mvd_transaction_id,
        )
        await submit_application(
            conn,
            form_of(registration, ssn),
            principal=MVD_SYSTEM,
            idempotency_key=f"mvd:{registration.mvd_transaction_id}",
            correlation_id=event.correlation_id,
            vault=vault,
            index_key=index_key,
            images={
                "signature_ref": registration.signature_ref,
                "photo_ref": registration.photo_ref,
            },
        )

    return accept_mvd_registration
