"""Every notice renders in English and Spanish, carries what its clause requires, and holds only
what its recipient needs: no SSN, no other person's data."""

import re
from datetime import date
from uuid import UUID

import pytest

from vrs_contracts.counties import County
from vrs_contracts.people import Address, PersonName
from vrs_contracts.vocabulary import Language
from vrs_notifications.adapters.letters import LetterLinks, LetterRenderer, letter_pdf
from vrs_notifications.domain.catalog import CATALOG, NoticeType
from vrs_notifications.domain.letter import LetterFacts, Recipient

RENDERER = LetterRenderer(
    LetterLinks(
        secure_link_base_url="https://vrs.example/registration",
        online_registration_url="https://portal.example/OVR/",
        paper_form_url="https://sos.example/paper-form",
    )
)
MARIA = Recipient(
    name=PersonName(first_name="María", last_name="Peña Ortiz"),
    mailing_address=Address(street="12 Calle Doña Ana", city="Taos", state="NM", zip="87571"),
    email="maria@example.org",
)
DETAILS = {
    NoticeType.full_ssn_request: {
        "secure_link": "/v1/full-ssn/tok123",
        "link_expires": "2026-12-01",
    },
    NoticeType.new_certificate: {"transferred_from": "santa_fe"},
    NoticeType.breach_notice: {
        "incident_id": "00000000-0000-0000-0000-000000000009",
        "exposed_from": "2026-11-02",
        "exposed_until": "2026-11-05",
        "exposed_to": "one county user account without a need to know",
        "office_action": "The account was disabled and the records it read were reviewed.",
    },
}
REASONS = {
    NoticeType.rejection_incomplete: ("missing_signature", "missing_dob"),
    NoticeType.rejection_non_citizen: ("non_citizen",),
    NoticeType.breach_notice: ("name", "residence address"),
}

REQUIRED: dict[NoticeType, dict[Language, list[str]]] = {
    NoticeType.rejection_incomplete: {
        Language.en: ["your signature or usual mark", "your date of birth", "returned"],
        Language.es: ["su firma o marca habitual", "su fecha de nacimiento", "se le devuelve"],
    },
    NoticeType.rejection_ssn_incomplete: {
        Language.en: [
            "full Social Security number",
            "before you receive a ballot",
            "provisional ballot",
        ],
        Language.es: [
            "Seguro Social completo",
            "antes de recibir una boleta",
            "boleta provisional",
        ],
    },
    NoticeType.rejection_non_citizen: {
        Language.en: [
            "Non-citizens are not eligible to vote in New Mexico",
            "checked in error",
            "new voter registration form",
        ],
        Language.es: [
            "no son ciudadanas no pueden votar en las elecciones de Nuevo México",
            "por error",
            "formulario de inscripción nuevo",
        ],
    },
    NoticeType.rejection_commercial_mailbox: {
        Language.en: [
            "commercial mail box",
            "new voter registration form is enclosed",
            "https://portal.example/OVR/",
        ],
        Language.es: [
            "establecimiento comercial de buzones",
            "formulario nuevo",
            "https://portal.example/OVR/",
        ],
    },
    NoticeType.felony_incarceration: {
        Language.en: [
            "ineligible to register to vote while incarcerated",
            "How to become eligible",
            "update or correct",
        ],
        Language.es: [
            "no puede inscribirse para votar mientras esté encarcelado",
            "Cómo volver a ser elegible",
            "actualizarla o corregirla",
        ],
    },
    NoticeType.rejection_invalid_ssn: {
        Language.en: ["not a valid series of numbers", "returned"],
        Language.es: ["no es una serie válida de números", "se le devuelve"],
    },
    NoticeType.full_ssn_request: {
        Language.en: [
            "https://vrs.example/registration/v1/full-ssn/tok123",
            "secure portal",
            "2026-12-01",
        ],
        Language.es: [
            "https://vrs.example/registration/v1/full-ssn/tok123",
            "portal seguro",
            "2026-12-01",
        ],
    },
    NoticeType.online_incomplete_contact: {
        Language.en: ["suspense", "incomplete application", "corrected voter registration form"],
        Language.es: ["suspenso", "solicitud incompleta", "formulario de inscripción corregido"],
    },
    NoticeType.under_age_suspense: {
        Language.en: [
            "suspense",
            "activates your registration before the election if you will be 18",
        ],
        Language.es: [
            "suspenso",
            "activará su inscripción antes de la elección si usted tendrá 18 años",
        ],
    },
    NoticeType.mvd_mismatch_answer: {
        Language.en: [
            "cannot be processed online",
            "did not match a Motor Vehicle Division record",
            "https://sos.example/paper-form",
            "the Taos County Clerk will contact you",
        ],
        Language.es: [
            "no se puede procesar en línea",
            "División de Vehículos Motorizados",
            "https://sos.example/paper-form",
            "el secretario del condado de Taos se comunicará con usted",
        ],
    },
    NoticeType.confirmation_card: {
        Language.en: [
            "may have moved",
            "postage prepaid return postcard",
            "second general election",
        ],
        Language.es: ["se haya mudado", "franqueo pagado", "segunda elección general"],
    },
    NoticeType.new_certificate: {
        Language.en: [
            "transferred to Taos County",
            "from Santa Fe County",
            "new certificate of registration",
        ],
        Language.es: ["condado de Taos", "condado de Santa Fe", "nuevo certificado de inscripción"],
    },
    NoticeType.acknowledgement: {
        Language.en: ["registered to vote in Taos County"],
        Language.es: ["inscrito para votar en el condado de Taos"],
    },
    NoticeType.breach_notice: {  # 1.10.35.11: what was exposed, when, to whom, what was done
        Language.en: [
            "What was exposed: name, residence address.",
            "When: from November 2, 2026 to November 5, 2026.",
            "To whom: one county user account without a need to know.",
            "What this office did: The account was disabled",
        ],
        Language.es: [
            "Qué se expuso: nombre, dirección de residencia.",
            "Cuándo: del 2 de noviembre de 2026 al 5 de noviembre de 2026.",
            "A quién: one county user account without a need to know.",
            "Qué hizo esta oficina: The account was disabled",
        ],
    },
}


