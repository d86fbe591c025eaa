"""Reading a bulk CSV file (DESIGN.md, "Bulk file columns") in one pass, row by row.

Every kind of bulk file is a UTF-8 CSV file with a header row naming its columns (any case,
any spacing, with or without a byte-order mark); extra columns are ignored. What is read the
same way for every kind lives here: the header is checked (a file whose header is unusable is
refused as a whole), and each data row is handed, with the line it starts on, to the kind's
own row check. A row that is not UTF-8, not valid CSV (a stray quote) or of the wrong width is
rejected alone and the reading goes on at the next line. No message quotes a value of the file.
"""

import codecs
import csv
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, BinaryIO, TypeVar

from vrs_plumbing.bulk_fields import RejectedRow, RowProblem

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

Record = TypeVar("Record")
RowReader = Callable[[Mapping[str, str], int], Record | RejectedRow]
"""A kind's row check: ``(fields by column name, line) -> record or rejected row``."""


class BulkFileError(Exception):
    """The file cannot be loaded at all (empty, no usable header, missing columns).

    The message names the file's problem and never quotes a row.
    """


class BulkCsv:
    """A bulk CSV file open for reading, its header already checked.

    ``binary`` is the file opened in binary mode; ``missing_columns`` names the promised
    columns a header lacks; ``error`` is the kind's :class:`BulkFileError` (or another
    exception taking a message), raised when the header is unusable.
    """

    def __init__(
        self,
        binary: BinaryIO,
        *,
        missing_columns: Callable[[Sequence[str]], list[str]],
        error: Callable[[str], Exception] = BulkFileError,
    ) -> None:
        self._binary = binary
        self._reader = csv.reader(decoded_lines(binary), strict=True)
        self.header = read_header(self._reader, missing_columns=missing_columns, error=error)

    def rows(self, read_row: RowReader[Record]) -> Iterator[Record | RejectedRow]:
        """Each data row checked by ``read_row``; see :func:`checked_rows`."""
        return checked_rows(self._reader, self.header, read_row)

    def bytes_read(self) -> int:
        """How far into the file the reading is, in bytes (for progress)."""
        return self._binary.tell()


def decoded_lines(binary: BinaryIO) -> Iterator[str]:
    """The file's lines as text, line endings kept (as csv wants them), byte-order mark dropped.

    Each line is decoded on its own, so a byte that is not UTF-8 spoils only its row: it reads
    as U+FFFD, which the row check reports as a column that is not UTF-8 text.
    """
    first = True
    for raw in binary:
        if first:
            raw = raw.removeprefix(codecs.BOM_UTF8)  # noqa: PLW2901 - the one line with a BOM
            first = False
        yield raw.decode("utf-8", errors="replace")


def read_header(
    reader: "CsvReader",
    *,
    missing_columns: Callable[[Sequence[str]], list[str]],
    error: Callable[[str], Exception] = BulkFileError,
) -> list[str]:
    """The column names of the header row, trimmed and in lower case.

    Raises ``error(message)`` when the header is not valid CSV, absent (an empty file), names
    a column twice, or lacks any column ``missing_columns`` names.
    """
    try:
        row = next(reader, None)
    except csv.Error as exc:
        raise error(f"line 1 (the header) is not valid CSV: {exc}") from None
    if row is None:
        raise error("the file is empty: expected a header row naming the columns")
    names = [name.strip().lower() for name in row]
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        raise error(f"the header names a column twice: {', '.join(repeated)}")
    missing = missing_columns(names)
    if missing:
        raise error(f"the header lacks the column(s): {', '.join(missing)}")
    return names


def checked_rows(
    reader: "CsvReader",
    header: Sequence[str],
    read_row: RowReader[Record],
) -> Iterator[Record | RejectedRow]:
    """Each data row checked by ``read_row(fields, line)``, with the line it starts on; blank
    lines are skipped.

    ``fields`` maps each named column of ``header`` to the row's text. A row csv cannot parse
    (a stray quote) or with another number of values than the header is rejected here, and the
    reading goes on at the next line.
    """
    positions = {name: position for position, name in enumerate(header) if name}
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            # csv's messages describe the syntax ("',' expected after '\"'"), never the text.
            yield RejectedRow(line, (RowProblem(line, "row", f"not valid CSV: {exc}"),))
            continue
        if row is None:
            return
        if not row:
            continue
        if len(row) != len(header):
            problem = f"has {len(row)} values; the header names {len(header)} columns"
            yield RejectedRow(line, (RowProblem(line, "row", problem),))
            continue
        yield read_row({name: row[position] for name, position in positions.items()}, line)
