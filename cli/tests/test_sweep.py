"""``vrs sweep [--out PAIRS.csv]``: sweeps a real PostgreSQL, prints a progress line and the
summary, writes the promised columns, exits 0; takes no selection of voters (1.10.35.9)."""

import asyncio
import csv
from datetime import date
from pathlib import Path
from uuid import uuid4

import pytest

from vrs_cli.main import build_parser, main
from vrs_contracts.counties import County
from vrs_contracts.envelope import envelope
from vrs_contracts.events import VoterRegistered
from vrs_contracts.people import Address, PersonName, Registrant, SsnReference
from vrs_contracts.vocabulary import VoterStatus
from vrs_matching.bootstrap import SPEC
from vrs_matching.service_layer.handlers import project_voter
from vrs_plumbing.db import create_pool
from vrs_plumbing.migrations import upgrade


@pytest.fixture
def matching_db(database_url: str) -> str:
    upgrade(database_url, SPEC.schema, SPEC.migrations)
    return database_url


@pytest.fixture(autouse=True)
def no_stack_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VRS_DATA_DIR", raising=False)
    monkeypatch.delenv("VRS_MATCHING_DUPLICATE_THRESHOLD", raising=False)


def voter(
    source_id: str, county: County, first: str, born: date, ssn_index: str | None
) -> VoterRegistered:
    return VoterRegistered(
        voter_id=uuid4(),
        source_id=source_id,
        county=county,
        status=VoterStatus.active,
        registrant=Registrant(
            name=PersonName(first_name=first, last_name="Archuleta"),
            date_of_birth=born,
            ssn=SsnReference(blind_index=ssn_index, last4="7777"),
            residence_address=Address(street="5 Canyon Rd", city="X", state="NM", zip="87501"),
        ),
        party="DTS",
        registered_on=date(2012, 5, 6),
    )


def project(database_url: str, voters: list[VoterRegistered]) -> None:
    """Matching's projection of ``voters``, as registration's events would leave it."""

    async def run() -> None:
        async with create_pool(database_url, SPEC.schema) as pool:
            for registered in voters:
                async with pool.connection() as conn, conn.transaction():
                    await project_voter(
                        conn, envelope(registered, source="/test", correlation_id=uuid4())
                    )

    asyncio.run(run())


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_vrs_sweep_prints_progress_and_a_summary_writes_the_pairs_and_exits_0(
    matching_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project(
        matching_db,
        [
            voter("SF-2", County.santa_fe, "Lucia", date(1980, 1, 2), "e1" * 32),
            voter("TA-9", County.taos, "Lucia", date(1980, 1, 2), "e1" * 32),  # strong
            voter("SF-4", County.santa_fe, "Ramon", date(1944, 8, 3), None),
            voter("SF-5", County.santa_fe, "Ramon", date(1944, 3, 8), None),  # likely
        ],
    )
    out = tmp_path / "pairs.csv"

    code = main(["sweep", "--out", str(out), "--database", matching_db])

    captured = capsys.readouterr()
    assert code == 0
    assert captured.err == "vrs sweep: 4 voters read; comparing them\n"
    lines = captured.out.splitlines()
    assert lines[0].startswith(
        "vrs sweep: 4 voters read, 2 pairs found: 1 strong matches confirmed now, "
        "1 reviews raised now, 0 already raised ("
    )
    assert lines[1] == f"vrs sweep: 2 pairs written to {out}"
    with out.open(encoding="utf-8") as file:
        header = file.readline().strip().split(",")
    assert header[:4] == ["source_id_a", "source_id_b", "strength", "score"]
    rows = read_csv(out)
    assert [(r["source_id_a"], r["source_id_b"], r["strength"], r["action"]) for r in rows] == [
        ("SF-2", "TA-9", "strong", "confirmed"),
        ("SF-4", "SF-5", "weak", "reviewed"),
    ]
    assert 0.8 <= float(rows[1]["score"]) <= float(rows[0]["score"]) <= 1.0
    assert (rows[0]["kind"], rows[1]["kind"]) == ("duplicate_other_county", "duplicate_same_county")

    again = main(["sweep", "--out", str(out), "--database", matching_db])

    assert again == 0
    assert "0 strong matches confirmed now, 0 reviews raised now, 2 already raised" in (
        capsys.readouterr().out
    )
    assert [r["action"] for r in read_csv(out)] == ["already_raised", "already_raised"]


def test_1_10_35_9_the_sweep_has_no_option_that_selects_voters() -> None:
    commands = build_parser()._subparsers._group_actions[0]
    sweep = commands.choices["sweep"]

    options = {option for action in sweep._actions for option in action.option_strings}

    assert options == {"-h", "--help", "--out", "--database", "--data-dir"}
    assert "no option to select voters by party, gender, age, residence" in sweep.description


def test_without_a_running_stack_or_database_it_says_what_to_give(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["sweep", "--data-dir", str(data_dir)])

    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"vrs sweep: no running stack in {data_dir}: start it with `vrs up`")
    assert "--database URL" in err


def test_a_database_without_matchings_migrations_is_refused(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["sweep", "--database", database_url])

    assert code == 1
    assert "run matching's migrations first" in capsys.readouterr().err


def test_a_pairs_file_that_cannot_be_written_is_a_usage_error(
    matching_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing" / "pairs.csv"

    code = main(["sweep", "--out", str(out), "--database", matching_db])

    assert code == 2
    assert capsys.readouterr().err.startswith(f"vrs sweep: cannot write {out}")
