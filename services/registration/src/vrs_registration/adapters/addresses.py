"""US address normalisation (USPS Publication 28, by usaddress-scourgify) and the key by which
a residence is compared with a county's list of commercial mail-box establishments.

A commercial mail receiving agency is one street address; every box, suite or PMB inside it is
still that agency. So the key is the normalised first address line and the five-digit ZIP,
without the unit: "500 Cerrillos Road, PMB 12" and "500 CERRILLOS RD STE 101" are the same place.
"""

from scourgify import normalize_address_record
from scourgify.exceptions import AddressNormalizationError

from vrs_contracts.api.registration import AddressForm


class AddressNotUnderstoodError(ValueError):
    """The address could not be normalised; the text never repeats it."""


def mailbox_key(street: str, city: str | None, state: str | None, zip_code: str | None) -> str:
    """``LINE1|ZIP5`` of an address, normalised; raises :class:`AddressNotUnderstoodError`."""
    try:
        normal = normalize_address_record(
            {
                "address_line_1": street,
                "address_line_2": None,
                "city": city or "",
                "state": state or "NM",
                "postal_code": zip_code or "",
            }
        )
    except (AddressNormalizationError, ValueError, KeyError, TypeError):
        raise AddressNotUnderstoodError("the street address could not be read") from None
    line = str(normal.get("address_line_1") or "").strip()
    zip5 = str(normal.get("postal_code") or zip_code or "")[:5]
    if not line:
        raise AddressNotUnderstoodError("the street address could not be read")
    return f"{line}|{zip5}"


def residence_key(address: AddressForm | None) -> str | None:
    """The key of a form's residence, or None when it has no street address to compare."""
    if address is None or not address.street or not address.street.strip():
        return None
    try:
        return mailbox_key(address.street, address.city, address.state, address.zip)
    except AddressNotUnderstoodError:
        return None
