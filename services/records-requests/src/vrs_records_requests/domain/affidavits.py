"""The affidavit of authorization every requester completes (1.10.35.10 A).

Voter data may be used only for the purposes the Election Code allows (Sections 1-4-5.5 and
1-4-50 NMSA 1978, to which 1.10.35.11 refers): governmental, election campaign and
election-related purposes, never an unlawful or commercial one. The affidavit names who asks,
for which organisation, from which address, for which of those purposes, and attests it.
"""

from datetime import date, timedelta

from vrs_contracts.api.records_requests import AffidavitForm


def affidavit_problems(form: AffidavitForm, today: date) -> list[tuple[str, str]]:
    """1.10.35.10 A: every (field, problem) that keeps the affidavit from authorizing anything:
    a blank name, address or signature, no attestation that the data will not be used for an
    unlawful or commercial purpose, a signature dated in the future."""
    problems = [
        (field, "is required")
        for field in ("name", "address", "signature")
        if not getattr(form, field).strip()
    ]
    if not form.attests_lawful_use:
        problems.append(
            (
                "attests_lawful_use",
                "the requester must attest the data will not be used for unlawful or commercial purposes",
            )
        )
    if form.signed_on > today:
        problems.append(("signed_on", "is after today"))
    return problems


def valid_until(signed_on: date, valid_days: int) -> date:
    """The last day an affidavit authorizes requests: ``valid_days`` after its signature."""
    return signed_on + timedelta(days=valid_days)


def affidavit_in_force(signed_on: date, today: date, valid_days: int) -> bool:
    """1.10.35.10 A: a request proceeds only under an affidavit signed and not yet lapsed."""
    return signed_on <= today <= valid_until(signed_on, valid_days)
