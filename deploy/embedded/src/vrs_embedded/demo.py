"""Demo data for a new data folder: made-up voters and MVD records, loaded once.

On the first start of a data folder that asks for it (``vrs up``; ``Stack(demo_data=True)``),
the stack loads, once its services answer, a small and plainly synthetic set through the same
importers an operator uses (``vrs import mvd`` and ``vrs import voters``, run as commands
against the running stack):

- 300 people named ``<first name> Demo <surname>``, each with an MVD licence ``DEMO000000`` to
  ``DEMO000299``;
- the first 200 of them registered in the voter file of Bernalillo, Santa Fe or Doña Ana county
  (one in ten known there only by the last four digits of the SSN); registration publishes a
  ``voter.registered`` event for each, and matching's projection learns of them;
- the other 100 hold a licence but are not registered: one of them is the demo licence that
  ``vrs up`` prints, so that the online identity check, and an online application after it,
  can be tried.

The set is drawn from a fixed seed, so it is the same in every folder and is never kept in a
committed file; the CSV files exist only while they are loaded. Their SSNs are random numbers
of a valid series that belong to nobody on purpose.

Whether the set is loaded is kept in the marker file ``demo-data`` of the data folder:
``pending`` once the first start has decided to load it, ``loaded`` after both files loaded.
A start finds the set due when the marker says ``pending`` (a first start that did not finish)
or when the folder is new and the start asks for it; a folder started first without demo data,
or made before demo data existed, never gets it.
"""

import csv
import logging
import os
import random
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from vrs_embedded.layout import DataLayout
from vrs_embedded.processes import run_to_completion
from vrs_embedded.synthetic import issuable_ssn

log = logging.getLogger("vrs_embedded")

SEED = "vrs demo data, version 1"
PEOPLE = 300
VOTERS = 200
LAST_REGISTRATION = date(2024, 12, 31)
PENDING = "pending"
LOADED = "loaded"
# The columns DESIGN.md promises for each kind of file ("Bulk file columns"), written out here
# because the embedded stack runs the services' importers as commands and imports none of them.
MVD_COLUMNS = (
    "mvd_id",
    "first_name",
    "middle_name",
    "last_name",
    "suffix",
    "date_of_birth",
    "ssn",
    "street",
    "city",
    "state",
    "zip",
    "county",
    "expired",
)
VOTER_COLUMNS = (
    "source_id",
    "first_name",
    "middle_name",
    "last_name",
    "suffix",
    "date_of_birth",
    "ssn",
    "ssn_last4",
    "gender",
    "street",
    "city",
    "state",
    "zip",
    "county",
    "party",
    "status",
    "registered_on",
    "precinct",  # optional: the precinct the county assigned (1.10.35.9 C)
)
COUNTIES = (  # (as the county's file names it, its code, seat, ZIP code, source id prefix)
    ("Bernalillo", "bernalillo", "Albuquerque", "87102", "BER"),
    ("Santa Fe", "santa_fe", "Santa Fe", "87501", "SF"),
    ("Doña Ana", "dona_ana", "Las Cruces", "88001", "DA"),
)
FIRST_NAMES = (
    "Alma", "Benito", "Celia", "Dario", "Elena", "Fidel", "Gloria", "Hector", "Inez", "Jose",
    "Karina", "Lorenzo", "Marisol", "Nestor", "Ofelia", "Pablo", "Rosa", "Santiago", "Teresa",
    "Ulises",
)  # fmt: skip
SURNAMES = (
    "Archuleta", "Baca", "Chavez", "Duran", "Esquibel", "Fresquez", "Gallegos", "Herrera",
    "Jaramillo", "Lucero", "Martinez", "Montoya", "Ortiz", "Padilla", "Quintana", "Romero",
    "Sandoval", "Trujillo", "Valdez", "Vigil",
)  # fmt: skip
STREETS = ("Acequia", "Camino Real", "Cerrillos", "Mesa", "Paseo", "Placita", "Rio Grande")
PARTIES = ("DEM", "REP", "", "DEM", "REP", "LIB", "")  # blank: decline to select


@dataclass(frozen=True)
class DemoPerson:
    """One made-up person of the demo set."""

    number: int
    first_name: str
    last_name: str
    date_of_birth: date
    ssn: str
    gender: str
    street: str
    county: str
    county_code: str
    city: str
    zip: str
    source_prefix: str

    @property
    def mvd_id(self) -> str:
        """The person's (made-up) licence number."""
        return f"DEMO{self.number:06d}"


@dataclass(frozen=True)
class DemoLicence:
    """The licence ``vrs up`` prints: a demo person with a licence and no registration yet."""

    mvd_id: str
    first_name: str
    last_name: str
    date_of_birth: date
    ssn: str
    county_code: str
    street: str
    city: str
    zip: str


@cache
def demo_people() -> tuple[DemoPerson, ...]:
    """The 300 people of the demo set, the same on every call and in every folder."""
    draw = random.Random(SEED)  # noqa: S311 - a fixed, reproducible draw of made-up people
    names = draw.sample([(f, s) for f in FIRST_NAMES for s in SURNAMES], PEOPLE)
    ssns: set[str] = set()
    people = []
    for number, (first_name, surname) in enumerate(names):
        county, code, city, zip_code, prefix = COUNTIES[number % len(COUNTIES)]
        ssn = issuable_ssn(draw)
        while ssn in ssns:
            ssn = issuable_ssn(draw)
        ssns.add(ssn)
        people.append(
            DemoPerson(
                number=number,
                first_name=first_name,
                last_name=f"Demo {surname}",
                date_of_birth=date(draw.randint(1940, 2004), draw.randint(1, 12), draw.randint(1, 28)),
                ssn=ssn,
                gender="F" if first_name.endswith("a") or first_name in {"Inez", "Marisol"} else "M",
                street=f"{draw.randint(1, 4999)} Demo {draw.choice(STREETS)} Rd",
                county=county,
                county_code=code,
                city=city,
                zip=zip_code,
                source_prefix=prefix,
            )
        )  # fmt: skip
    return tuple(people)


