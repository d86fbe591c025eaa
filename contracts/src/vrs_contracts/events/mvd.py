"""What MVD systems publish: electronic voter registrations (1.10.35.8 B, E).

MVD systems are the producers of this contract. The application is already verified against the
MVD database (B); it carries the MVD's signature and photo references (D(1), E(2)); its SSN is
sealed to registration's key and opens nowhere else (no full SSN crosses Kafka).
"""

from datetime import date
from typing import ClassVar

from pydantic import Field

from vrs_contracts.base import Event
from vrs_contracts.counties import County
from vrs_contracts.people import Address, PersonName
from vrs_contracts.sealed import SealedValue
from vrs_contracts.vocabulary import Language


class MvdRegistrationSubmitted(Event):
    """A person registered to vote at the MVD (or updated their registration there)."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.mvd.registration_submitted.v1"

    mvd_transaction_id: str = Field(
        min_length=1, max_length=64,
        description="The MVD's id of this transaction; a redelivery with the same id is one application. "
        "It is also the associated data of the sealed SSN.",
    )  # fmt: skip
    mvd_id: str = Field(min_length=1, max_length=20, description="Licence or state ID number.")
    county: County = Field(description="County of residence.")
    name: PersonName = Field(description="Name as on the MVD record.")
    date_of_birth: date = Field(description="Date of birth.")
    ssn: SealedValue = Field(
        description="The full SSN, sealed to registration's key (scheme vrs-seal-v1)."
    )
    gender: str | None = Field(default=None, max_length=20)
    residence_address: Address = Field(
        description="Physical address; a non-standard one needs a mailing address (F(1))."
    )
    mailing_address: Address | None = Field(
        default=None, description="Where the voter gets mail, if different."
    )
    citizen: bool | None = Field(description="Answer to the citizenship question.")
    age_18_or_over: bool | None = Field(description="Answer to the age question.")
    party: str | None = Field(
        default=None, max_length=10, description="Qualified party code, or null for none."
    )
    signature_ref: str | None = Field(
        default=None, description="Reference to the MVD's image of the signature."
    )
    photo_ref: str | None = Field(default=None, description="Reference to the MVD's photo.")
    email: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=30)
    language: Language = Field(default=Language.en)
