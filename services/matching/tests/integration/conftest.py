"""Real PostgreSQL with matching's schema, the blind-index key, synthetic MVD files, and voters
projected as registration announces them."""

import csv
import os
import random
import string
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from pathlib import Path
from uuid import uuid4

import pytest

from vrs_contracts.envelope import envelope
from vrs_contracts.events import VoterRegistered
from vrs_embedded.synthetic import issuable_ssn
from vrs_matching.bootstrap import SPEC
from vrs_matching.domain.mvd_file import MVD_COLUMNS
from vrs_matching.service_layer.handlers import project_voter
from vrs_plumbing.db import Pool, create_pool
from vrs_plumbing.migrations import upgrade

Row = dict[str, str]


@pytest.fixture
def matching_db(database_url: str) -> str:
    """A new database with matching's migrations applied."""
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    return database_url


@pytest.fixture
def index_key() -> bytes:
    """A fresh 32-byte blind-index key."""
    return os.urandom(32)


@pytest.fixture
def synthetic_person() -> Callable[..., Row]:
    """A row of the MVD file for a made-up person; keyword arguments override columns."""
    draw = random.Random()

    def make(**changes: str) -> Row:
        row = {
            "mvd_id": f"NM{draw.randint(10**8, 10**9 - 1)}",
            "first_name": draw.choice(["Alma", "Benito", "Celia", "Dario", "Elena"]),
            "middle_name": "",
            "last_name": "Test" + "".join(draw.choices(string.ascii_lowercase, k=10)),
            "suffix": "",
            "date_of_birth": f"{draw.randint(1940, 2005)}-0{draw.randint(1, 9)}-1{draw.randint(0, 9)}",
            "ssn": issuable_ssn(draw),
            "street": f"{draw.randint(1, 999)} Synthetic Way",
            "city": "Santa Fe",
            "state": "NM",
            "zip": "87501",
            "county": "santa_fe",
            "expired": draw.choice(["false", "true", ""]),
        }
        return {**row, **changes}

    return make


@pytest.fixture
def write_mvd_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write rows as an MVD file under ``tmp_path``: a header of ``columns``, missing values
    blank, values of other columns dropped."""

    def write(
        rows: Sequence[Row], columns: Sequence[str] = MVD_COLUMNS, name: str = "mvd.csv"
    ) -> Path:
        path = tmp_path / name
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        return path

    return write


@pytest.fixture
async def matching_pool(matching_db: str) -> AsyncIterator[Pool]:
    """An open pool on matching's schema of ``matching_db``."""
    pool = create_pool(matching_db, SPEC.schema)
    await pool.open(wait=True)
    yield pool
    await pool.close()


Projector = Callable[[Iterable[VoterRegistered]], Awaitable[None]]


@pytest.fixture
def project_voters(matching_pool: Pool) -> Projector:
    """Project registration's ``VoterRegistered`` events into matching, one transaction each,
    as the consumer does."""

    async def project(events: Iterable[VoterRegistered]) -> None:
        for registered in events:
            async with matching_pool.connection() as conn, conn.transaction():
                await project_voter(
                    conn, envelope(registered, source="/test", correlation_id=uuid4())
                )

    return project
