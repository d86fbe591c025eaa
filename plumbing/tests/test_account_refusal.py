"""A valid token still acts only as far as its subject's account allows (docs/adr/0026)."""

import pytest

from vrs_contracts.api.accounts import AccountStanding
from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Role
from vrs_plumbing.accounts import AccountServiceGate, account_refusal
from vrs_plumbing.auth import Principal

CLERK = Principal(subject="ana", role=Role.county_clerk, county=County.taos)


@pytest.mark.parametrize(
    ("standing", "required", "refusal"),
    [
        (AccountStanding(status="active", role=Role.county_clerk, county=County.taos), True, None),
        (
            AccountStanding(status="disabled", role=Role.county_clerk, county=County.taos),
            False,
            "account disabled",
        ),
        (
            AccountStanding(status="active", role=Role.county_supervisor, county=County.taos),
            False,
            "the token's role is no longer the account's; sign in again",
        ),
        (
            AccountStanding(status="active", role=Role.county_clerk, county=County.santa_fe),
            False,
            "the token's role is no longer the account's; sign in again",
        ),
        (None, False, None),
        (None, True, "no account for this subject"),
    ],
)
def test_the_account_decides_after_the_token(
    standing: AccountStanding | None, *, required: bool, refusal: str | None
) -> None:
    assert account_refusal(CLERK, standing, accounts_required=required) == refusal


async def test_an_account_service_that_does_not_answer_refuses_the_request() -> None:
    gate = AccountServiceGate("http://127.0.0.1:9", timeout_seconds=1, accounts_required=False)
    try:
        assert await gate.refusal(CLERK, "token") == "the account could not be checked; try again"
    finally:
        await gate.close()