def facts(notice_type: NoticeType, language: Language, recipient: Recipient = MARIA) -> LetterFacts:
    return LetterFacts(
        notice_id=UUID(int=7),
        notice_type=notice_type,
        clause=CATALOG[notice_type].clause,
        language=language,
        county=County.taos,
        recipient=recipient,
        written_on=date(2026, 11, 23),
        reasons=REASONS.get(notice_type, ()),
        details=DETAILS.get(notice_type, {}),
    )


def test_every_notice_type_has_its_required_content_listed() -> None:
    assert set(REQUIRED) == set(NoticeType) == set(CATALOG)


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("notice_type", list(NoticeType))
def test_each_notice_renders_what_its_clause_requires(
    notice_type: NoticeType, language: Language
) -> None:
    letter = RENDERER.render(facts(notice_type, language))
    for phrase in REQUIRED[notice_type][language]:
        assert phrase in letter.text, phrase
    assert CATALOG[notice_type].clause in letter.text
    assert "María Peña Ortiz" in letter.text
    assert "12 Calle Doña Ana" in letter.text
    assert "Taos County Clerk" in letter.text  # the clerk's return address and contact
    assert letter.subject
    assert letter.pdf.startswith(b"%PDF-")
    assert "<p>" in letter.html
    assert "María Peña Ortiz" in letter.html


def test_the_html_of_an_email_escapes_what_the_applicant_wrote() -> None:
    sly = Recipient(
        name=PersonName(first_name="<script>", last_name="O'Hara & Sons"),
        mailing_address=Address(street="1 Main", city="Taos", state="NM"),
        email=None,
    )
    letter = RENDERER.render(facts(NoticeType.acknowledgement, Language.en, sly))
    assert "<script>" not in letter.html
    assert "&lt;script&gt;" in letter.html


