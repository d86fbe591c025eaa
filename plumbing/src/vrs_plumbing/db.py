"""PostgreSQL access: one async connection pool per service, working in the service's own schema."""

from typing import Any, TypeAlias

from psycopg import AsyncConnection
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

Connection: TypeAlias = AsyncConnection[dict[str, Any]]
Pool: TypeAlias = AsyncConnectionPool[Connection]


def create_pool(database_url: str, schema: str, *, min_size: int = 1, max_size: int = 10) -> Pool:
    """A pool whose connections resolve unqualified names in ``schema`` and return dict rows.

    The pool is created closed; open it with ``await pool.open(wait=True)``.
    """
    return AsyncConnectionPool(
        database_url,
        min_size=min_size,
        max_size=max_size,
        open=False,
        kwargs={"options": f"-c search_path={schema}", "row_factory": dict_row},
        connection_class=AsyncConnection[dict[str, Any]],
        name=f"{schema}-pool",
    )
