"""Which notice each event calls for, clause by clause (1.10.35.8 A(2), A(9), C, F(1);
1.10.35.9 A(3), A(5), D(2))."""

import pytest

from vrs_contracts.vocabulary import RejectionReason as R
from vrs_contracts.vocabulary import StatusReason, VoterStatus
from vrs_notifications.domain.calendar import DeadlineKind
from vrs_notifications.domain.catalog import (
    CATALOG,
    NoticeType,
    OwedNotice,
    ReferralReason,
    notice_for_registration,
    notice_for_status_change,
    notice_for_update,
    notices_for_rejection,
    referral_for_rejection,
)


@pytest.mark.parametrize(
    ("reasons", "expected"),
    [
        (
            [R.missing_name, R.missing_dob],
            [OwedNotice(NoticeType.rejection_incomplete, ("missing_name", "missing_dob"))],
        ),
        (
            [R.ssn_incomplete],
            [OwedNotice(NoticeType.rejection_ssn_incomplete, ("ssn_incomplete",))],
        ),
        ([R.non_citizen], [OwedNotice(NoticeType.rejection_non_citizen, ("non_citizen",))]),
        (
            [R.citizenship_unanswered],
            [OwedNotice(NoticeType.rejection_non_citizen, ("citizenship_unanswered",))],
        ),
        (
            [R.commercial_mailbox],
            [OwedNotice(NoticeType.rejection_commercial_mailbox, ("commercial_mailbox",))],
        ),
        (
            [R.felony_incarceration],
            [OwedNotice(NoticeType.felony_incarceration, ("felony_incarceration",))],
        ),
        ([R.invalid_ssn], [OwedNotice(NoticeType.rejection_invalid_ssn, ("invalid_ssn",))]),
        ([R.deceased], []),
        (
            [R.non_citizen, R.missing_signature],
            [
                OwedNotice(NoticeType.rejection_incomplete, ("missing_signature",)),
                OwedNotice(NoticeType.rejection_non_citizen, ("non_citizen",)),
            ],
        ),
    ],
)
def test_a_rejection_owes_one_letter_per_kind_of_reason(
    reasons: list[R], expected: list[OwedNotice]
) -> None:
    assert notices_for_rejection(reasons) == expected


def test_c5_a_confirmed_death_is_referred_to_the_prosecutor_not_written_to() -> None:
    assert referral_for_rejection([R.deceased]) is ReferralReason.deceased_confirmed
    assert notices_for_rejection([R.deceased]) == []
    assert referral_for_rejection([R.non_citizen]) is None


@pytest.mark.parametrize(
    ("status", "reason", "expected"),
    [
        (VoterStatus.active, None, NoticeType.acknowledgement),
        (VoterStatus.suspense, StatusReason.under_age, NoticeType.under_age_suspense),
        (
            VoterStatus.suspense,
            StatusReason.incomplete_application,
            NoticeType.online_incomplete_contact,
        ),
        (VoterStatus.inactive, None, None),
    ],
)
def test_a_new_voter_record_owes_its_notice(
    status: VoterStatus, reason: StatusReason | None, expected: NoticeType | None
) -> None:
    assert notice_for_registration(status, reason) == expected


@pytest.mark.parametrize(
    ("status", "reason", "expected"),
    [
        (
            VoterStatus.not_eligible,
            StatusReason.felony_incarceration,
            NoticeType.felony_incarceration,
        ),
        (VoterStatus.inactive, StatusReason.confirmation_mailing, NoticeType.confirmation_card),
        (VoterStatus.removable, StatusReason.deceased, None),
        (VoterStatus.active, None, None),
    ],
)
def test_a_status_change_owes_its_notice(
    status: VoterStatus, reason: StatusReason | None, expected: NoticeType | None
) -> None:
    assert notice_for_status_change(status, reason) == expected


def test_a5_a_transfer_owes_a_new_certificate() -> None:
    assert notice_for_update(transferred=True) is NoticeType.new_certificate
    assert notice_for_update(transferred=False) is None


def test_every_notice_type_is_in_the_catalog_with_a_clause() -> None:
    assert set(CATALOG) == set(NoticeType)
    for spec in CATALOG.values():
        assert spec.clauses
        assert spec.summary


def test_a2_counts_calendar_days_and_orders_an_email_too() -> None:
    spec = CATALOG[NoticeType.full_ssn_request]
    assert spec.clause == "1.10.35.8 A(2)"
    assert spec.deadline is DeadlineKind.calendar_days
    assert spec.email_required


def test_the_felony_notice_cites_the_clause_of_its_trigger() -> None:
    spec = CATALOG[NoticeType.felony_incarceration]
    assert spec.clause_for("1.10.35.9 D(2)") == "1.10.35.9 D(2)"
    assert spec.clause_for("1.10.35.8 F(3)(b)") == "1.10.35.8 F(3)(b)"
    assert spec.clause_for("1.10.35.8 A(1)") == "1.10.35.8 C(4)"
    assert spec.clause_for(None) == "1.10.35.8 C(4)"


@pytest.mark.parametrize(
    ("notice_type", "clause"),
    [
        (NoticeType.rejection_incomplete, "1.10.35.8 C(1)"),
        (NoticeType.rejection_ssn_incomplete, "1.10.35.8 C(1)"),
        (NoticeType.rejection_non_citizen, "1.10.35.8 C(2)"),
        (NoticeType.rejection_commercial_mailbox, "1.10.35.8 C(3)"),
        (NoticeType.rejection_invalid_ssn, "1.10.35.8 C(6)"),
        (NoticeType.online_incomplete_contact, "1.10.35.8 F(1)"),
        (NoticeType.under_age_suspense, "1.10.35.8 A(9)"),
        (NoticeType.mvd_mismatch_answer, "1.10.35.8 D(1)"),
        (NoticeType.confirmation_card, "1.10.35.9 A(3)"),
        (NoticeType.new_certificate, "1.10.35.9 A(5)"),
    ],
)
def test_each_notice_names_its_clause(notice_type: NoticeType, clause: str) -> None:
    assert CATALOG[notice_type].clause == clause


@pytest.mark.parametrize(
    ("notice_type", "email_given", "channels"),
    [
        (NoticeType.mvd_mismatch_answer, True, ("email",)),  # D(1): the applicant's e-mail
        (NoticeType.mvd_mismatch_answer, False, ("mail",)),
        (NoticeType.full_ssn_request, True, ("mail", "email")),  # A(2): e-mail and mail
        (NoticeType.full_ssn_request, False, ("mail",)),
        (NoticeType.rejection_non_citizen, True, ("mail",)),  # C(2): the form is returned
        (NoticeType.breach_notice, True, ("mail",)),
    ],
)
def test_the_channels_that_must_go_out_before_a_notice_is_sent(
    notice_type: NoticeType, email_given: bool, channels: tuple[str, ...]
) -> None:
    assert CATALOG[notice_type].required_channels(email_given) == channels


def test_d1_and_the_breach_notice_are_due_in_five_business_days() -> None:
    for notice_type in (NoticeType.mvd_mismatch_answer, NoticeType.breach_notice):
        assert CATALOG[notice_type].deadline is DeadlineKind.business_days
    assert CATALOG[NoticeType.mvd_mismatch_answer].clause == "1.10.35.8 D(1)"
    assert CATALOG[NoticeType.breach_notice].clause == "1.10.35.11"
    assert ReferralReason.suspected_fraud == "suspected_fraud"
