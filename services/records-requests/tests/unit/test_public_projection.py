"""The public projection never holds a forbidden field, whatever registration sends (property
tests over random voter events), and a voter with a confidential address is never in it."""

from dataclasses import fields
from datetime import date
from uuid import UUID

from hypothesis import given, settings
from hypothesis import strategies as st

from vrs_contracts.counties import County
from vrs_contracts.events import VoterRecordUpdated, VoterRegistered, VoterStatusChanged
from vrs_contracts.people import Address, PersonName, Registrant, SsnReference
from vrs_contracts.vocabulary import Language, StatusReason, VoterStatus
from vrs_records_requests.domain.projection import (
    PUBLIC_FIELDS,
    PublicVoter,
    registered_row,
    status_changed_row,
    updated_row,
)

FORBIDDEN_FIELDS = {
    "ssn", "ssn_last4", "ssn_blind_index", "blind_index", "last4", "mvd_id", "date_of_birth",
    "signature", "signature_present", "agent_number", "form_number", "agency_code", "phone",
    "email", "gender", "confidential_address", "language", "source_id", "application_id",
}  # fmt: skip

words = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghij'-", min_size=1, max_size=12)
maybe_words = st.none() | words
addresses = st.builds(
    Address,
    street=maybe_words | st.sampled_from(["confidential", "CONFIDENTIAL "]),
    city=maybe_words | st.just("Confidential"),
    state=st.none() | st.just("NM"),
    zip=st.none() | st.from_regex(r"87\d{3}", fullmatch=True),
)
ssns = st.builds(
    SsnReference,
    blind_index=st.none() | st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
    last4=st.none() | st.from_regex(r"\d{4}", fullmatch=True),
)
births = st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31))
registrants = st.builds(
    Registrant,
    name=st.builds(PersonName, first_name=words, middle_name=maybe_words, last_name=words,
                   suffix=st.none() | st.sampled_from(["Jr", "Sr", "III"])),
    date_of_birth=births,
    ssn=ssns,
    residence_address=addresses,
)  # fmt: skip
emails = st.none() | st.emails()
flags = st.none() | st.booleans()
voter_ids = st.uuids()


def registered(voter_id: UUID) -> st.SearchStrategy[VoterRegistered]:
    return st.builds(
        VoterRegistered,
        voter_id=st.just(voter_id),
        application_id=st.none() | st.uuids(),
        source_id=st.none() | words,
        county=st.sampled_from(County),
        status=st.sampled_from(VoterStatus),
        status_reason=st.none() | st.sampled_from(StatusReason),
        registrant=registrants,
        party=st.sampled_from(["DEM", "REP", "LIB", "DTS"]),
        registered_on=st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 12, 31)),
        language=st.none() | st.sampled_from(Language),
        mailing_address=st.none() | addresses,
        email=emails,
        confidential_address=flags,
    )


def updated(voter_id: UUID) -> st.SearchStrategy[VoterRecordUpdated]:
    return st.builds(
        VoterRecordUpdated,
        voter_id=st.just(voter_id),
        county=st.sampled_from(County),
        transferred_from=st.none() | st.sampled_from(County),
        application_id=st.uuids(),
        registrant=registrants,
        updated_at=st.datetimes(),
        mailing_address=st.none() | addresses,
        email=emails,
        party=st.none() | st.sampled_from(["DEM", "REP", "DTS"]),
        confidential_address=flags,
    )


def status_changed(voter_id: UUID) -> st.SearchStrategy[VoterStatusChanged]:
    return st.builds(
        VoterStatusChanged,
        voter_id=st.just(voter_id),
        county=st.sampled_from(County),
        old_status=st.sampled_from(VoterStatus),
        new_status=st.sampled_from(VoterStatus),
        status_reason=st.none() | st.sampled_from(StatusReason),
        clause=st.just("1.10.35.9 A(3)"),
        actor=words,
        changed_at=st.datetimes(),
        mailing_address=st.none() | addresses,
        email=emails,
    )


@st.composite
def histories(draw: st.DrawFn) -> list[VoterRegistered | VoterRecordUpdated | VoterStatusChanged]:
    """One voter's events: its registration, then updates and status changes in any order."""
    voter_id = draw(voter_ids)
    later = draw(st.lists(updated(voter_id) | status_changed(voter_id), max_size=6))
    return [draw(registered(voter_id)), *later]