def demo_licence() -> DemoLicence:
    """The first demo person who holds a licence and is not registered."""
    person = demo_people()[VOTERS]
    return DemoLicence(
        mvd_id=person.mvd_id,
        first_name=person.first_name,
        last_name=person.last_name,
        date_of_birth=person.date_of_birth,
        ssn=person.ssn,
        county_code=person.county_code,
        street=person.street,
        city=person.city,
        zip=person.zip,
    )


def mvd_rows() -> list[dict[str, str]]:
    """The demo MVD file: every demo person's licence."""
    return [
        {
            "mvd_id": person.mvd_id,
            "first_name": person.first_name,
            "middle_name": "",
            "last_name": person.last_name,
            "suffix": "",
            "date_of_birth": person.date_of_birth.isoformat(),
            "ssn": person.ssn,
            "street": person.street,
            "city": person.city,
            "state": "NM",
            "zip": person.zip,
            "county": person.county,
            "expired": "false",
        }
        for person in demo_people()
    ]


def voter_rows() -> list[dict[str, str]]:
    """The demo voter file: the first 200 people, in three counties' records."""
    rows = []
    for person in demo_people()[:VOTERS]:
        n = person.number
        born = person.date_of_birth
        registered = date(max(born.year + 18, 1990) + n % 17, 1 + n % 12, 1 + n % 28)
        only_last4 = n % 10 == 9  # an older record: the county never had the full number
        status = "inactive" if n % 25 == 24 else "suspense" if n % 40 == 39 else "active"
        rows.append(
            {
                "source_id": f"{person.source_prefix}-DEMO-{n:04d}",
                "first_name": person.first_name,
                "middle_name": "",
                "last_name": person.last_name,
                "suffix": "",
                "date_of_birth": born.isoformat(),
                "ssn": "" if only_last4 else person.ssn,
                "ssn_last4": person.ssn[-4:] if only_last4 else "",
                "gender": person.gender,
                "street": person.street,
                "city": person.city,
                "state": "NM",
                "zip": person.zip,
                "county": person.county,
                "party": PARTIES[n % len(PARTIES)],
                "status": status,
                "registered_on": min(registered, LAST_REGISTRATION).isoformat(),
                # one voter in twenty the county has not assigned to a precinct yet
                "precinct": "" if n % 20 == 19 else f"{1 + n % 4:03d}",
            }
        )
    return rows


def write_demo_files(folder: Path) -> tuple[Path, Path]:
    """Write the demo MVD file and voter file into ``folder``; their paths."""
    mvd = _write_csv(folder / "demo-mvd.csv", MVD_COLUMNS, mvd_rows())
    voters = _write_csv(folder / "demo-voters.csv", VOTER_COLUMNS, voter_rows())
    return mvd, voters


class DemoMarker:
    """The ``demo-data`` file of a data folder: whether its demo data is due or loaded."""

    def __init__(self, layout: DataLayout) -> None:
        self.path = layout.demo_marker

    def state(self) -> str | None:
        """``pending``, ``loaded``, or None when the folder never asked for demo data."""
        try:
            return self.path.read_text().split()[0]
        except (OSError, IndexError):
            return None

    def due(self, *, new_folder: bool, wanted: bool) -> bool:
        """Whether this start loads the demo data (see the module docstring); a start that
        decides so on a new folder records ``pending`` first."""
        if not wanted:
            return False
        state = self.state()
        if state == PENDING:
            return True
        if state is None and new_folder:
            self._write(PENDING)
            return True
        return False

    def mark_loaded(self) -> None:
        """Record that the demo data is in the folder's database."""
        self._write(LOADED)

    def _write(self, state: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        temporary.write_text(state + "\n")
        temporary.replace(self.path)


def load_demo_data(layout: DataLayout, *, env: Mapping[str, str], timeout: float) -> None:
    """Import the demo files into the stack running from ``layout`` with ``vrs import``.

    The commands find the database and the keys in the data folder as an operator's would;
    their output goes to ``logs/demo.log``. :class:`ServiceFailedError` names the file that did
    not load completely. The files are deleted afterwards, whatever happened.
    """
    log.info(
        "loading the demo data: %d voters in %s, %d MVD records",
        VOTERS,
        ", ".join(county for county, *_ in COUNTIES),
        PEOPLE,
    )
    layout.run.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="demo-", dir=layout.run))
    try:
        mvd, voters = write_demo_files(folder)
        for kind, path in (("mvd", mvd), ("voters", voters)):
            run_to_completion(
                f"demo data ({kind})",
                import_command(kind, path, layout.root),
                env=env,
                log_path=layout.log("demo"),
                timeout=timeout,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def import_command(kind: str, path: Path, data_dir: Path) -> list[str]:
    """``vrs import --data-dir DIR KIND FILE`` as this Python runs it."""
    return [sys.executable, "-m", "vrs_cli.main", "import", "--data-dir", str(data_dir), kind, str(path)]  # fmt: skip


def _write_csv(path: Path, columns: Sequence[str], rows: list[dict[str, str]]) -> Path:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)
    return path
