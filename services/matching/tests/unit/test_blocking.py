"""Blocking keys put two records of one person together despite the corruptions of a voter file,
and keep strangers apart."""

from dataclasses import replace
from datetime import date

import pytest

from vrs_matching.domain.blocking import blocking_keys
from vrs_matching.domain.identity import Identity

ROBERT = Identity(
    first_name="ROBERT",
    last_name="GARCIA LOPEZ",
    date_of_birth=date(1980, 3, 7),
    ssn_index="index-robert",
    street="100 MAIN ST",
    zip5="87501",
    ssn_last4="1234",
    ssn_near=frozenset({"near-shared", "near-robert"}),
)
NO_SSN = {"ssn_index": None, "ssn_last4": None, "ssn_near": frozenset()}

ONE_PERSON = [
    ("the same full SSN, all else changed", replace(ROBERT, first_name="X", last_name="Y")),
    ("a typo in the surname, no SSN", replace(ROBERT, last_name="GARSIA LOPEZ", **NO_SSN)),
    ("a nickname, no SSN", replace(ROBERT, first_name="BOB", **NO_SSN)),
    ("one surname of two, no SSN", replace(ROBERT, last_name="LOPEZ", **NO_SSN)),
    (
        "a double surname run together and a typo in the first name, no SSN",
        replace(ROBERT, first_name="HOBERT", last_name="GARCIALOPEZ", **NO_SSN),
    ),
    ("day and month transposed, no SSN", replace(ROBERT, date_of_birth=date(1980, 7, 3), **NO_SSN)),
    (
        "a typo in the day, no SSN",
        replace(ROBERT, date_of_birth=date(1980, 3, 17), **NO_SSN),
    ),
    ("a typo in the year, no SSN", replace(ROBERT, date_of_birth=date(1908, 3, 7), **NO_SSN)),
    (
        "first and last swapped, no SSN",
        replace(ROBERT, first_name="GARCIA LOPEZ", last_name="ROBERT", **NO_SSN),
    ),
    (
        "last four only, a nickname and a new date of birth",
        replace(ROBERT, first_name="BOB", date_of_birth=date(1981, 1, 1), ssn_index=None),
    ),
    (
        "a mistyped SSN, all else changed",
        replace(
            ROBERT,
            first_name="X",
            last_name="Y",
            date_of_birth=None,
            ssn_index="index-typo",
            ssn_last4="1243",
            ssn_near=frozenset({"near-shared", "near-typo"}),
        ),
    ),
    (
        "typos that change the sound of both names, and a move, no SSN",
        replace(ROBERT, first_name="RUPERT", last_name="GARZIA LOBEZ", zip5="88001", **NO_SSN),
    ),
    (
        "names written past recognition, same birth date and zip, no SSN",
        replace(ROBERT, first_name="XAVIER", last_name="YBARRA", **NO_SSN),
    ),
    (
        "no date of birth and no SSN, same name and zip",
        replace(ROBERT, date_of_birth=None, street="2 OTHER RD", **NO_SSN),
    ),
]


@pytest.mark.parametrize(("case", "other"), ONE_PERSON, ids=[c[0] for c in ONE_PERSON])
def test_two_records_of_one_person_share_a_blocking_key(case: str, other: Identity) -> None:
    assert blocking_keys(ROBERT) & blocking_keys(other)


def test_strangers_share_no_blocking_key() -> None:
    stranger = Identity(
        first_name="MARIA",
        last_name="TRUJILLO",
        date_of_birth=date(1955, 11, 20),
        ssn_index="index-maria",
        street="7 CALLE ALTA",
        zip5="87101",
        ssn_last4="1234",
    )
    assert not blocking_keys(ROBERT) & blocking_keys(stranger)


def test_particles_and_initials_make_no_key_of_their_own() -> None:
    de_la_cruz = Identity("J", "DE LA CRUZ", date(1980, 3, 7), None, "", "")
    de_la_rosa = Identity("J", "DE LA ROSA", date(1980, 3, 7), None, "", "")
    assert not blocking_keys(de_la_cruz) & blocking_keys(de_la_rosa)


def test_a_record_that_states_nothing_has_no_key() -> None:
    assert blocking_keys(Identity("", "", None, None, "", "")) == frozenset()