def test_the_spanish_letter_is_in_spanish_with_spanish_dates() -> None:
    letter = RENDERER.render(facts(NoticeType.rejection_non_citizen, Language.es))
    assert "23 de noviembre de 2026" in letter.text
    assert "Atentamente" in letter.text
    english = RENDERER.render(facts(NoticeType.rejection_non_citizen, Language.en))
    assert "November 23, 2026" in english.text


NINE_DIGITS = re.compile(r"(?<!\d)\d{3}[- ]?\d{2}[- ]?\d{4}(?!\d)")


def pdf_text(pdf: bytes) -> str:
    """The strings an uncompressed PDF draws (its ``(...) Tj`` operators)."""
    return "\n".join(match.decode("windows-1252") for match in re.findall(rb"\((.*?)\)\s*Tj", pdf))


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("notice_type", list(NoticeType))
def test_no_letter_holds_an_ssn_or_another_persons_data(
    notice_type: NoticeType, language: Language
) -> None:
    letter = RENDERER.render(facts(notice_type, language))
    uncompressed = letter_pdf(letter.subject, letter.text, language, compress=False)
    drawn = pdf_text(uncompressed)
    assert "Peña Ortiz" in drawn
    for body in (letter.text, letter.html, drawn):
        assert not NINE_DIGITS.search(body)
    other = RENDERER.render(
        facts(
            notice_type,
            language,
            Recipient(
                name=PersonName(first_name="Jose", last_name="Otero"),
                mailing_address=Address(street="9 Elm", city="Taos", state="NM"),
                email="jose@example.org",
            ),
        )
    )
    assert "Peña" not in other.text
    assert "Calle Doña Ana" not in other.text
    assert "maria@example.org" not in other.text + letter.text  # an address is not content


def test_a_letter_without_a_name_greets_the_voter() -> None:
    nameless = Recipient(name=None, mailing_address=None, email=None)
    letter = RENDERER.render(facts(NoticeType.acknowledgement, Language.es, nameless))
    assert "Estimado/a votante:" in letter.text
    assert not nameless.mailable


@pytest.mark.parametrize("language", list(Language))
def test_an_ssn_written_into_what_others_typed_never_reaches_the_letter(
    language: Language,
) -> None:
    """Free text comes from people (an auditor's account of an incident, an applicant's
    address): an SSN pasted into it is drawn as redacted, in the text, the HTML and the PDF."""
    careless = Recipient(
        name=PersonName(first_name="Ana", last_name="Ruiz 512-34-0987"),
        mailing_address=Address(street="512340987 Calle Real", city="Taos", state="NM"),
        email=None,
    )
    breach = LetterFacts(
        notice_id=UUID(int=9),
        notice_type=NoticeType.breach_notice,
        clause="1.10.35.11",
        language=language,
        county=County.taos,
        recipient=careless,
        written_on=date(2026, 11, 23),
        reasons=("name", "SSN 512 34 0987"),
        details={
            **DETAILS[NoticeType.breach_notice],
            "exposed_to": "a vendor who received the file with SSN 512340987",
            "office_action": "The file 512-34-0987.csv was deleted.",
        },
    )
    letter = RENDERER.render(breach)
    drawn = pdf_text(letter_pdf(letter.subject, letter.text, language, compress=False))
    for body in (letter.text, letter.html, drawn):
        assert not NINE_DIGITS.search(body)
        assert "0987" not in body
    assert "[REDACTED-SSN]" in letter.text


def test_a_one_time_link_is_printed_exactly_even_with_nine_digits_in_its_token() -> None:
    link = {"secure_link": "/v1/full-ssn/ab123456789cd", "link_expires": "2026-12-01"}
    letter = RENDERER.render(
        LetterFacts(
            notice_id=UUID(int=10),
            notice_type=NoticeType.full_ssn_request,
            clause="1.10.35.8 A(2)",
            language=Language.en,
            county=County.taos,
            recipient=MARIA,
            written_on=date(2026, 11, 23),
            details=link,
        )
    )
    assert "https://vrs.example/registration/v1/full-ssn/ab123456789cd" in letter.text
