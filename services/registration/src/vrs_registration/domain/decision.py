"""Intake's decision on a form: every rejection reason that applies, else suspense, else accepted."""

from dataclasses import dataclass, field
from datetime import date

from vrs_contracts.api.registration import ApplicationForm
from vrs_contracts.vocabulary import Decision, RejectionReason, StatusReason
from vrs_registration.domain import rules


@dataclass(frozen=True)
class IntakeDecision:
    """What intake answers: the decision, why, and whether the voter must give the full SSN (A(2))."""

    decision: Decision
    rejection_reasons: list[RejectionReason] = field(default_factory=list)
    status_reason: StatusReason | None = None
    awaits_full_ssn: bool = False


def decide(
    form: ApplicationForm,
    *,
    today: date,
    at_commercial_mailbox: bool = False,
    mvd_verified: bool = False,
) -> IntakeDecision:
    """Apply the rules of 1.10.35.8 to ``form`` on the county's ``today``.

    ``at_commercial_mailbox`` says whether the residence is on the county's list (C(3));
    ``mvd_verified`` whether an MVD record verified a form giving only a licence number or the
    last four SSN digits (A(2)); unverified, the voter must give the full SSN first.
    Rejections (C(1), C(2), C(3), C(6), D(4), D(7)) come first and are all reported. Otherwise the
    suspense reasons: an incomplete electronic application (F(1)) before under age (A(9)),
    because it is the one that needs the applicant to act. Otherwise accepted.
    """
    reasons = [
        *rules.incomplete_information(form),
        *rules.full_ssn_missing(form),
        *rules.invalid_ssn_series(form.ssn),
        *rules.citizenship(form),
        *rules.commercial_mailbox(at_commercial_mailbox),
        *rules.felony_incarceration_online(form),
    ]
    if rules.online_required_fields(form):
        reasons.append(RejectionReason.missing_required_field)
    if reasons:
        return IntakeDecision(Decision.rejected, rejection_reasons=list(dict.fromkeys(reasons)))
    pending_ssn = rules.awaits_ssn_verification(form) and not mvd_verified
    suspense = [*rules.incomplete_electronic_application(form), *rules.under_age(form, today)]
    if pending_ssn:
        suspense.insert(0, StatusReason.incomplete_application)
    if suspense:
        return IntakeDecision(
            Decision.suspense, status_reason=suspense[0], awaits_full_ssn=pending_ssn
        )
    return IntakeDecision(Decision.accepted)
