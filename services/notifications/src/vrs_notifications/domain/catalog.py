"""The notice catalog: every notice the rule requires, its clause, deadline and channels, and which
notices an event of registration calls for.

Each function that maps an event to notices names the clause it applies.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from vrs_contracts.vocabulary import RejectionReason, StatusReason, VoterStatus
from vrs_notifications.domain.calendar import DeadlineKind


class NoticeType(StrEnum):
    """A kind of notice; its value names its template."""

    rejection_incomplete = "rejection_incomplete"
    rejection_ssn_incomplete = "rejection_ssn_incomplete"
    rejection_non_citizen = "rejection_non_citizen"
    rejection_commercial_mailbox = "rejection_commercial_mailbox"
    felony_incarceration = "felony_incarceration"
    rejection_invalid_ssn = "rejection_invalid_ssn"
    full_ssn_request = "full_ssn_request"
    online_incomplete_contact = "online_incomplete_contact"
    under_age_suspense = "under_age_suspense"
    mvd_mismatch_answer = "mvd_mismatch_answer"
    confirmation_card = "confirmation_card"
    new_certificate = "new_certificate"
    acknowledgement = "acknowledgement"
    breach_notice = "breach_notice"


class ReferralReason(StrEnum):
    """Why a matter goes to the election prosecutor in the district attorney's office."""

    deceased_confirmed = "deceased_confirmed"
    suspected_fraud = "suspected_fraud"


@dataclass(frozen=True)
class NoticeSpec:
    """One notice of the catalog.

    ``clauses``: every clause that orders it, the first the usual one. ``statutory``: false when
    no clause sets the deadline and the office keeps its five business days as practice.
    ``email_required``: the clause orders an e-mail besides the letter (1.10.35.8 A(2)).
    ``email_instead_of_letter``: an e-mail answers where the recipient gave an address, a
    letter only where not (1.10.35.8 D(1): the applicant chose how to be contacted).
    """

    notice_type: NoticeType
    clauses: tuple[str, ...]
    deadline: DeadlineKind
    statutory: bool
    email_required: bool
    summary: str
    email_instead_of_letter: bool = False

    @property
    def clause(self) -> str:
        """The usual clause of the notice."""
        return self.clauses[0]

    def clause_for(self, trigger_clause: str | None) -> str:
        """The clause that ordered this notice: the trigger's when it is one of the notice's."""
        return trigger_clause if trigger_clause in self.clauses else self.clause

    def required_channels(self, email_given: bool) -> tuple[str, ...]:
        """The channels that must go out before the notice is sent: the letter, and the e-mail
        where the clause orders both (1.10.35.8 A(2)); for a notice answered by e-mail where
        one was given, the e-mail alone (D(1)). A letter is posted, and an e-mail sent as well
        wherever an address was given, whatever is required."""
        if self.email_instead_of_letter:
            return ("email",) if email_given else ("mail",)
        return ("mail", "email") if self.email_required and email_given else ("mail",)


BUSINESS = DeadlineKind.business_days


def _spec(
    notice_type: NoticeType,
    clauses: tuple[str, ...],
    summary: str,
    *,
    deadline: DeadlineKind = BUSINESS,
    statutory: bool = True,
    email_required: bool = False,
    email_instead_of_letter: bool = False,
) -> NoticeSpec:
    return NoticeSpec(
        notice_type, clauses, deadline, statutory, email_required, summary, email_instead_of_letter
    )


CATALOG: dict[NoticeType, NoticeSpec] = {
    spec.notice_type: spec
    for spec in (
        _spec(
            NoticeType.rejection_incomplete,
            ("1.10.35.8 C(1)",),
            "The form is returned with the reasons: name, address, DOB or signature missing.",
        ),
        _spec(
            NoticeType.rejection_ssn_incomplete,
            ("1.10.35.8 C(1)",),
            "The full SSN is needed before a regular ballot; until then only a provisional one.",
        ),
        _spec(
            NoticeType.rejection_non_citizen,
            ("1.10.35.8 C(2)",),
            "Non-citizens may not vote in New Mexico; a box checked in error: fill a new form.",
        ),
        _spec(
            NoticeType.rejection_commercial_mailbox,
            ("1.10.35.8 C(3)",),
            "A commercial mailbox is no residence: a new form and online registration directions.",
        ),
        _spec(
            NoticeType.felony_incarceration,
            ("1.10.35.8 C(4)", "1.10.35.9 D(2)", "1.10.35.8 F(3)(b)"),
            "Ineligible while incarcerated for a felony; how to become eligible or correct it.",
        ),
        _spec(
            NoticeType.rejection_invalid_ssn,
            ("1.10.35.8 C(6)",),
            "The SSN given is not a valid series; the form is returned with the reason.",
        ),
        _spec(
            NoticeType.full_ssn_request,
            ("1.10.35.8 A(2)",),
            "E-mail and letter: how to give the full SSN on the secure SOS portal.",
            deadline=DeadlineKind.calendar_days,
            email_required=True,
        ),
        _spec(
            NoticeType.online_incomplete_contact,
            ("1.10.35.8 F(1)",),
            "The online or MVD application is in suspense: a corrected form is requested.",
        ),
        _spec(
            NoticeType.under_age_suspense,
            ("1.10.35.8 A(9)",),
            "Registered in suspense until 18; activated before the election when 18 by then.",
            statutory=False,
        ),
        _spec(
            NoticeType.mvd_mismatch_answer,
            ("1.10.35.8 D(1)",),
            "No MVD match online, contact asked: cannot be processed online, the paper form's "
            "link, the county clerk will make contact. By e-mail where one was given.",
            statutory=False,
            email_instead_of_letter=True,
        ),
        _spec(
            NoticeType.confirmation_card,
            ("1.10.35.9 A(3)",),
            "NVRA confirmation card, forwardable, with a prepaid return postcard (1.10.35.7 E).",
            statutory=False,
        ),
        _spec(
            NoticeType.new_certificate,
            ("1.10.35.9 A(5)",),
            "A new certificate of registration after a move to another county.",
            statutory=False,
        ),
        _spec(
            NoticeType.acknowledgement,
            ("52 U.S.C. 20507(a)(2)",),
            "The NVRA notice of the disposition of the application: the voter is registered.",
            statutory=False,
        ),
        _spec(
            NoticeType.breach_notice,
            ("1.10.35.11",),
            "An incident exposed the voter's data: what, when, to whom, what the office did.",
            statutory=False,
        ),
    )
}


