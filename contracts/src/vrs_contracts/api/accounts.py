"""The account check every service makes on every request (docs/adr/0026).

``GET /v1/account-standing`` on the audit service, with the caller's own bearer token: the
standing of that token's subject, so a disabled account or a withdrawn role refuses the very
next request in every service.
"""

from typing import Literal

from pydantic import Field

from vrs_contracts.base import Contract
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role


class AccountStanding(Contract):
    """What the audit service holds of a subject's account now."""

    status: Literal["active", "disabled"] = Field(
        description="Only an active account acts; a disabled one is refused everywhere."
    )
    role: Role = Field(description="The role the account holds now.")
    county: County | None = Field(
        default=None, description="The county of a county role; null for statewide roles."
    )


class AccountStandingAnswer(Contract):
    """The answer of ``GET /v1/account-standing``."""

    account: AccountStanding | None = Field(
        description="The token subject's account; null when the subject has none (a "
        "development token, accepted only while accounts are not required)."
    )
