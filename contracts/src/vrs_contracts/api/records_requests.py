"""The records-requests API (port 8004): affidavits, quotes, requests, payments, court orders,
exports and disclosure accounting (1.10.35.10, 1.10.35.11 H).

``GET /v1/exports/{export_id}/voters`` (:class:`ExportVoters`) is the one answer another
service reads: audit's breach query finds the voters an export disclosed with it.
"""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, StringConstraints

from vrs_contracts.api.registration import Text
from vrs_contracts.base import Contract
from vrs_contracts.counties import County


class Purpose(StrEnum):
    """The lawful purposes a requester may name (Section 1-4-5.5 NMSA 1978)."""

    governmental = "governmental"
    election_campaign = "election_campaign"
    election_related = "election_related"


class RequesterKind(StrEnum):
    """Who the requester is. An agency (another state's, a federal or a New Mexico one) gets a
    person's sensitive data only under a court order or subpoena an SOS administrator approved."""

    individual = "individual"
    campaign = "campaign"
    political_party = "political_party"
    researcher = "researcher"
    news_media = "news_media"
    new_mexico_government = "new_mexico_government"
    outside_agency = "outside_agency"


class Product(StrEnum):
    """The items of the uniform fee schedule (1.10.35.10 B; 1.10.35.7 AA, GG, NN, QQ)."""

    voter_data = "voter_data"
    voter_list = "voter_list"
    special_voter_list = "special_voter_list"
    precinct_list = "precinct_list"
    printed_labels = "printed_labels"
    early_absentee_daily_report = "early_absentee_daily_report"


class Medium(StrEnum):
    """The data recording media (1.10.35.7 J) a product is delivered on."""

    download = "download"
    cd = "cd"
    usb = "usb"
    paper = "paper"


class AffidavitForm(Contract):
    """The affidavit of authorization (1.10.35.10 A), as the requester signs it."""

    name: Text = Field(max_length=200, description="Full name of the person requesting.")
    organisation: Text = Field(
        default="", max_length=200, description="Organisation requested for; empty for oneself."
    )
    address: Text = Field(max_length=500, description="Postal address of the requester.")
    purpose: Purpose = Field(description="The lawful purpose the data is for.")
    requester_kind: RequesterKind = Field(description="Who the requester is.")
    attests_lawful_use: bool = Field(
        description="Attestation that the data will not be used for unlawful or commercial purposes."
    )
    signature: Text = Field(max_length=200, description="The requester's signature (typed name).")
    signed_on: date = Field(description="Date of signature (YYYY-MM-DD).")


class AffidavitView(AffidavitForm):
    """A stored affidavit: one version of a requester's."""

    affidavit_id: UUID = Field(description="Id of this version.")
    requester: str = Field(description="The requester account (the token's subject).")
    version: int = Field(description="1 for the first affidavit, then one more per new one.")
    recorded_at: datetime = Field(description="When it was stored.")
    valid_until: date = Field(description="Last day it authorizes requests.")
    in_force: bool = Field(description="Whether it authorizes requests today.")


class QuoteRequest(Contract):
    """What a quote is asked for."""

    product: Product
    medium: Medium
    records: int = Field(ge=0, description="Number of voter records.")


class QuoteLineView(Contract):
    """One line of a quote."""

    item: str
    quantity: int
    unit_cents: int
    amount_cents: int


class QuoteView(Contract):
    """A quote from the uniform fee schedule (1.10.35.10 B)."""

    schedule_version: str = Field(description="Version of the schedule it comes from.")
    lines: list[QuoteLineView]
    total_cents: int


FilterName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
"""A selection filter's name: lower-case letters, digits and underscores."""


class RecordsRequestForm(Contract):
    """A request for a product of the voter file."""

    product: Product
    medium: Medium = Medium.download
    county: County | None = Field(
        default=None, description="The county whose voters are asked for; null for statewide."
    )
    filters: dict[FilterName, Text] = Field(
        default_factory=dict,
        description="Selection filters (party, zip, city, street, …); a select group of "
        "1.10.35.7 FF is refused unless the affidavit's purpose allows it.",
    )
    voter_ids: list[UUID] = Field(
        default_factory=list,
        max_length=100_000,
        description="A special voter list's voters, in the order requested (1.10.35.7 GG).",
    )


RequestOutcome = Literal["quoted", "refused"]


