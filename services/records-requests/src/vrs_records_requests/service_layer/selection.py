"""The voters a request selects from the public projection, in the order its product needs:
a special voter list in the order requested (1.10.35.7 GG), every other list by county and
surname (1.10.35.7 AA, the order a precinct list would also take)."""

from typing import Any
from uuid import UUID

from psycopg import sql

from vrs_plumbing.db import Connection
from vrs_records_requests.domain.products import FILTER_COLUMNS, LISTED_STATUSES


def _where(county: str | None, filters: dict[str, str]) -> tuple[sql.Composable, dict[str, Any]]:
    clauses: list[sql.Composable] = [sql.SQL("status = ANY(%(statuses)s)")]
    params: dict[str, Any] = {"statuses": list(LISTED_STATUSES)}
    if county is not None:
        clauses.append(sql.SQL("county = %(county)s"))
        params["county"] = county
    for name, value in sorted(filters.items()):
        column = sql.Identifier(FILTER_COLUMNS[name])
        clauses.append(
            sql.SQL("lower({}) = lower({})").format(column, sql.Placeholder(f"filter_{name}"))
        )
        params[f"filter_{name}"] = value
    return sql.SQL(" AND ").join(clauses), params


def _selection(
    county: str | None, filters: dict[str, str], voter_ids: list[UUID]
) -> tuple[sql.Composed, dict[str, Any]]:
    """The query of the selected voters' ids, in file order, and its parameters."""
    where, params = _where(county, filters)
    if voter_ids:
        params["ids"] = voter_ids
        return sql.SQL(
            "SELECT p.voter_id FROM unnest(%(ids)s::uuid[]) WITH ORDINALITY AS r(voter_id, n)"
            " JOIN public_voters p USING (voter_id) WHERE {} ORDER BY r.n"
        ).format(where), params
    return sql.SQL(
        "SELECT voter_id FROM public_voters WHERE {}"
        " ORDER BY county, last_name, first_name, middle_name NULLS FIRST, voter_id"
    ).format(where), params


async def selected_voter_ids(
    conn: Connection, county: str | None, filters: dict[str, str], voter_ids: list[UUID]
) -> list[UUID]:
    """The ids of the voters a request selects, in file order."""
    query, params = _selection(county, filters, voter_ids)
    rows = await (await conn.execute(query, params)).fetchall()
    return [row["voter_id"] for row in rows]


async def count_selected_voters(
    conn: Connection, county: str | None, filters: dict[str, str], voter_ids: list[UUID]
) -> int:
    """How many voters a request selects (for its quote), counted in the database."""
    query, params = _selection(county, filters, voter_ids)
    row = await (
        await conn.execute(sql.SQL("SELECT count(*) AS n FROM ({}) AS s").format(query), params)
    ).fetchone()
    assert row is not None
    return int(row["n"])
