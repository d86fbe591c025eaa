"""Intake rules of 1.10.35.8 NMAC, one table per clause."""

from datetime import date
from typing import Any

import pytest

from vrs_contracts.api.registration import AddressForm, ApplicationForm
from vrs_contracts.vocabulary import RejectionReason as R
from vrs_contracts.vocabulary import StatusReason as S
from vrs_registration.domain.rules import (
    DECLINE_TO_SELECT,
    age_on,
    awaits_ssn_verification,
    citizenship,
    confidential_residence,
    felony_incarceration_online,
    full_ssn_missing,
    incomplete_electronic_application,
    incomplete_information,
    invalid_ssn_series,
    online_party_is_qualified,
    online_required_fields,
    party_of_record,
    under_age,
)

HOME = AddressForm(street="12 Canyon Rd", city="Santa Fe", state="NM", zip="87501")


def form(**changes: Any) -> ApplicationForm:
    base: dict[str, Any] = {
        "channel": "paper",
        "county": "santa_fe",
        "first_name": "Rosa",
        "last_name": "Baca",
        "date_of_birth": date(1990, 5, 1),
        "residence_address": HOME,
        "signature_present": True,
        "ssn": "123456789",
        "citizen": True,
    }
    return ApplicationForm(**{**base, **changes})


@pytest.mark.parametrize(
    ("changes", "reasons"),
    [
        ({}, []),
        ({"first_name": None}, [R.missing_name]),
        ({"last_name": "  "}, [R.missing_name]),
        ({"residence_address": None}, [R.missing_address]),
        ({"residence_address": AddressForm(city="Santa Fe")}, [R.missing_address]),
        ({"residence_address": AddressForm(non_standard_description="2 mi N of the church")}, []),
        ({"date_of_birth": None}, [R.missing_dob]),
        ({"signature_present": False}, [R.missing_signature]),
        (
            {
                "first_name": None,
                "residence_address": None,
                "date_of_birth": None,
                "signature_present": False,
            },
            [R.missing_name, R.missing_address, R.missing_dob, R.missing_signature],
        ),
    ],
)
def test_c1_a_form_without_name_address_dob_or_signature_is_rejected_for_each(
    changes: dict[str, Any], reasons: list[R]
) -> None:
    assert incomplete_information(form(**changes)) == reasons


QUALIFIED = frozenset({"DEM", "REP", "LIB"})


@pytest.mark.parametrize(
    ("written", "entered"),
    [
        (None, DECLINE_TO_SELECT),
        ("", DECLINE_TO_SELECT),
        ("dem", "DEM"),
        ("REP", "REP"),
        ("Green Tea", DECLINE_TO_SELECT),
    ],
)
def test_a7_a8_no_party_or_an_unqualified_party_is_decline_to_select(
    written: str | None, entered: str
) -> None:
    assert party_of_record(written, QUALIFIED) == entered


@pytest.mark.parametrize(
    ("ssn", "reasons"),
    [
        ("123456789", []),
        ("772123456", []),
        ("773123456", []),  # issued since randomisation: cannot be rejected on the form alone
        ("899123456", []),
        ("000123456", [R.invalid_ssn]),
        ("666123456", [R.invalid_ssn]),
        ("900123456", [R.invalid_ssn]),
        ("999999999", [R.invalid_ssn]),
        ("123006789", [R.invalid_ssn]),
        ("123450000", [R.invalid_ssn]),
        (None, []),
    ],
)
def test_c6_an_ssn_of_an_invalid_series_is_rejected(ssn: str | None, reasons: list[R]) -> None:
    assert invalid_ssn_series(ssn) == reasons


@pytest.mark.parametrize(
    ("changes", "reasons"),
    [
        ({"ssn": "123456789"}, []),
        ({"ssn": None}, [R.ssn_incomplete]),
        ({"ssn": None, "ssn_last4": "6789"}, []),
        ({"ssn": None, "mvd_id": "NM1234567"}, []),
    ],
)
def test_c1_a_form_with_no_ssn_at_all_is_rejected_ssn_incomplete(
    changes: dict[str, Any], reasons: list[R]
) -> None:
    assert full_ssn_missing(form(**changes)) == reasons


@pytest.mark.parametrize(
    ("changes", "pending"),
    [
        ({"ssn": "123456789"}, False),
        ({"ssn": None, "ssn_last4": "6789"}, True),
        ({"ssn": None, "mvd_id": "NM1234567"}, True),
        ({"ssn": None}, False),
    ],
)
def test_a2_only_the_last_four_or_an_mvd_number_awaits_mvd_verification(
    changes: dict[str, Any], pending: bool
) -> None:
    assert awaits_ssn_verification(form(**changes)) is pending


