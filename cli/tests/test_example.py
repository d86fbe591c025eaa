"""The example ``vrs up`` prints: synthetic, well-formed, paste-ready."""

import json
import random
import re
import shlex

from vrs_cli.example import paper_application, synthetic_ssn, try_it

SSN_SHAPE = re.compile(r"^(?!000|666|9)\d{3}(?!00)\d{2}(?!0000)\d{4}$")


def _valid(ssn: str) -> bool:
    return bool(SSN_SHAPE.match(ssn)) and 1 <= int(ssn[:3]) <= 772


def test_synthetic_ssns_have_an_issuable_area_a_nonzero_group_and_a_nonzero_serial() -> None:
    lowest = synthetic_ssn(lambda _bound: 0)
    highest = synthetic_ssn(lambda bound: bound - 1)
    assert lowest == "001010001"
    assert highest == "772999999"
    assert synthetic_ssn(lambda bound: 665 if bound == 771 else 0) == "667010001"
    assert synthetic_ssn(lambda bound: 664 if bound == 771 else 0) == "665010001"
    draws = random.Random(7)
    assert all(_valid(synthetic_ssn(draws.randrange)) for _ in range(5000))
    assert all(_valid(synthetic_ssn()) for _ in range(200))


def test_the_paper_application_has_every_field_of_the_contract_and_synthetic_values() -> None:
    application = paper_application(ssn="123456789")

    assert list(application) == [
        "channel",
        "county",
        "first_name",
        "middle_name",
        "last_name",
        "suffix",
        "date_of_birth",
        "ssn",
        "ssn_last4",
        "mvd_id",
        "gender",
        "residence_address",
        "mailing_address",
        "citizen",
        "age_18_or_over",
        "felony_incarcerated",
        "party",
        "signature_present",
        "agent_number",
        "form_number",
        "email",
        "phone",
        "language",
    ]
    assert application["channel"] == "paper"
    assert application["county"] == "santa_fe"
    assert application["ssn"] == "123456789"
    assert application["citizen"] is True
    assert application["language"] == "en"
    assert _valid(str(paper_application()["ssn"]))


def test_the_curl_example_survives_the_shell_and_names_the_token_and_idempotency_key() -> None:
    text = try_it(
        "http://127.0.0.1:8001",
        token_command="vrs token --role county_clerk --county santa_fe",
        idempotency_key="0b5c8a54-3f7e-4a3e-9b59-1f3e0c8d2a11",
    )

    assert "export TOKEN=$(vrs token --role county_clerk --county santa_fe)" in text
    post = text[text.index("curl -sS -X POST") : text.index("then read it back")]
    words = shlex.split(post.replace("\\\n", " "))
    assert words[:5] == ["curl", "-sS", "-X", "POST", "http://127.0.0.1:8001/v1/applications"]
    assert "Authorization: Bearer $TOKEN" in words
    assert "Idempotency-Key: 0b5c8a54-3f7e-4a3e-9b59-1f3e0c8d2a11" in words
    body = json.loads(words[words.index("-d") + 1])
    assert body["channel"] == "paper"
    assert body["residence_address"]["city"] == "Santa Fe"
    assert "http://127.0.0.1:8001/v1/applications/APPLICATION_ID" in text
