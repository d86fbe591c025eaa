"""Intake rules of 1.10.35.8 NMAC, one table per clause."""

from datetime import date
from typing import Any

import pytest

from vrs_contracts.api.registration import AddressForm, ApplicationForm
from vrs_contracts.vocabulary import RejectionReason as R
from vrs_registration.domain.rules import DECLINE_TO_SELECT, incomplete_information, party_of_record

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
