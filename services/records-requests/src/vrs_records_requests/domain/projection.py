"""The public voter projection: what of a voter this service may ever hold, and so ever disclose.

Built from registration's voter events only (``vrs.registration.voters.v1``). A row holds the
fields of :data:`PUBLIC_FIELDS` and nothing else: never any part of an SSN, an MVD number, the
day or month of birth (the year alone stays), a signature, an agency code, a phone number or an
e-mail address; and a voter with a confidential address (1.10.35.8 A(4), 1.10.37 NMAC) is not
in the projection at all. What the service never receives it cannot leak (DESIGN.md).

The precinct is the one the county assigned the voter to (1.10.35.9 C), as the latest
registration or update carries it; none until the county assigns one. Not carried by any voter
event, and so not in any list: precinct part, gender, voter history, early and absentee voting.
"""

from dataclasses import asdict, dataclass, replace
from datetime import date
from uuid import UUID

from vrs_contracts.events import VoterRecordUpdated, VoterRegistered, VoterStatusChanged
from vrs_contracts.people import Address

CONFIDENTIAL = "confidential"


@dataclass(frozen=True)
class PublicVoter:
    """One row of the public projection: the allowed fields of one voter, nothing more."""

    voter_id: UUID
    county: str
    precinct: str | None
    status: str
    first_name: str
    middle_name: str | None
    last_name: str
    suffix: str | None
    birth_year: int
    residence_street: str | None
    residence_city: str | None
    residence_state: str | None
    residence_zip: str | None
    mailing_street: str | None
    mailing_city: str | None
    mailing_state: str | None
    mailing_zip: str | None
    party: str
    registered_on: date

    def as_row(self) -> dict[str, object]:
        """The row as column → value, in :data:`PUBLIC_FIELDS` order."""
        return asdict(self)


PUBLIC_FIELDS: tuple[str, ...] = tuple(PublicVoter.__dataclass_fields__)
"""Every field a public row, and so an export, may hold (1.10.35.11: nothing outside the law)."""


def has_confidential_address(flag: bool | None, residence: Address) -> bool:
    """1.10.35.8 A(4): the record is marked confidential, or — from a producer that predates the
    mark — its residence reads "confidential" in place of street or city, as the clerk enters it.
    """
    if flag:
        return True
    return any(
        (part or "").strip().casefold() == CONFIDENTIAL
        for part in (residence.street, residence.city)
    )


def registered_row(event: VoterRegistered) -> PublicVoter | None:
    """The public row of a new voter; None for a voter with a confidential address (1.10.37)."""
    if has_confidential_address(event.confidential_address, event.registrant.residence_address):
        return None
    return _public_row(
        event, status=event.status.value, party=event.party, registered_on=event.registered_on
    )


def updated_row(event: VoterRecordUpdated, before: PublicVoter | None) -> PublicVoter | None:
    """The public row after an update or transfer (1.10.35.8 A(1)) or the county's precinct
    assignment (1.10.35.9 C); None when the voter now has a confidential address, or when
    nothing is known of it yet (its status, party and date of registration come only with its
    registration; an update never invents them). The update carries the whole record, so its
    precinct, none included, is the voter's now (a move leaves the voter unassigned)."""
    residence = event.registrant.residence_address
    if before is None or has_confidential_address(event.confidential_address, residence):
        return None
    return _public_row(
        event,
        status=before.status,
        party=event.party or before.party,
        registered_on=before.registered_on,
    )


def _public_row(
    event: VoterRegistered | VoterRecordUpdated, *, status: str, party: str, registered_on: date
) -> PublicVoter:
    """The allowed fields of the voter an event states, and nothing else."""
    name = event.registrant.name
    residence = event.registrant.residence_address
    mailing = event.mailing_address or residence
    return PublicVoter(
        voter_id=event.voter_id,
        county=event.county.value,
        precinct=event.precinct,
        status=status,
        first_name=name.first_name,
        middle_name=name.middle_name,
        last_name=name.last_name,
        suffix=name.suffix,
        birth_year=event.registrant.date_of_birth.year,
        residence_street=residence.street,
        residence_city=residence.city,
        residence_state=residence.state,
        residence_zip=residence.zip,
        mailing_street=mailing.street,
        mailing_city=mailing.city,
        mailing_state=mailing.state,
        mailing_zip=mailing.zip,
        party=party,
        registered_on=registered_on,
    )


def status_changed_row(event: VoterStatusChanged, before: PublicVoter | None) -> PublicVoter | None:
    """The public row after a status change: only status and county move; a voter unknown to
    the projection (confidential, or not yet registered here) stays unknown."""
    if before is None:
        return None
    return replace(before, status=event.new_status.value, county=event.county.value)
