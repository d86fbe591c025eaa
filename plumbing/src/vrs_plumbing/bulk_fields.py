"""The column checks every bulk file shares (DESIGN.md, "Bulk file columns"): pure functions.

Each kind of bulk file (MVD, voters, and later deaths, felony, other-state, NCOA) keeps its own
columns and rules in its service's domain; what they all check the same way lives here: text
that is UTF-8, free of control characters and not too long; dates written YYYY-MM-DD; yes/no
words; two-letter state codes; ZIP codes; nine-digit SSNs. A problem names the line and the
column and says what is wrong, never what the value was (STYLE.md, habit 6). Standard library
only, so a service's domain may use it.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

NAME_COLUMNS = ("first_name", "middle_name", "last_name", "suffix")
"""A person's name as every file about people writes it, in this order."""
ISO_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
STATE_SHAPE = re.compile(r"^[A-Z]{2}$")
ZIP_SHAPE = re.compile(r"^\d{5}(-?\d{4})?$")
SEPARATORS = re.compile(r"[\s-]")  # how people space out SSNs and licence numbers
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
NOT_UTF8 = "\ufffd"  # what a byte that is not UTF-8 reads as (the reader decodes leniently)
YES_NO_WORDS = {
    "": False,
    "false": False,
    "0": False,
    "no": False,
    "true": True,
    "1": True,
    "yes": True,
}

ColumnProblem = Callable[[str, str], None]
"""Notes a problem of this row: ``(column, what is wrong)``, never the value."""


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one column of one line of the file (never the value itself)."""

    line: int
    column: str
    problem: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.column}: {self.problem}"


@dataclass(frozen=True)
class RejectedRow:
    """A row that will not be loaded, with every problem found in it."""

    line: int
    problems: tuple[RowProblem, ...]


@dataclass
class RowCheck:
    """The check of one data row: its raw text by column, and every problem found so far.

    ``fields`` maps column names to the raw text of the row (a missing column reads as blank);
    ``line`` is the file line the row starts on; ``max_lengths`` bounds text columns. Problems
    are kept in the order they are found, so one pass names every problem of the row.
    """

    fields: Mapping[str, str]
    line: int
    max_lengths: Mapping[str, int]
    problems: list[RowProblem] = field(default_factory=list)

    def problem(self, column: str, text: str) -> None:
        """Note that ``column`` is wrong in the way ``text`` says."""
        self.problems.append(RowProblem(self.line, column, text))

    def raw(self, column: str) -> str:
        """The column exactly as written ("" when the file has no such column)."""
        return self.fields.get(column) or ""

    def text(self, column: str, *, required: bool = False) -> str:
        """The column trimmed; one problem if it is blank but required, not UTF-8, holds control
        characters, or is longer than its bound."""
        value = self.raw(column).strip()
        if required and not value:
            self.problem(column, "required")
        elif NOT_UTF8 in value:
            self.problem(column, "must be UTF-8 text")
        elif CONTROL_CHARACTERS.search(value):
            self.problem(column, "must not contain control characters or line breaks")
        elif column in self.max_lengths and len(value) > self.max_lengths[column]:
            self.problem(column, f"must be at most {self.max_lengths[column]} characters")
        return value

    def rejected(self) -> RejectedRow:
        """The row as rejected, with every problem found."""
        return RejectedRow(self.line, tuple(self.problems))


def missing_columns(header: Sequence[str], promised: Sequence[str]) -> list[str]:
    """The ``promised`` columns a header row lacks, in the promised order."""
    present = set(header)
    return [column for column in promised if column not in present]


def date_until(column: str, written: str, today: date, problem: ColumnProblem) -> date | None:
    """A date written YYYY-MM-DD that is a real calendar day not after ``today``; None (and a
    problem) otherwise, and None without a problem when nothing is written."""
    if not written:
        return None
    if not ISO_DATE_SHAPE.match(written):
        problem(column, "must be a date written YYYY-MM-DD")
        return None
    try:
        day = date.fromisoformat(written)
    except ValueError:
        problem(column, "must be a real calendar date")
        return None
    if day > today:
        problem(column, "must not be in the future")
        return None
    return day


def yes_no(column: str, written: str, problem: ColumnProblem) -> bool:
    """A flag written true/false, 1/0, yes/no (any case) or left empty (no); a problem and False
    for any other word."""
    word = written.lower()
    if word not in YES_NO_WORDS:
        problem(column, "must be true, false, 1, 0, yes, no or empty")
        return False
    return YES_NO_WORDS[word]


def state_code(column: str, written: str, problem: ColumnProblem) -> str:
    """A two-letter state code in upper case ("" when blank); a problem and "" otherwise."""
    state = written.upper()
    if state and not STATE_SHAPE.match(state):
        problem(column, "must be a two-letter state code")
        return ""
    return state


def zip_code(column: str, written: str, problem: ColumnProblem) -> str:
    """A ZIP code of 5 or 9 digits (``87501``, ``87501-1234``, ``875011234``) as written
    ("" when blank); a problem and "" otherwise."""
    if written and not ZIP_SHAPE.match(written):
        problem(column, "must be a ZIP code of 5 or 9 digits")
        return ""
    return written


def ssn_digits(written: str, problem: ColumnProblem, *, required: bool, column: str = "ssn") -> str:
    """The nine digits of a full SSN, or "" when the column is blank or wrong.

    Dashes and spaces are ignored (``123-45-6789``); only ASCII digits count. A blank column is
    a problem only when ``required``. Problems never quote the number.
    """
    digits = SEPARATORS.sub("", written)
    if not digits:
        if required:
            problem(column, "required")
        return ""
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit():
        problem(column, "must be nine digits")
        return ""
    return digits
