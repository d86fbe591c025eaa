"""The certificate image of an electronic application (1.10.35.8 D(9), E(2)), what it says and how
it is drawn, and the rules for documents of the voter record (1.10.35.7 EE, A(6))."""

from datetime import UTC, date, datetime
from io import BytesIO
from typing import Any
from uuid import UUID

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from vrs_registration.adapters.certificate_pdf import (
    APPROXIMATED_NOTE,
    drawable,
    render_certificate_pdf,
)
from vrs_registration.domain.certificate import (
    certificate_image_required,
    certificate_of,
    content_matches_media_type,
    county_name,
    masked_ssn,
)

APPLICATION_ID = UUID("0b5f3c1e-0000-4000-8000-000000000001")
VOTER_ID = UUID("0b5f3c1e-0000-4000-8000-000000000002")
RECEIVED = datetime(2026, 11, 20, 16, 30, tzinfo=UTC)
GENERATED = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def application(**changes: Any) -> dict[str, Any]:
    """A stored online application, as ``applications`` holds it (no SSN, only its last four)."""
    row: dict[str, Any] = {
        "application_id": APPLICATION_ID,
        "channel": "online",
        "county": "dona_ana",
        "received_at": RECEIVED,
        "first_name": "Josefina",
        "middle_name": None,
        "last_name": "Peña",
        "suffix": None,
        "date_of_birth": date(1980, 2, 3),
        "residence_address": {
            "street": "12 Calle Ocho",
            "city": "Las Cruces",
            "state": "NM",
            "zip": "88001",
        },
        "mailing_address": None,
        "ssn_last4": "0987",
        "gender": "F",
        "party": "DTS",
        "decision": "accepted",
        "status_reason": None,
        "details": {
            "citizen": True,
            "age_18_or_over": True,
            "language": "es",
            "party_as_written": None,
            "signature_ref": "mvd-signature:77",
            "photo_ref": "mvd-photo:77",
        },
    }
    return {**row, **changes}


def entries(row: dict[str, Any]) -> dict[str, str]:
    return dict(certificate_of(row, voter_id=VOTER_ID, generated_at=GENERATED).entries)


def page_text(pdf: bytes) -> str:
    """What a PDF reader draws on the pages (pypdf), to search."""
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


@pytest.mark.parametrize(
    ("channel", "generated"),
    [("online", True), ("mvd", True), ("paper", False), ("agency", False)],
)
def test_d9_e2_only_online_and_mvd_applications_get_a_generated_image(
    channel: str, generated: bool
) -> None:
    assert certificate_image_required(channel) is generated


@pytest.mark.parametrize(
    ("last4", "shown"),
    [("0987", "XXX-XX-0987"), (" 0987", "XXX-XX-0987"), (None, "not given"), ("98", "not given")],
)
def test_the_ssn_is_shown_by_its_last_four_digits_only(last4: str | None, shown: str) -> None:
    assert masked_ssn(last4) == shown


def test_the_certificate_says_what_the_application_said() -> None:
    said = entries(application())

    assert said["Application"] == str(APPLICATION_ID)
    assert said["Voter record"] == str(VOTER_ID)
    assert said["Received"] == "2026-11-20 09:30 MST"  # the county's time
    assert said["Received through"].startswith("Online voter registration system")
    assert said["County"] == "Doña Ana"
    assert said["Name"] == "Josefina Peña"
    assert said["Date of birth"] == "1980-02-03"
    assert said["Residence address"] == "12 Calle Ocho\nLas Cruces, NM 88001"
    assert said["Mailing address"] == "same as residence"
    assert said["Social Security number"] == "XXX-XX-0987"
    assert said["Party"] == "decline to select"
    assert said["U.S. citizen"] == "yes"
    assert said["Language"] == "Spanish"
    assert said["Signature image (MVD)"] == "mvd-signature:77"
    assert said["Photo image (MVD)"] == "mvd-photo:77"
    assert said["Decision at intake"] == "accepted"


def test_a_party_that_was_not_qualified_shows_as_written_beside_decline_to_select() -> None:
    said = entries(application(details={"party_as_written": "Green"}))

    assert said["Party"] == "decline to select (written: Green)"


def test_a_suspense_decision_shows_its_reason() -> None:
    said = entries(application(decision="suspense", status_reason="incomplete_application"))

    assert said["Decision at intake"] == "suspense (incomplete_application)"


def test_a4_a_confidential_address_shows_as_confidential_with_its_zip_only() -> None:
    row = application(details={"confidential_address": True})

    assert entries(row)["Residence address"] == "confidential 88001"


