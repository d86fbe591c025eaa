"""1.10.35.7 FF: a select group only for a purpose that needs it; a person's sensitive data
only to an agency under an approved court order; the affidavit of 1.10.35.10 A."""

from datetime import date

import pytest

from vrs_contracts.api.records_requests import AffidavitForm, Product, Purpose, RequesterKind
from vrs_records_requests.domain.affidavits import affidavit_in_force, affidavit_problems
from vrs_records_requests.domain.selection import (
    named_persons_refusal,
    selection_refusal,
    sensitive_data_refusal,
)

campaign, governmental, related = (
    Purpose.election_campaign,
    Purpose.governmental,
    Purpose.election_related,
)


@pytest.mark.parametrize(
    ("filters", "purpose", "refused_for"),
    [
        ({}, related, None),
        ({"party": "DEM"}, campaign, None),
        ({"zip": "87501", "party": "REP"}, campaign, None),
        ({"city": "Taos"}, governmental, None),
        ({"party": "DEM"}, governmental, "party"),
        ({"party": "DEM"}, related, "party"),
        ({"zip": "87501"}, related, "residence"),
        ({"gender": "F"}, campaign, "gender"),
        ({"birth_year_from": "1990"}, campaign, "age"),
        ({"age_to": "30"}, governmental, "age"),
        ({"ethnicity": "any"}, campaign, "'ethnicity'"),
        ({"language": "es"}, governmental, "'language'"),
    ],
)
def test_a_select_group_is_refused_unless_the_purpose_allows_it(
    filters: dict[str, str], purpose: Purpose, refused_for: str | None
) -> None:
    reason = selection_refusal(filters, purpose)
    if refused_for is None:
        assert reason is None
    else:
        assert reason is not None
        assert refused_for in reason
        assert "1.10.35.7 FF" in reason


@pytest.mark.parametrize(
    ("kind", "approved", "allowed"),
    [
        (RequesterKind.outside_agency, False, False),
        (RequesterKind.outside_agency, True, True),
        (RequesterKind.new_mexico_government, False, False),
        (RequesterKind.new_mexico_government, True, True),
        (RequesterKind.campaign, True, False),
        (RequesterKind.news_media, True, False),
    ],
)
def test_sensitive_data_goes_only_to_an_agency_under_an_approved_order(
    kind: RequesterKind, approved: bool, allowed: bool
) -> None:
    assert (sensitive_data_refusal(kind, approved) is None) is allowed


@pytest.mark.parametrize(
    ("kind", "product", "allowed"),
    [
        (RequesterKind.outside_agency, Product.special_voter_list, False),
        (RequesterKind.outside_agency, Product.voter_list, True),
        (RequesterKind.campaign, Product.special_voter_list, True),
        (RequesterKind.new_mexico_government, Product.special_voter_list, True),
    ],
)
def test_an_outside_agency_naming_persons_needs_a_court_order(
    kind: RequesterKind, product: Product, allowed: bool
) -> None:
    assert (named_persons_refusal(kind, product) is None) is allowed


def form(**changes: object) -> AffidavitForm:
    fields: dict[str, object] = {
        "name": "Pat Requester",
        "organisation": "Committee to Elect",
        "address": "1 Main St, Santa Fe NM 87501",
        "purpose": campaign,
        "requester_kind": RequesterKind.campaign,
        "attests_lawful_use": True,
        "signature": "Pat Requester",
        "signed_on": date(2026, 12, 1),
    }
    return AffidavitForm.model_validate({**fields, **changes})


def test_an_affidavit_needs_name_address_signature_attestation_and_a_past_date() -> None:
    today = date(2026, 12, 4)
    assert affidavit_problems(form(), today) == []
    problems = affidavit_problems(
        form(name=" ", signature="", attests_lawful_use=False, signed_on=date(2026, 12, 5)), today
    )
    assert [field for field, _ in problems] == [
        "name",
        "signature",
        "attests_lawful_use",
        "signed_on",
    ]


def test_an_affidavit_is_in_force_from_its_signature_for_its_validity() -> None:
    signed = date(2026, 1, 1)
    assert affidavit_in_force(signed, date(2026, 1, 1), 365)
    assert affidavit_in_force(signed, date(2027, 1, 1), 365)
    assert not affidavit_in_force(signed, date(2027, 1, 2), 365)
    assert not affidavit_in_force(signed, date(2025, 12, 31), 365)