@pytest.mark.parametrize(
    ("citizen", "reasons"),
    [(True, []), (False, [R.non_citizen]), (None, [R.citizenship_unanswered])],
)
def test_c2_d2_citizenship_answered_no_or_not_at_all_is_rejected(
    citizen: bool | None, reasons: list[R]
) -> None:
    assert citizenship(form(citizen=citizen)) == reasons


@pytest.mark.parametrize(
    ("channel", "incarcerated", "reasons"),
    [
        ("online", True, [R.felony_incarceration]),
        ("online", False, []),
        ("online", None, []),
        ("paper", True, []),  # on paper C(4) applies, through a positive match with a felony record
    ],
)
def test_d4_online_applicants_incarcerated_for_a_felony_may_not_continue(
    channel: str, incarcerated: bool | None, reasons: list[R]
) -> None:
    assert (
        felony_incarceration_online(form(channel=channel, felony_incarcerated=incarcerated))
        == reasons
    )


ONLINE_COMPLETE: dict[str, Any] = {
    "channel": "online",
    "ssn": "123456789",
    "gender": "F",
    "citizen": True,
    "age_18_or_over": True,
}


@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({}, []),
        ({"gender": None}, ["gender"]),
        ({"ssn": None}, ["ssn"]),
        ({"citizen": None, "age_18_or_over": None}, ["citizen", "age_18_or_over"]),
        ({"first_name": None, "date_of_birth": None}, ["first_name", "date_of_birth"]),
        ({"channel": "paper", "gender": None}, []),
    ],
)
def test_d7_an_online_application_may_not_be_submitted_incomplete(
    changes: dict[str, Any], missing: list[str]
) -> None:
    assert online_required_fields(form(**{**ONLINE_COMPLETE, **changes})) == missing


TODAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("born", "age_box", "reasons"),
    [
        (date(1990, 5, 1), True, []),
        (date(1990, 5, 1), False, []),  # A(10): the box says no, the DOB says 36: accepted
        (date(1990, 5, 1), None, []),  # A(10): blank box, adult DOB: accepted
        (date(2008, 11, 21), None, []),  # 18 today
        (date(2008, 11, 22), True, [S.under_age]),  # 18 tomorrow: the box is wrong, the DOB decides
        (date(2010, 1, 1), False, [S.under_age]),  # D(3), A(9)
    ],
)
def test_a9_a10_d3_the_date_of_birth_decides_under_age_suspense(
    born: date, age_box: bool | None, reasons: list[S]
) -> None:
    assert under_age(form(date_of_birth=born, age_18_or_over=age_box), TODAY) == reasons


def test_a_leap_day_birthday_turns_a_year_older_on_the_first_of_march() -> None:
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18


NON_STANDARD = AddressForm(non_standard_description="Third house past the mile marker 12, red roof")


@pytest.mark.parametrize(
    ("channel", "residence", "mailing", "reasons"),
    [
        ("online", NON_STANDARD, None, [S.incomplete_application]),
        ("online", NON_STANDARD, AddressForm(street="PO Box 12", city="Chimayo"), []),
        ("online", HOME, None, []),
        ("mvd", NON_STANDARD, None, [S.incomplete_application]),
        ("paper", NON_STANDARD, None, []),
    ],
)
def test_f1_an_electronic_application_with_a_non_standard_address_and_no_mailing_address_is_suspense(
    channel: str, residence: AddressForm, mailing: AddressForm | None, reasons: list[S]
) -> None:
    assert (
        incomplete_electronic_application(
            form(channel=channel, residence_address=residence, mailing_address=mailing)
        )
        == reasons
    )


@pytest.mark.parametrize(
    ("party", "allowed"), [(None, True), ("rep", True), ("LIB", True), ("Whig", False)]
)
def test_d6_online_only_a_qualified_party_may_be_designated(
    party: str | None, allowed: bool
) -> None:
    assert online_party_is_qualified(party, QUALIFIED) is allowed


def test_a4_a_confidential_home_address_keeps_only_its_zip_code() -> None:
    entered = confidential_residence(
        AddressForm(street="9 Secret Ln", city="Santa Fe", state="NM", zip="87505")
    )
    assert entered == AddressForm(
        street="confidential", city="confidential", state="NM", zip="87505"
    )