def test_missing_references_and_answers_are_said_so() -> None:
    said = entries(application(details={}, ssn_last4=None, date_of_birth=None))

    assert said["Signature image (MVD)"] == "not provided"
    assert said["U.S. citizen"] == "not answered"
    assert said["Social Security number"] == "not given"
    assert said["Date of birth"] == "not given"


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("dona_ana", "Doña Ana"),
        ("de_baca", "De Baca"),
        ("mckinley", "McKinley"),
        ("rio_arriba", "Rio Arriba"),
    ],
)
def test_county_names(code: str, name: str) -> None:
    assert county_name(code) == name


def test_the_pdf_is_a_pdf_and_holds_the_name_and_the_last_four() -> None:
    pdf = render_certificate_pdf(
        certificate_of(application(), voter_id=VOTER_ID, generated_at=GENERATED), compress=False
    )

    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert "Josefina Peña".encode("cp1252") in pdf
    assert b"XXX-XX-0987" in pdf
    assert b"mvd-signature:77" in pdf


def test_the_pdf_never_holds_a_full_ssn_even_if_the_row_carried_one() -> None:
    """The image reads the last four only: a stray full number in the row is never drawn."""
    row = application(ssn="512340987", details={"ssn": "512-34-0987"})
    certificate = certificate_of(row, voter_id=VOTER_ID, generated_at=GENERATED)

    for compress in (False, True):
        text = page_text(render_certificate_pdf(certificate, compress=compress))
        assert "512340987" not in text
        assert "512-34-0987" not in text
        assert "XXX-XX-0987" in text


def test_the_same_certificate_always_gives_the_same_bytes() -> None:
    certificate = certificate_of(application(), voter_id=VOTER_ID, generated_at=GENERATED)

    assert render_certificate_pdf(certificate) == render_certificate_pdf(certificate)


@pytest.mark.parametrize(
    ("written", "drawn", "approximated"),
    [
        ("Peña Ortíz", "Peña Ortíz", False),  # Spanish letters are drawn as written
        ("Łukasz", "Lukasz", True),
        ("Tódíchʼíi", "Tódích’íi", True),  # the Navajo glottal stop as an apostrophe
        ("Yą́ą́zhí", "Yáázhí", True),  # ogonek dropped, the acute kept
        ("李", "?", True),
        ("tab\there", "tab here", False),
        ("two\nlines", "two\nlines", False),
        ("zero\u200bwidth", "zerowidth", False),  # an invisible format character goes
    ],
)
def test_helvetica_draws_each_character_exactly_or_by_its_nearest_letter(
    written: str, drawn: str, approximated: bool
) -> None:
    assert drawable(written) == (drawn, approximated)


def test_a_name_drawn_approximately_is_noted_on_the_page() -> None:
    certificate = certificate_of(
        application(first_name="Łukasz"), voter_id=VOTER_ID, generated_at=GENERATED
    )

    pdf = render_certificate_pdf(certificate, compress=False)

    assert b"Lukasz" in pdf
    assert APPROXIMATED_NOTE.split(";")[0].encode() in pdf


# What a form can hold: pydantic refuses lone surrogates (category Cs) and the API refuses NUL.
FORM_TEXT = st.characters(exclude_characters="\x00", exclude_categories=("Cs",))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.text(FORM_TEXT, max_size=100),
    street=st.text(FORM_TEXT, max_size=200),
    description=st.text(FORM_TEXT, max_size=500),
)
def test_any_text_a_form_can_hold_is_drawn_without_failing(
    name: str, street: str, description: str
) -> None:
    """The image is made in the transaction that creates the voter: it must never fail on text."""
    row = application(
        first_name=name,
        residence_address={"street": street, "non_standard_description": description},
    )

    pdf = render_certificate_pdf(certificate_of(row, voter_id=VOTER_ID, generated_at=GENERATED))

    assert pdf.startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("content", "media_type", "matches"),
    [
        (b"%PDF-1.7\n", "application/pdf", True),
        (b"\xff\xd8\xff\xe0JFIF", "image/jpeg", True),
        (b"\x89PNG\r\n\x1a\n....", "image/png", True),
        (b"II*\x00....", "image/tiff", True),
        (b"MM\x00*....", "image/tiff", True),
        (b"%PDF-1.7\n", "image/png", False),
        (b"<html>", "application/pdf", False),
        (b"%PDF-1.7\n", "text/html", False),
        (b"", "application/pdf", False),
    ],
)
def test_ee_a_document_is_kept_only_as_the_kind_of_file_it_is(
    content: bytes, media_type: str, matches: bool
) -> None:
    assert content_matches_media_type(content, media_type) is matches
