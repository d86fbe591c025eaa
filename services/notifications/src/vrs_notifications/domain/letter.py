"""What a letter is made of: its recipient and the facts its template states. Nothing else.

A letter holds only what its recipient needs: the recipient's own name and address, the reasons
and directions its clause requires. No SSN (not even the last four: no notice needs them), no
date of birth, no other person's data: the service never receives an SSN, and a letter is built
from one notice only.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from vrs_contracts.counties import County
from vrs_contracts.people import Address, PersonName
from vrs_contracts.vocabulary import Language
from vrs_notifications.domain.catalog import NoticeType


@dataclass(frozen=True)
class Recipient:
    """Who a notice goes to, and where."""

    name: PersonName | None
    mailing_address: Address | None
    email: str | None

    @property
    def full_name(self) -> str | None:
        """The name as it goes on the envelope."""
        if self.name is None:
            return None
        parts = (self.name.first_name, self.name.middle_name, self.name.last_name, self.name.suffix)
        return " ".join(part for part in parts if part)

    def address_lines(self) -> list[str]:
        """The envelope's lines: name, street, city state zip (or the place's description)."""
        lines = [self.full_name] if self.full_name else []
        address = self.mailing_address
        if address is not None:
            if address.street:
                lines.append(address.street)
            elif address.non_standard_description:
                lines.append(address.non_standard_description)
            city_line = " ".join(
                part
                for part in (
                    f"{address.city}," if address.city else None,
                    address.state,
                    address.zip,
                )
                if part
            )
            if city_line:
                lines.append(city_line)
        return lines

    @property
    def mailable(self) -> bool:
        """A letter can be addressed: a street or a described place."""
        address = self.mailing_address
        return address is not None and bool(address.street or address.non_standard_description)


@dataclass(frozen=True)
class LetterFacts:
    """Everything a notice's template may state."""

    notice_id: UUID
    notice_type: NoticeType
    clause: str
    language: Language
    county: County
    recipient: Recipient
    written_on: date
    reasons: tuple[str, ...] = ()
    details: Mapping[str, str] = field(default_factory=dict)