@dataclass(frozen=True)
class OwedNotice:
    """A notice an event calls for, with the reasons it must state."""

    notice_type: NoticeType
    reasons: tuple[str, ...] = ()


REJECTION_NOTICES: dict[RejectionReason, NoticeType | None] = {
    RejectionReason.missing_name: NoticeType.rejection_incomplete,
    RejectionReason.missing_address: NoticeType.rejection_incomplete,
    RejectionReason.missing_dob: NoticeType.rejection_incomplete,
    RejectionReason.missing_signature: NoticeType.rejection_incomplete,
    RejectionReason.missing_required_field: NoticeType.rejection_incomplete,
    RejectionReason.ssn_incomplete: NoticeType.rejection_ssn_incomplete,
    RejectionReason.invalid_ssn: NoticeType.rejection_invalid_ssn,
    RejectionReason.non_citizen: NoticeType.rejection_non_citizen,
    RejectionReason.citizenship_unanswered: NoticeType.rejection_non_citizen,
    RejectionReason.commercial_mailbox: NoticeType.rejection_commercial_mailbox,
    RejectionReason.felony_incarceration: NoticeType.felony_incarceration,
    RejectionReason.mvd_identity_mismatch: NoticeType.mvd_mismatch_answer,
    RejectionReason.deceased: None,
}
"""The letter each rejection reason calls for; ``deceased`` calls for a referral, not a letter
(1.10.35.8 C(5))."""


def notices_for_rejection(reasons: Sequence[RejectionReason]) -> list[OwedNotice]:
    """1.10.35.8 C: one letter per kind of rejection, stating every reason of that kind, in the
    order of the catalog. Reasons of one kind share a letter (a form missing both name and DOB
    is returned once, with both reasons)."""
    grouped: dict[NoticeType, list[str]] = {}
    for reason in reasons:
        notice_type = REJECTION_NOTICES[reason]
        if notice_type is not None:
            grouped.setdefault(notice_type, []).append(str(reason))
    return [
        OwedNotice(notice_type, tuple(dict.fromkeys(grouped[notice_type])))
        for notice_type in CATALOG
        if notice_type in grouped
    ]


def referral_for_rejection(reasons: Sequence[RejectionReason]) -> ReferralReason | None:
    """1.10.35.8 C(5): a rejection for a confirmed death goes to the election prosecutor."""
    return ReferralReason.deceased_confirmed if RejectionReason.deceased in reasons else None


def notice_for_registration(
    status: VoterStatus, status_reason: StatusReason | None
) -> NoticeType | None:
    """The notice a new voter record calls for: in suspense as under age (1.10.35.8 A(9)), in
    suspense as an incomplete online or MVD application (F(1), a request for a corrected form),
    otherwise the acknowledgement of registration (NVRA, 52 U.S.C. 20507(a)(2))."""
    if status is VoterStatus.suspense:
        if status_reason is StatusReason.under_age:
            return NoticeType.under_age_suspense
        if status_reason is StatusReason.incomplete_application:
            return NoticeType.online_incomplete_contact
        return None
    if status is VoterStatus.active:
        return NoticeType.acknowledgement
    return None


def notice_for_status_change(
    new_status: VoterStatus, status_reason: StatusReason | None
) -> NoticeType | None:
    """Not eligible for felony incarceration → the felony notice with how to become eligible
    (1.10.35.8 C(4), 1.10.35.9 D(2), 1.10.35.8 F(3)(b)); inactive for a confirmation mailing →
    the NVRA confirmation card (1.10.35.9 A(3))."""
    if (
        new_status is VoterStatus.not_eligible
        and status_reason is StatusReason.felony_incarceration
    ):
        return NoticeType.felony_incarceration
    if new_status is VoterStatus.inactive and status_reason is StatusReason.confirmation_mailing:
        return NoticeType.confirmation_card
    return None


def notice_for_update(transferred: bool) -> NoticeType | None:
    """1.10.35.9 A(5): a voter who moved to another county is mailed a new certificate."""
    return NoticeType.new_certificate if transferred else None
