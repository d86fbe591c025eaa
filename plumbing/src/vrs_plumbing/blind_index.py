"""Keyed blind indexes: equality lookups on an SSN (or name and DOB) without holding the value.

HMAC-SHA256 under a key from configuration. Two services holding the same key compute equal
indexes for equal SSNs, so matching can compare registrants without ever seeing a full number.
"""

import hashlib
import hmac
import unicodedata
from datetime import date


def ssn_blind_index(key: bytes, ssn: str) -> str:
    """The blind index of a nine-digit SSN (dashes and spaces ignored), as hex."""
    digits = "".join(ch for ch in ssn if ch.isdigit())
    if len(digits) != 9:
        raise ValueError("an SSN has nine digits")
    return hmac.new(key, b"ssn:" + digits.encode(), hashlib.sha256).hexdigest()


NEAR_INDEX_HEX = 16
"""A near index is cut to 64 bits: two different SSNs share one by chance once in 10^19
comparisons, and the nine of a voter file of 1.4 million take a fifth of the room."""


def ssn_near_indexes(key: bytes, ssn: str) -> tuple[str, ...]:
    """The blind indexes of the SSN with one digit left out, one per distinct shorter number.

    Two SSNs that differ by one mistyped digit, or by two neighbouring digits swapped, share one
    of these (leave out the mistyped digit, or one of the swapped pair, from each); so do two
    that differ by one digit moved. Two SSNs that differ more share none. So matching can tell
    a typo from a different number without holding either (docs/adr/0041). The prefix keeps
    them apart from full indexes; they are sorted, so the order says nothing of the number.
    """
    digits = "".join(ch for ch in ssn if ch.isdigit())
    if len(digits) != 9:
        raise ValueError("an SSN has nine digits")
    keyed = hmac.new(key, b"ssn-near:", hashlib.sha256)  # keyed once, copied for each number
    near = []
    for shorter in {digits[:i] + digits[i + 1 :] for i in range(9)}:
        each = keyed.copy()
        each.update(shorter.encode())
        near.append(each.hexdigest()[:NEAR_INDEX_HEX])
    return tuple(sorted(near))


def ssn_indexes(key: bytes, ssn: str) -> tuple[str, tuple[str, ...]]:
    """An SSN's blind index and its near indexes: all of it that may be kept."""
    return ssn_blind_index(key, ssn), ssn_near_indexes(key, ssn)


def name_dob_blind_index(key: bytes, first_name: str, last_name: str, date_of_birth: date) -> str:
    """The person key of someone whose SSN is unknown: a blind index of name and date of birth."""
    text = f"name-dob:{_fold(first_name)}|{_fold(last_name)}|{date_of_birth.isoformat()}"
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def _fold(text: str) -> str:
    """Upper case, accents stripped, letters only: the same person written twice folds the same."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isalpha()).upper()
