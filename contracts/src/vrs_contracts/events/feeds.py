"""What the list-maintenance feeds publish (1.10.35.9 A(1), D, E, F, G): one event per record.

The producers are the Secretary of State's feed gateways: the department of health's death
lists and the notarized lists of tribes and pueblos, felony incarcerations from the courts,
corrections and justice, other states' registration notices, and the NCOA vendor's
change-of-address records. Each event carries the columns of its bulk file (DESIGN.md, "Bulk
file columns"), so a record reads the same whether it came by file or by event. A full SSN
never crosses Kafka in clear: it is sealed to matching's key (scheme ``vrs-seal-v1``, see
``SealedValue``) with the event's ``report_id`` as associated data, and opens only in matching,
which keeps its blind index and last four digits.
"""

from datetime import date
from enum import StrEnum
from typing import ClassVar

from pydantic import Field

from vrs_contracts.base import Event
from vrs_contracts.counties import County
from vrs_contracts.sealed import SealedValue

REPORT_ID_DESCRIPTION = (
    "The producer's id of this record; the message key. It is also the associated data of a "
    "sealed SSN. A redelivery of the same record is stored once whatever its id."
)
NAME_LENGTH = 100
SUFFIX_LENGTH = 10
ADDRESS_LENGTH = 200
STATE_PATTERN = r"^[A-Z]{2}$"
ZIP_PATTERN = r"^\d{5}(-?\d{4})?$"


class DeathSource(StrEnum):
    """Who reported a death: ``doh``, the department of health's list of deceased voters
    (1.10.35.9 E(1)); ``tribal``, the notarized list of a tribe or pueblo (1.10.35.9 F(1))."""

    doh = "doh"
    tribal = "tribal"


class FelonySource(StrEnum):
    """Who reported a felony incarceration (1.10.35.9 D(1)): ``courts``, the administrative
    office of the courts; ``corrections``, the department of corrections; ``justice``, the
    department of justice; ``other``, another legally recognized source."""

    courts = "courts"
    corrections = "corrections"
    justice = "justice"
    other = "other"


class DeathReported(Event):
    """A death, from the DOH list (1.10.35.9 E(1)) or a tribe's or pueblo's notarized list (F)."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.feed.death_reported.v1"

    report_id: str = Field(min_length=1, max_length=64, description=REPORT_ID_DESCRIPTION)
    first_name: str = Field(min_length=1, max_length=NAME_LENGTH, description="Given name.")
    middle_name: str | None = Field(
        default=None, max_length=NAME_LENGTH, description="Middle name or initial."
    )
    last_name: str = Field(min_length=1, max_length=NAME_LENGTH, description="Surname.")
    suffix: str | None = Field(
        default=None, max_length=SUFFIX_LENGTH, description="Generational suffix (Jr, Sr, III)."
    )
    date_of_birth: date = Field(description="Date of birth.")
    ssn: SealedValue | None = Field(
        default=None,
        description="The full SSN, sealed to matching's key (scheme vrs-seal-v1); null when the list has none.",
    )
    date_of_death: date = Field(description="Date of death; not before the date of birth.")
    county: County | None = Field(
        default=None, description="County of residence, when the list gives one."
    )
    source: DeathSource = Field(description="doh (E(1)) or tribal (F(1)).")


class FelonyIncarcerationReported(Event):
    """A state or federal felony incarceration (1.10.35.9 D(1))."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.feed.felony_incarceration_reported.v1"

    report_id: str = Field(min_length=1, max_length=64, description=REPORT_ID_DESCRIPTION)
    first_name: str = Field(min_length=1, max_length=NAME_LENGTH, description="Given name.")
    middle_name: str | None = Field(
        default=None, max_length=NAME_LENGTH, description="Middle name or initial."
    )
    last_name: str = Field(min_length=1, max_length=NAME_LENGTH, description="Surname.")
    suffix: str | None = Field(
        default=None, max_length=SUFFIX_LENGTH, description="Generational suffix (Jr, Sr, III)."
    )
    date_of_birth: date = Field(description="Date of birth.")
    ssn: SealedValue | None = Field(
        default=None,
        description="The full SSN, sealed to matching's key (scheme vrs-seal-v1); null when the record has none.",
    )
    facility: str | None = Field(
        default=None, max_length=ADDRESS_LENGTH, description="The correctional facility."
    )
    incarcerated_on: date = Field(
        description="Date the incarceration began; not before the date of birth."
    )
    source: FelonySource = Field(description="courts, corrections, justice or other.")


class OtherStateRegistrationReported(Event):
    """Another state notifies that a voter registered there (1.10.35.9 G)."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.feed.other_state_registration_reported.v1"

    report_id: str = Field(min_length=1, max_length=64, description=REPORT_ID_DESCRIPTION)
    first_name: str = Field(min_length=1, max_length=NAME_LENGTH, description="Given name.")
    middle_name: str | None = Field(
        default=None, max_length=NAME_LENGTH, description="Middle name or initial."
    )
    last_name: str = Field(min_length=1, max_length=NAME_LENGTH, description="Surname.")
    suffix: str | None = Field(
        default=None, max_length=SUFFIX_LENGTH, description="Generational suffix (Jr, Sr, III)."
    )
    date_of_birth: date = Field(description="Date of birth.")
    ssn_last4: str | None = Field(
        default=None, pattern=r"^\d{4}$", description="Last four digits of the SSN, if given."
    )
    state: str = Field(
        pattern=STATE_PATTERN,
        description="Two-letter code of the state the voter registered in (not NM).",
        examples=["AZ"],
    )
    registered_on: date = Field(description="Date of the registration in that state.")


class ChangeOfAddressReported(Event):
    """A change of address from the national change of address program (1.10.35.9 A(1))."""

    event_type: ClassVar[str] = "gov.nm.sos.vrs.feed.change_of_address_reported.v1"

    report_id: str = Field(min_length=1, max_length=64, description=REPORT_ID_DESCRIPTION)
    first_name: str = Field(min_length=1, max_length=NAME_LENGTH, description="Given name.")
    last_name: str = Field(min_length=1, max_length=NAME_LENGTH, description="Surname.")
    old_street: str = Field(
        min_length=1, max_length=ADDRESS_LENGTH, description="Street line moved from."
    )
    old_city: str | None = Field(default=None, max_length=NAME_LENGTH, description="City.")
    old_zip: str = Field(pattern=ZIP_PATTERN, description="ZIP or ZIP+4 moved from.")
    new_street: str | None = Field(
        default=None, max_length=ADDRESS_LENGTH, description="Street line moved to."
    )
    new_city: str | None = Field(default=None, max_length=NAME_LENGTH, description="City.")
    new_state: str | None = Field(
        default=None, pattern=STATE_PATTERN, description="Two-letter state code moved to."
    )
    new_zip: str | None = Field(
        default=None, pattern=ZIP_PATTERN, description="ZIP or ZIP+4 moved to."
    )
    move_date: date = Field(description="Date of the move.")
