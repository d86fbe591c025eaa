"""Intake's decision: every rejection reason that applies, else suspense with its reason, else accepted."""

from datetime import date
from typing import Any

import pytest

from vrs_contracts.api.registration import AddressForm, ApplicationForm
from vrs_contracts.vocabulary import Decision
from vrs_contracts.vocabulary import RejectionReason as R
from vrs_contracts.vocabulary import StatusReason as S
from vrs_registration.domain.decision import decide

TODAY = date(2026, 11, 21)
COMPLETE: dict[str, Any] = {
    "channel": "paper",
    "county": "taos",
    "first_name": "Luz",
    "last_name": "Trujillo",
    "date_of_birth": date(1971, 3, 9),
    "ssn": "123456789",
    "residence_address": AddressForm(street="4 Placitas Rd", city="Taos", zip="87571"),
    "citizen": True,
    "signature_present": True,
}


@pytest.mark.parametrize(
    ("changes", "decision", "reasons", "status_reason"),
    [
        ({}, Decision.accepted, [], None),
        (
            {"citizen": False, "ssn": "666000000"},
            Decision.rejected,
            [R.invalid_ssn, R.non_citizen],
            None,
        ),
        (
            {"signature_present": False, "citizen": None},
            Decision.rejected,
            [R.missing_signature, R.citizenship_unanswered],
            None,
        ),
        ({"date_of_birth": date(2010, 1, 1)}, Decision.suspense, [], S.under_age),
        ({"ssn": None, "ssn_last4": "6789"}, Decision.suspense, [], S.incomplete_application),
        ({"ssn": None}, Decision.rejected, [R.ssn_incomplete], None),
        (
            {
                "channel": "online",
                "felony_incarcerated": True,
                "gender": "M",
                "age_18_or_over": True,
            },
            Decision.rejected,
            [R.felony_incarceration],
            None,
        ),
        (
            {"channel": "online", "age_18_or_over": True},
            Decision.rejected,
            [R.missing_required_field],
            None,
        ),
    ],
)
def test_intake_decides_with_every_reason_that_applies(
    changes: dict[str, Any], decision: Decision, reasons: list[R], status_reason: S | None
) -> None:
    decided = decide(ApplicationForm(**{**COMPLETE, **changes}), today=TODAY)
    assert (decided.decision, decided.rejection_reasons, decided.status_reason) == (
        decision,
        reasons,
        status_reason,
    )


def test_a2_a_form_with_only_the_last_four_the_mvd_could_not_verify_awaits_the_full_ssn() -> None:
    decided = decide(ApplicationForm(**{**COMPLETE, "ssn": None, "ssn_last4": "6789"}), today=TODAY)
    assert (decided.decision, decided.status_reason, decided.awaits_full_ssn) == (
        Decision.suspense, S.incomplete_application, True,
    )  # fmt: skip


def test_a2_a_form_the_mvd_verified_goes_on_like_a_complete_one() -> None:
    form = ApplicationForm(**{**COMPLETE, "ssn": None, "ssn_last4": "6789"})
    decided = decide(form, today=TODAY, mvd_verified=True)
    assert (decided.decision, decided.awaits_full_ssn) == (Decision.accepted, False)
