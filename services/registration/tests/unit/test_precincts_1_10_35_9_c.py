"""1.10.35.9 B, C: the county assigns each voter to a precinct from its street file; the voter
file keeps the code, and a move to another residence or county leaves the voter unassigned
until the county assigns the new address."""

import pytest

from vrs_registration.domain.precincts import precinct_after_update, precinct_code


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("017", "017"),
        (" 12-a ", "12-A"),
        ("A", "A"),
        ("1234567890ABCDEF", "1234567890ABCDEF"),
        ("1234567890ABCDEFG", None),  # seventeen: too long
        ("", None),
        ("   ", None),
        ("-1", None),  # begins with a hyphen
        ("12 A", None),
        ("12_A", None),
        ("12/A", None),
        ("Ⅻ", None),  # a Roman numeral is no ASCII letter
        ("ﬀ1", None),  # a ligature that upper-cases into ASCII letters is still refused
        ("017\n", "017"),
    ],
)
def test_a_precinct_code_is_letters_digits_and_hyphens_kept_upper_case(
    written: str, kept: str | None
) -> None:
    assert precinct_code(written) == kept


@pytest.mark.parametrize(
    ("county_changed", "residence_changed", "kept"),
    [
        (False, False, "017"),
        (False, True, None),
        (True, False, None),
        (True, True, None),
    ],
)
def test_a_move_leaves_the_voter_unassigned_any_other_update_keeps_the_precinct(
    county_changed: bool, residence_changed: bool, kept: str | None
) -> None:
    assert (
        precinct_after_update(
            "017", county_changed=county_changed, residence_changed=residence_changed
        )
        == kept
    )
