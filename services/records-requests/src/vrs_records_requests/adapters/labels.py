"""Printed labels (1.10.35.10 B) as a PDF: US-letter sheets of 30 address labels (3 by 10, the
common 1 by 2 5/8 inch label), each the voter's name and mailing address, nothing else."""

from collections.abc import Iterable, Mapping

from fpdf import FPDF

from vrs_plumbing.pdf_text import ENCODING, drawable

MM_PER_INCH = 25.4
COLUMNS, ROWS = 3, 10
LEFT, TOP = 0.1875 * MM_PER_INCH, 0.5 * MM_PER_INCH
PITCH_X, PITCH_Y = 2.75 * MM_PER_INCH, 1.0 * MM_PER_INCH
WIDTH, PADDING, LINE = 2.625 * MM_PER_INCH, 3.0, 4.6


def label_lines(row: Mapping[str, str]) -> list[str]:
    """A label's lines: the name, the street, and city, state and zip."""
    name = " ".join(
        p for p in (row["first_name"], row["middle_name"], row["last_name"], row["suffix"]) if p
    )
    place = " ".join(
        p
        for p in (
            f"{row['mailing_city']}," if row["mailing_city"] else "",
            row["mailing_state"],
            row["mailing_zip"],
        )
        if p
    )
    return [line for line in (name, row["mailing_street"], place) if line]  # fmt: skip


def labels_pdf(rows: Iterable[Mapping[str, str]]) -> bytes:
    """Every row as one label, in file order, 30 to a sheet."""
    pdf = FPDF(format="letter", unit="mm")
    pdf.core_fonts_encoding = ENCODING
    pdf.set_auto_page_break(auto=False)
    pdf.set_creator("Voter Records System, records-requests service")
    pdf.set_title("Printed labels")
    pdf.set_font("Helvetica", size=9)
    for index, row in enumerate(rows):
        slot = index % (COLUMNS * ROWS)
        if slot == 0:
            pdf.add_page()
        x = LEFT + (slot % COLUMNS) * PITCH_X + PADDING
        y = TOP + (slot // COLUMNS) * PITCH_Y + PADDING
        for number, line in enumerate(label_lines(row)):
            pdf.set_xy(x, y + number * LINE)
            pdf.cell(WIDTH - 2 * PADDING, LINE, drawable(line)[:48])
    if pdf.page == 0:
        pdf.add_page()  # an export of no voters is still a file: one empty sheet
    return bytes(pdf.output())
