"""Strong (1.10.35.7 JJ) and weak (1.10.35.7 SS) matches, exactly as the rule defines them."""

from datetime import date

import pytest

from vrs_contracts.vocabulary import MatchStrength
from vrs_matching.domain.identity import (
    Field,
    Identity,
    agreeing_fields,
    match_strength,
    normalise_name,
)

BASE = Identity("MARIA", "GARCIA", date(1980, 1, 2), "idx-1", "100 MAIN ST", "87501")


def variant(**changes: object) -> Identity:
    values = {**BASE.__dict__, **changes}
    return Identity(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("other", "agree", "strength"),
    [
        (BASE, {Field.name, Field.date_of_birth, Field.ssn, Field.address}, MatchStrength.strong),
        (
            variant(street="9 ELM ST"),
            {Field.name, Field.date_of_birth, Field.ssn},
            MatchStrength.strong,
        ),
        (
            variant(ssn_index="idx-2"),
            {Field.name, Field.date_of_birth, Field.address},
            MatchStrength.weak,
        ),
        (variant(ssn_index=None, street=""), {Field.name, Field.date_of_birth}, MatchStrength.weak),
        (
            variant(first_name="ROSA", date_of_birth=date(1979, 1, 2)),
            {Field.ssn, Field.address},
            MatchStrength.weak,
        ),
        (
            variant(first_name="ROSA", date_of_birth=date(1979, 1, 2), ssn_index="idx-2"),
            {Field.address},
            MatchStrength.none,
        ),
        (
            variant(last_name="LOPEZ", street="", ssn_index="idx-2"),
            {Field.date_of_birth},
            MatchStrength.none,
        ),
    ],
)
def test_jj_and_ss_strength_follows_which_fields_agree(
    other: Identity, agree: set[Field], strength: MatchStrength
) -> None:
    assert agreeing_fields(BASE, other) == agree
    assert match_strength(agreeing_fields(BASE, other)) is strength


def test_jj_an_ssn_known_only_by_its_last_four_never_agrees() -> None:
    assert Field.ssn not in agreeing_fields(variant(ssn_index=None), variant(ssn_index=None))


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("Peña", "PENA"),
        ("garcia-lopez", "GARCIA LOPEZ"),
        ("O'Brien", "O BRIEN"),
        ("  de  la  Cruz ", "DE LA CRUZ"),
        (None, ""),
    ],
)
def test_names_are_compared_after_the_documented_normalisation(
    written: str | None, normalised: str
) -> None:
    assert normalise_name(written) == normalised
