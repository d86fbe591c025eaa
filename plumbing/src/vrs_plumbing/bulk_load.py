"""Loading the checked rows of a bulk file into PostgreSQL: what every importer does the same way.

An importer opens one connection in its service's schema, runs the whole load in one
transaction (a failure half-way loads nothing), streams the good rows into a staging table
through ``COPY`` while every bad row goes to the caller's problem sink, and then does its own
set-wise work. A database error is reported by its SQLSTATE or the first line of the driver's
message, never with PostgreSQL's details, because those quote row values.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

import psycopg
from psycopg import sql

from vrs_plumbing.bulk_fields import RejectedRow, RowProblem

Record = TypeVar("Record")
ProblemSink = Callable[[RowProblem], None]
"""Takes each problem of a rejected row, in file order."""
ProgressSink = Callable[[int, int], None]
"""Takes ``(bytes_read, rows_read)`` every few thousand rows and at the end."""
PROGRESS_EVERY_ROWS = 2000


@dataclass
class BulkLoadReport:
    """What one load did: rows read; records new or already loaded as stated; rows rejected.
    ``rows_read == loaded + rejected``. A kind whose load also updates records adds a count."""

    rows_read: int = 0
    inserted: int = 0
    unchanged: int = 0
    rejected: int = 0

    @property
    def loaded(self) -> int:
        """Good rows: their records are now stored as the file states them."""
        return self.inserted + self.unchanged

    def log_fields(self) -> dict[str, object]:
        """The fields of the log line that ends a load: its outcome and every count."""
        return {"outcome": "partial" if self.rejected else "complete", **asdict(self)}


def stream_rows(
    items: Iterable[Record | RejectedRow],
    *,
    report: BulkLoadReport,
    write: Callable[[Record], None],
    on_problem: ProblemSink,
    on_progress: ProgressSink | None,
    bytes_read: Callable[[], int],
) -> None:
    """Hand each good record to ``write`` and each problem of a rejected row to ``on_problem``,
    counting rows read and rejected in ``report``; report progress every
    :data:`PROGRESS_EVERY_ROWS` rows (not at the end: the caller does, once its work is done)."""
    for item in items:
        report.rows_read += 1
        if isinstance(item, RejectedRow):
            report.rejected += 1
            for problem in item.problems:
                on_problem(problem)
        else:
            write(item)
        if on_progress and report.rows_read % PROGRESS_EVERY_ROWS == 0:
            on_progress(bytes_read(), report.rows_read)


def copy_rows(
    cursor: "psycopg.Cursor[Any]",
    table: str,
    columns: Sequence[str],
    items: Iterable[Record | RejectedRow],
    *,
    report: BulkLoadReport,
    staged: Callable[[Record], Sequence[object]],
    on_problem: ProblemSink,
    on_progress: ProgressSink | None,
    bytes_read: Callable[[], int],
) -> None:
    """``COPY`` the staged row of each good record into ``table`` (its ``columns`` in order);
    each problem of a rejected row goes to ``on_problem``; see :func:`stream_rows`."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    with cursor.copy(statement) as copy:
        stream_rows(
            items,
            report=report,
            write=lambda record: copy.write_row(staged(record)),
            on_problem=on_problem,
            on_progress=on_progress,
            bytes_read=bytes_read,
        )


@contextmanager
def load_transaction(
    database_url: str,
    schema: str,
    *,
    needs: Sequence[str],
    not_ready: str,
    error: Callable[[str], Exception],
) -> "Iterator[psycopg.Cursor[Any]]":
    """A cursor in ``schema`` inside the one transaction of a load; any failure loads nothing.

    ``needs`` names the tables and indexes the load relies on; when one is missing (the
    service's migrations have not run) ``error(not_ready)`` is raised. Every database error,
    from connecting to committing, becomes ``error(message)`` (see :func:`database_errors_as`).
    """
    with database_errors_as(error):
        conn = connect_in_schema(database_url, schema, error=error)
        with conn:
            found = conn.execute(
                "SELECT count(*) FROM unnest(%s::text[]) AS name WHERE to_regclass(name) IS NULL",
                [list(needs)],
            ).fetchone()
            if found is None or found[0]:
                raise error(not_ready)
            with conn.transaction():
                yield conn.cursor()


def connect_in_schema(
    database_url: str, schema: str, *, error: Callable[[str], Exception]
) -> "psycopg.Connection[tuple[Any, ...]]":
    """A connection working in ``schema``, in autocommit so that its one transaction is the
    caller's; ``error(message)`` when the database cannot be reached."""
    try:
        return psycopg.connect(database_url, options=f"-c search_path={schema}", autocommit=True)
    except psycopg.Error as exc:
        raise error(f"cannot reach the database: {first_line(exc)}") from None


@contextmanager
def database_errors_as(error: Callable[[str], Exception]) -> Iterator[None]:
    """Turn a database error inside the block into ``error(message)``: nothing was loaded.

    The message gives the first line of a connection failure, or the SQLSTATE of a refusal,
    and never PostgreSQL's details (they quote row values).
    """
    try:
        yield
    except psycopg.OperationalError as exc:  # the connection or the server gave out
        raise error(
            f"the database failed during the load ({first_line(exc)}); nothing was loaded"
        ) from None
    except psycopg.Error as exc:
        raise error(
            f"the database refused the load (SQLSTATE {exc.sqlstate or 'unknown'}); "
            "nothing was loaded"
        ) from None


def first_line(exc: Exception) -> str:
    """The first line of an error's text, or its type's name when it has no text."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
