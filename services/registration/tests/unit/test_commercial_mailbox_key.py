"""1.10.35.8 C(3): a residence is matched to a listed commercial mail box on its normalised address."""

import pytest

from vrs_contracts.api.registration import AddressForm
from vrs_registration.adapters.addresses import mailbox_key, residence_key

LISTED = mailbox_key("500 Cerrillos Road", "Santa Fe", "NM", "87505")


@pytest.mark.parametrize(
    ("street", "zip_code", "same_place"),
    [
        ("500 Cerrillos Road", "87505", True),
        ("500 CERRILLOS RD", "87505-1234", True),
        ("500 Cerrillos Rd. Suite 101", "87505", True),
        ("500 Cerrillos Rd PMB 12", "87505", True),
        ("502 Cerrillos Road", "87505", False),
        ("500 Cerrillos Road", "87507", False),
    ],
)
def test_c3_a_box_suite_or_pmb_at_a_listed_address_is_that_establishment(
    street: str, zip_code: str, same_place: bool
) -> None:
    key = residence_key(AddressForm(street=street, city="Santa Fe", state="NM", zip=zip_code))
    assert (key == LISTED) is same_place


def test_a_residence_with_no_street_has_no_key() -> None:
    assert residence_key(AddressForm(non_standard_description="behind the chapel")) is None
