"""The matching API's request and answer models: the MVD identity check of 1.10.35.8 D(1).

Registration asks on behalf of a portal or a clerk. It sends the SSN's blind index, never the
number (docs/adr/0006), and the answer carries MVD data only when every criterion matched:
the MVD database never fills in what an applicant left out (1.10.35.8 B(2)), and a refusal
must not tell which field differed.
"""

from datetime import date

from pydantic import Field, model_validator

from vrs_contracts.base import Contract


class MvdIdentityQuery(Contract):
    """``POST /v1/mvd/identity-matches``: the three facts 1.10.35.8 D(1) compares."""

    mvd_id: str = Field(
        min_length=1,
        max_length=20,
        description="Driver's licence or state ID number as the applicant gave it, current or "
        "expired; case, spaces and hyphens are not significant.",
        examples=["123456789"],
    )
    ssn_blind_index: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        description="Keyed HMAC-SHA256 blind index of the applicant's full SSN "
        "(vrs_plumbing.blind_index.ssn_blind_index), as lowercase hex; never the SSN itself.",
    )
    date_of_birth: date = Field(description="The applicant's full date of birth, YYYY-MM-DD.")


class MvdIdentityAnswer(Contract):
    """Whether the MVD holds a record with that licence/ID number, full SSN and full DOB.

    On no match every field but ``matched`` is null: nothing says which criterion failed.
    """

    matched: bool = Field(
        description="True when one MVD record has the same licence/ID number (current or "
        "expired), the same full SSN and the same full DOB (1.10.35.8 D(1))."
    )
    signature_ref: str | None = Field(
        default=None,
        description="On a match: reference to the MVD's image of the signature, which goes "
        "with the online application (1.10.35.8 D(1)); null otherwise or when the MVD has none.",
    )
    photo_ref: str | None = Field(
        default=None,
        description="On a match: reference to the MVD's photo image; null otherwise or when "
        "the MVD has none.",
    )
    expired: bool | None = Field(
        default=None,
        description="On a match: whether the matching licence/ID has expired (an expired one "
        "still matches); null on no match.",
    )

    @model_validator(mode="after")
    def _no_data_without_a_match(self) -> "MvdIdentityAnswer":
        if not self.matched and (
            self.signature_ref is not None or self.photo_ref is not None or self.expired is not None
        ):
            raise ValueError("an answer without a match carries no MVD data")
        return self


class MvdRecordQuery(Contract):
    """``POST /v1/mvd/record-verifications``: a paper form's partial identity (1.10.35.8 A(2)).

    The form gives the licence/ID number or the last four SSN digits (at least one), with the
    name and DOB written on it.
    """

    mvd_id: str | None = Field(
        default=None, max_length=20, description="Licence or state ID number, if given."
    )
    ssn_last4: str | None = Field(
        default=None, pattern=r"^\d{4}$", description="Last four SSN digits, if given."
    )
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    date_of_birth: date = Field(description="Full date of birth.")

    @model_validator(mode="after")
    def _an_identifier(self) -> "MvdRecordQuery":
        if self.mvd_id is None and self.ssn_last4 is None:
            raise ValueError("give the licence/ID number or the last four SSN digits")
        return self


class MvdRecordAnswer(Contract):
    """Whether exactly one MVD record verifies the form; on a match, its SSN blind index.

    The blind index lets the duplicate search of A(1) run on the rule's strong criteria; the
    number itself is never returned, so the MVD never fills in the form (B(2)).
    """

    verified: bool = Field(
        description="One MVD record agrees on the identifier(s) given, the name and the DOB."
    )
    ssn_blind_index: str | None = Field(
        default=None, description="On a match: the record's SSN blind index."
    )
