"""Value objects about a person that several events share. None of them holds a full SSN."""

from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints

from vrs_contracts.base import Contract


class PersonName(Contract):
    """A name as written on the certificate of registration."""

    first_name: str = Field(description="Given name.", examples=["Maria"])
    middle_name: str | None = Field(default=None, description="Middle name or initial.")
    last_name: str = Field(
        description="Surname; Hispanic double surnames are kept whole.", examples=["Garcia Lopez"]
    )
    suffix: str | None = Field(default=None, description="Generational suffix (Jr, Sr, III).")


class Address(Contract):
    """A postal or physical address (1.10.35.7 Q, T, W)."""

    street: str | None = Field(default=None, description="Street line.", examples=["100 Main St"])
    city: str | None = Field(default=None, description="City.", examples=["Santa Fe"])
    state: str | None = Field(default=None, description="Two-letter state code.", examples=["NM"])
    zip: str | None = Field(default=None, description="ZIP or ZIP+4.", examples=["87501"])
    non_standard_description: str | None = Field(
        default=None,
        description="A map or geographic description of a residence with no standard address (1.10.35.7 T, W).",
    )


class SsnReference(Contract):
    """How events refer to an SSN: a keyed blind index for equality, the last four for display."""

    blind_index: str | None = Field(
        default=None,
        description="Keyed HMAC of the full SSN (hex); equal SSNs give equal indexes. Null when only the last four are known.",
    )
    last4: str | None = Field(
        default=None, pattern=r"^\d{4}$", description="Last four digits of the SSN."
    )
    near_indexes: tuple[Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")], ...] = Field(
        default=(),
        max_length=9,
        description="Keyed HMACs (64 bits, hex, sorted) of the SSN with one digit left out "
        "(vrs_plumbing.blind_index.ssn_near_indexes): two SSNs apart by one mistyped digit or two "
        "swapped neighbours share one. Empty when the full SSN is not known to the producer.",
    )


class Registrant(Contract):
    """The identity of an applicant or voter as matching needs it (never party, never full SSN)."""

    name: PersonName = Field(description="The person's name.")
    date_of_birth: date = Field(description="Date of birth.")
    ssn: SsnReference = Field(description="The SSN, by reference only.")
    residence_address: Address = Field(description="Physical address where the person lives.")
