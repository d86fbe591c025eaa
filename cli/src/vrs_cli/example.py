"""The ready-to-paste example ``vrs up`` prints: a paper application with synthetic data.

The SSN is random but well-formed (area 001-665 or 667-772, group not 00, serial not 0000),
so each paste is a new applicant; every other field is plainly made up.
"""

import json
import secrets
import shlex
from collections.abc import Callable
from uuid import uuid4

Random = Callable[[int], int]


def synthetic_ssn(randbelow: Random = secrets.randbelow) -> str:
    """Nine digits shaped like an issued SSN, never a real person's on purpose."""
    area = 1 + randbelow(771)  # 1..771, then skip 666 to land in 001-665 or 667-772
    if area >= 666:
        area += 1
    group = 1 + randbelow(99)
    serial = 1 + randbelow(9999)
    return f"{area:03d}{group:02d}{serial:04d}"


def paper_application(ssn: str | None = None) -> dict[str, object]:
    """A complete paper application for Santa Fe county, with clearly synthetic data."""
    return {
        "channel": "paper",
        "county": "santa_fe",
        "first_name": "Sample",
        "middle_name": "Q",
        "last_name": "Testapplicant",
        "suffix": None,
        "date_of_birth": "1990-01-01",
        "ssn": ssn if ssn is not None else synthetic_ssn(),
        "ssn_last4": None,
        "mvd_id": None,
        "gender": "F",
        "residence_address": {
            "street": "100 Example St",
            "city": "Santa Fe",
            "state": "NM",
            "zip": "87501",
            "non_standard_description": None,
        },
        "mailing_address": None,
        "citizen": True,
        "age_18_or_over": True,
        "felony_incarcerated": None,
        "party": None,
        "signature_present": True,
        "agent_number": None,
        "form_number": None,
        "email": None,
        "phone": None,
        "language": "en",
    }


def try_it(
    registration_url: str,
    *,
    token_command: str,
    idempotency_key: str | None = None,
    application: dict[str, object] | None = None,
) -> str:
    """Shell lines: get a clerk's token, submit the application, read it back."""
    body = json.dumps(application if application is not None else paper_application())
    key = idempotency_key or str(uuid4())
    return "\n".join(
        [
            "Try it: submit a paper application (synthetic data) as the Santa Fe county clerk:",
            "",
            f"  export TOKEN=$({token_command})",
            f"  curl -sS -X POST {registration_url}/v1/applications \\",
            '    -H "Authorization: Bearer $TOKEN" \\',
            f'    -H "Idempotency-Key: {key}" \\',
            '    -H "Content-Type: application/json" \\',
            f"    -d {shlex.quote(body)}",
            "",
            'then read it back with the "application_id" of the answer:',
            "",
            f"  curl -sS {registration_url}/v1/applications/APPLICATION_ID "
            '-H "Authorization: Bearer $TOKEN"',
        ]
    )


def try_identity_check(
    registration_url: str,
    *,
    token_command: str,
    mvd_id: str,
    ssn: str,
    date_of_birth: str,
    holder: str,
) -> str:
    """Shell lines: get a portal's token, check a demo licence against the MVD index (D(1)).

    ``holder`` names the (made-up) person the licence belongs to; the SSN is theirs, printed
    because the demo person and the number are synthetic.
    """
    body = json.dumps({"mvd_id": mvd_id, "ssn": ssn, "date_of_birth": date_of_birth})
    return "\n".join(
        [
            f"Try the online channel with a demo licence (made-up person: {holder}, not yet",
            "registered; mvd_id, SSN and date of birth below) as an online portal:",
            "",
            f"  export PORTAL=$({token_command})",
            f"  curl -sS -X POST {registration_url}/v1/identity-checks \\",
            '    -H "Authorization: Bearer $PORTAL" -H "Content-Type: application/json" \\',
            f"    -d {shlex.quote(body)}",
            "",
            'then apply online with the answer\'s "identity_check_id" (channel "online").',
        ]
    )