def secrets_of(event: VoterRegistered | VoterRecordUpdated | VoterStatusChanged) -> set[str]:
    """The values of an event no public row may hold."""
    found: set[str] = set()
    if isinstance(event, VoterRegistered | VoterRecordUpdated):
        ssn = event.registrant.ssn
        found |= {v for v in (ssn.blind_index, ssn.last4) if v}
        found.add(event.registrant.date_of_birth.isoformat())
    if event.email:
        found.add(event.email)
    return found


def confidential(event: VoterRegistered | VoterRecordUpdated) -> bool:
    address = event.registrant.residence_address
    parts = {(address.street or "").strip().lower(), (address.city or "").strip().lower()}
    return bool(event.confidential_address) or "confidential" in parts


def assert_public(row: PublicVoter, forbidden: set[str]) -> None:
    """The row's fields are the public ones, and none of its values is a forbidden one."""
    assert tuple(f.name for f in fields(row)) == PUBLIC_FIELDS
    assert not FORBIDDEN_FIELDS & set(PUBLIC_FIELDS)
    for value in row.as_row().values():
        assert not isinstance(value, str) or value not in forbidden
        assert not (isinstance(value, str) and "@" in value)


@settings(max_examples=200, deadline=None)
@given(histories())
def test_no_row_ever_holds_a_forbidden_field_or_a_confidential_voter(
    events: list[VoterRegistered | VoterRecordUpdated | VoterStatusChanged],
) -> None:
    row: PublicVoter | None = None
    forbidden: set[str] = set()
    for event in events:
        forbidden |= secrets_of(event)
        if isinstance(event, VoterRegistered):
            row = registered_row(event)
            birth = event.registrant.date_of_birth
            if confidential(event):
                assert row is None
        elif isinstance(event, VoterRecordUpdated):
            row = updated_row(event, row)
            birth = event.registrant.date_of_birth
            if confidential(event):
                assert row is None
        else:
            row = status_changed_row(event, row)
        if row is not None:
            assert_public(row, forbidden)
            assert row.birth_year == birth.year  # the year alone: no day, no month
            assert row.registered_on != birth


def test_a_registration_keeps_name_addresses_party_and_the_year_of_birth_only() -> None:
    event = VoterRegistered(
        voter_id=UUID(int=1),
        county=County.santa_fe,
        status=VoterStatus.active,
        registrant=Registrant(
            name=PersonName(first_name="Alma", last_name="Example"),
            date_of_birth=date(1980, 2, 3),
            ssn=SsnReference(blind_index="ab" * 32, last4="0001"),
            residence_address=Address(street="1 Plaza", city="Santa Fe", state="NM", zip="87501"),
        ),
        party="DTS",
        registered_on=date(2026, 11, 1),
        email="alma@example.invalid",
        confidential_address=False,
    )
    row = registered_row(event)
    assert row is not None
    assert row.as_row() == {
        "voter_id": UUID(int=1), "county": "santa_fe", "status": "active",
        "first_name": "Alma", "middle_name": None, "last_name": "Example", "suffix": None,
        "birth_year": 1980, "residence_street": "1 Plaza", "residence_city": "Santa Fe",
        "residence_state": "NM", "residence_zip": "87501", "mailing_street": "1 Plaza",
        "mailing_city": "Santa Fe", "mailing_state": "NM", "mailing_zip": "87501",
        "party": "DTS", "registered_on": date(2026, 11, 1),
    }  # fmt: skip


def official(residence: Address, flag: bool | None) -> VoterRegistered:
    """A public official's registration, with the residence and confidentiality mark given."""
    return VoterRegistered(
        voter_id=UUID(int=2),
        county=County.taos,
        status=VoterStatus.active,
        registrant=Registrant(
            name=PersonName(first_name="Official", last_name="Public"),
            date_of_birth=date(1970, 5, 6),
            ssn=SsnReference(),
            residence_address=residence,
        ),
        party="DEM",
        registered_on=date(2026, 11, 1),
        confidential_address=flag,
    )


def test_a_voter_marked_confidential_or_entered_as_confidential_is_left_out() -> None:
    marked = official(Address(street="2 Elm", zip="87571"), True)
    entered = official(Address(street="confidential", city="confidential", zip="87571"), None)
    assert registered_row(marked) is None
    assert registered_row(entered) is None
    assert registered_row(official(Address(street="2 Elm", zip="87571"), False)) is not None
