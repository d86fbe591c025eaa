"""Letters rendered from the templates: text and HTML for e-mail, PDF for print.

Templates are jinja2 files per language (``templates/en``, ``templates/es``): a layout with the
county clerk's return address and contact, and one body per notice type. The PDF is drawn with
fpdf2's Helvetica, a standard font every reader has; it writes the Windows-1252 letters, which
hold Spanish ones; any other character is drawn as its nearest plain letter.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from vrs_contracts.counties import County
from vrs_contracts.vocabulary import Language
from vrs_notifications.adapters.county_directory import county_office
from vrs_notifications.domain.letter import LetterFacts
from vrs_plumbing.logging import redact_ssn
from vrs_plumbing.pdf_text import ENCODING, drawable

MONTHS = {
    Language.en: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    Language.es: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
}
SALUTATION = {Language.en: "voter", Language.es: "votante"}
VERBATIM_DETAILS = frozenset({"secure_link"})
"""Details printed exactly as kept: a one-time link's token may hold any run of digits."""


@dataclass(frozen=True)
class LetterLinks:
    """Addresses letters give: the secure SSN page's base, the online portal, the paper form."""

    secure_link_base_url: str
    online_registration_url: str
    paper_form_url: str


@dataclass(frozen=True)
class RenderedLetter:
    """A notice, written: subject, plain text, HTML (for e-mail) and PDF (for print)."""

    subject: str
    text: str
    html: str
    pdf: bytes


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("vrs_notifications", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


@cache
def _table(language: Language, name: str) -> dict[str, str]:
    source = _environment().loader
    assert source is not None
    text, _, _ = source.get_source(_environment(), f"{language}/{name}")
    table: dict[str, str] = json.loads(text)
    return table


def written_date(day: date, language: Language) -> str:
    """A date as a letter writes it: "November 23, 2026", "23 de noviembre de 2026"."""
    month = MONTHS[language][day.month - 1]
    if language is Language.es:
        return f"{day.day} de {month} de {day.year}"
    return f"{month} {day.day}, {day.year}"


class LetterRenderer:
    """Renders a notice's letter in the recipient's language."""

    def __init__(self, links: LetterLinks) -> None:
        self._links = links

    def render(self, facts: LetterFacts) -> RenderedLetter:
        """The letter of ``facts``; the same facts always give the same text."""
        language = facts.language
        office = county_office(facts.county)
        reasons = _table(language, "reasons.json")
        # What others wrote (an applicant's address, an auditor's account of an incident) is
        # printed as written, but never an SSN-shaped number: a letter holds no full SSN.
        details = {
            key: value if key in VERBATIM_DETAILS else redact_ssn(value)
            for key, value in facts.details.items()
        }
        transferred_from = details.get("transferred_from")
        context = {
            "office": office,
            "today": written_date(facts.written_on, language),
            "recipient_lines": [redact_ssn(line) for line in facts.recipient.address_lines()],
            "notice_id": facts.notice_id,
            "clause": facts.clause,
            "salutation": redact_ssn(facts.recipient.full_name or SALUTATION[language]),
            "body": f"{language}/{facts.notice_type}.txt.j2",
            "reasons": [redact_ssn(reasons.get(reason, reason)) for reason in facts.reasons],
            "county_name": office.county_name,
            "transferred_from_name": county_office(County(transferred_from)).county_name
            if transferred_from
            else None,
            "secure_link": self._links.secure_link_base_url.rstrip("/")
            + details.get("secure_link", ""),
            "link_expires": details.get("link_expires", ""),
            "online_registration_url": self._links.online_registration_url,
            "paper_form_url": self._links.paper_form_url,
            "exposed_from": _written_detail(details, "exposed_from", language),
            "exposed_until": _written_detail(details, "exposed_until", language),
            "exposed_to": details.get("exposed_to", ""),
            "office_action": details.get("office_action", ""),
        }
        text = _environment().get_template(f"{language}/_letter.txt.j2").render(context)
        subject = _table(language, "subjects.json")[facts.notice_type]
        paragraphs = [block.splitlines() for block in text.strip().split("\n\n")]
        html = (
            _environment()
            .get_template("_email.html.j2")
            .render(language=language, subject=subject, paragraphs=paragraphs)
        )
        return RenderedLetter(subject, text, html, letter_pdf(subject, text, language))


def _written_detail(details: dict[str, str], key: str, language: Language) -> str:
    """A date the notice's details keep as ``YYYY-MM-DD``, as the letter writes it."""
    value = details.get(key)
    return written_date(date.fromisoformat(value), language) if value else ""


def letter_pdf(subject: str, text: str, language: Language, *, compress: bool = True) -> bytes:
    """One letter as a one-page (or longer) US-letter PDF."""
    return bundle_pdf([(subject, text, language)], compress=compress)


def bundle_pdf(letters: Iterable[tuple[str, str, Language]], *, compress: bool = True) -> bytes:
    """Letters one after another, each from a new page: a print batch's bundle."""
    pdf = FPDF(format="letter", unit="mm")
    pdf.core_fonts_encoding = ENCODING
    pdf.compress = compress
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_creator("Voter Records System, notifications service")
    for subject, text, language in letters:
        pdf.set_lang("es-US" if language is Language.es else "en-US")
        pdf.set_title(drawable(subject))
        pdf.add_page()
        pdf.set_font("Helvetica", size=10.5)
        for line in text.splitlines():
            pdf.multi_cell(0, 5.2, drawable(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