class RecordsRequestView(Contract):
    """A request as stored: quoted (with its deposit) or refused with the reason."""

    request_id: UUID
    requester: str
    affidavit_id: UUID | None
    product: Product
    medium: Medium
    county: County | None
    filters: dict[str, str] = Field(description="The selection filters asked for.")
    purpose: Purpose | None
    outcome: RequestOutcome
    refusal_reason: str | None
    row_count: int | None
    quote: QuoteView | None
    deposit_cents: int | None = Field(description="Deposit the county requires before work.")
    paid_cents: int = Field(description="Deposits and payments recorded so far.")
    requested_at: datetime
    fulfilled_at: datetime | None


class DepositSetting(Contract):
    """A county's deposit, as a share of each quote (1.10.35.10 B)."""

    deposit_percent: int = Field(ge=0, le=100)


class PaymentForm(Contract):
    """A deposit or a payment received for a request."""

    kind: Literal["deposit", "payment"]
    amount_cents: int = Field(gt=0, le=1_000_000_000)
    reference: Text | None = Field(default=None, max_length=200, description="Receipt number.")


class PaymentView(PaymentForm):
    """A recorded deposit or payment."""

    payment_id: UUID
    request_id: UUID
    recorded_by: str
    recorded_at: datetime


class CourtOrderForm(Contract):
    """A court order or subpoena an agency attaches to a request for a person's sensitive data."""

    kind: Literal["court_order", "subpoena"]
    court: Text = Field(min_length=1, max_length=200)
    case_number: Text = Field(min_length=1, max_length=100)
    document_sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the order's scanned document."
    )


class CourtOrderDecision(Contract):
    """An SOS administrator's decision on an attached order."""

    decision: Literal["approved", "rejected"]


class CourtOrderView(CourtOrderForm):
    """An attached order and its decision."""

    court_order_id: UUID
    requester: str
    attached_at: datetime
    decision: Literal["approved", "rejected"] | None
    decided_by: str | None
    decided_at: datetime | None


class SensitiveDataRequestForm(Contract):
    """A request for a person's sensitive data (beyond the public fields)."""

    voter_id: UUID
    fields: list[Text] = Field(min_length=1, max_length=20)
    court_order_id: UUID | None = None


class SensitiveDataRequestView(Contract):
    """How a request for a person's sensitive data ended; kept either way."""

    sensitive_request_id: UUID
    outcome: Literal["approved", "refused"]
    reason: str | None = Field(
        description="Why refused; when approved, who fulfils it (registration holds the data)."
    )


class SensitiveDataFulfilment(Contract):
    """What the SOS gave an agency under its approved court order, from registration."""

    fields: list[Text] = Field(min_length=1, max_length=20, description="The fields given.")
    file_sha256: str | None = Field(
        default=None, pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the file given, if any."
    )


ExportState = Literal["queued", "building", "ready", "deleted"]


class ExportView(Contract):
    """An export job and its file (1.10.35.11 H)."""

    export_id: UUID
    request_id: UUID
    state: ExportState
    rows_total: int | None = Field(description="Rows the export holds, once selected.")
    rows_done: int = Field(description="Rows written so far.")
    columns: list[str]
    file_sha256: str | None
    downloads: int
    download_limit: int
    expires_at: datetime | None
    deleted_at: datetime | None


class ExportVoters(Contract):
    """The voters one export disclosed, in file order (for audit's breach query)."""

    export_id: UUID
    voter_ids: list[UUID]


class DisclosureView(Contract):
    """One disclosure: who received which fields of how many voters, when, why, and until when."""

    disclosure_id: UUID
    export_id: UUID | None = Field(description="The export disclosed, for a request's file.")
    request_id: UUID | None = Field(description="The request the export answered.")
    sensitive_request_id: UUID | None = Field(
        description="The request for a person's sensitive data the SOS fulfilled under a court order."
    )
    disclosed_at: datetime
    recipient_name: str
    recipient_organisation: str
    recipient_address: str
    purpose: Purpose
    legal_basis: Literal["affidavit", "court_order"]
    legal_basis_id: UUID
    fields: list[str]
    row_count: int
    file_sha256: str | None = Field(description="SHA-256 of the file given, when one was.")
    deletion_date: datetime | None = Field(description="When the export is deleted, for one.")
    deleted_at: datetime | None


class PublicLogEntry(Contract):
    """One voter-list request in the public log: requester, dates, charges."""

    request_id: UUID
    requester_name: str
    requester_organisation: str
    product: Product
    requested_at: datetime
    fulfilled_at: datetime | None
    charges_cents: int | None
