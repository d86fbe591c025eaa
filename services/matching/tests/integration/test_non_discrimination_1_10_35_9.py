"""1.10.35.9 (opening sentence): list maintenance is uniform and non-discriminatory. The matcher
never reads party, gender or any other protected class, so shuffling them across the voter file
changes no outcome: the sweep's pairs, their strengths and scores, the review tasks and the
confirmations it publishes, and what intake's look-up finds for a set of applicants.

The other halves of the proof live with what they test: the review queue refuses a selection by
a protected class (``test_review_queue.py::
test_1_10_35_9_the_queue_refuses_a_selection_by_a_protected_class_naming_it``), and ``vrs sweep``
has no option that selects voters (``cli/tests/test_sweep.py::
test_1_10_35_9_the_sweep_has_no_option_that_selects_voters``).
"""

import json
import os
import random
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from vrs_contracts.counties import County
from vrs_contracts.events import VoterRegistered
from vrs_contracts.people import Address, PersonName, Registrant, SsnReference
from vrs_contracts.vocabulary import VoterStatus
from vrs_embedded.synthetic import issuable_ssn
from vrs_matching.domain.scoring import Thresholds
from vrs_matching.service_layer.handlers import identity_of, look_up
from vrs_matching.service_layer.sweep_run import SweepAction, sweep_database
from vrs_plumbing.blind_index import ssn_blind_index
from vrs_plumbing.db import Connection, Pool

Projector = Callable[[Iterable[VoterRegistered]], Awaitable[None]]
PROTECTED = {"party", "gender", "sex", "race", "ethnicity", "age", "language", "disability"}
"""Classes no maintenance may select by (1.10.35.9), as a record could name them."""
PARTIES = ("DEM", "REP", "LIB", "DTS")
GENDERS = ("F", "M", "X", "")
FIRST_NAMES = ("Robert", "Maria", "Jose", "Ana", "Juan", "Rosa", "Elena", "Carlos", "Lucia",
               "Ramon", "Teresa", "Miguel", "Dolores", "Antonio", "Josefina", "Francisco")  # fmt: skip
LAST_NAMES = ("Garcia", "Martinez", "Chavez", "Lucero", "Baca", "Trujillo", "Romero", "Sanchez",
              "Archuleta", "Montoya", "Gallegos", "Vigil", "Sandoval", "Apodaca", "Maestas",
              "Padilla", "Aragon", "Gonzales", "Herrera", "Benavidez", "Salazar", "Armijo")  # fmt: skip
COUNTIES = (County.santa_fe, County.taos, County.bernalillo, County.rio_arriba, County.dona_ana)
PEOPLE = 240
THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class FileRecord:
    """A row of the synthetic voter file: the voter as registration announces it, and the
    gender the county file states (registration keeps it; its events do not carry it)."""

    voter: VoterRegistered
    gender: str


class VoterFile:
    """Draws a synthetic voter file: people alone, and around them a strong duplicate in
    another county, a likely duplicate (a nickname, the day and month of birth transposed, the
    last four SSN digits only), twins, and fathers and sons of one name at one home."""

    def __init__(self, seed: int, key: bytes) -> None:
        self.draw = random.Random(seed)
        self.key = key
        self.rows: list[tuple[Registrant, County, date]] = []

    def build(self) -> list[FileRecord]:
        for n in range(PEOPLE):
            self._person_and_kin(n)
        return [
            FileRecord(
                VoterRegistered(
                    voter_id=UUID(int=self.draw.getrandbits(128), version=4),
                    source_id=f"{county.value.upper()}-{line:04d}",
                    county=county,
                    status=VoterStatus.active,
                    registrant=registrant,
                    party=self.draw.choice(PARTIES),
                    registered_on=registered_on,
                ),
                self.draw.choice(GENDERS),
            )
            for line, (registrant, county, registered_on) in enumerate(self.rows)
        ]

    def _person_and_kin(self, n: int) -> None:
        draw = self.draw
        first, last = draw.choice(FIRST_NAMES), draw.choice(LAST_NAMES)
        born = date(1935, 1, 1) + timedelta(days=draw.randint(0, 365 * 65))
        ssn, home, county = issuable_ssn(draw), self._home(), draw.choice(COUNTIES)
        registered_on = date(2000 + n % 20, 1 + n % 12, 1 + n % 28)
        kin = n % 8
        suffix = "Jr" if kin == 3 else None
        one = self._registrant(first, last, born, home, ssn=ssn, suffix=suffix)
        self.rows.append((one, county, registered_on))
        if kin == 0:  # registered again in another county, from a new home: strong
            other = COUNTIES[(COUNTIES.index(county) + 1) % len(COUNTIES)]
            moved = one.model_copy(update={"residence_address": self._home()})
            self.rows.append((moved, other, date(2023, 5, 6)))
        elif kin == 1:  # written again with a nickname, day and month swapped, last four only
            nickname = "Bob" if first == "Robert" else first
            swapped = born.replace(month=born.day, day=born.month) if born.day <= 12 else born
            again = self._registrant(nickname, last, swapped, home, last4=ssn[-4:])
            self.rows.append((again, county, date(2021, 2, 3)))
        elif kin == 2:  # a twin: the same birthday and home, another first name and SSN
            sibling = draw.choice([name for name in FIRST_NAMES if name != first])
            twin = self._registrant(sibling, last, born, home, ssn=issuable_ssn(draw))
            self.rows.append((twin, county, registered_on))
        elif kin == 3:  # the father: one name and home, a generation earlier, another SSN
            fathers_birth = born - timedelta(days=365 * 28)
            father = self._registrant(first, last, fathers_birth, home, ssn=issuable_ssn(draw), suffix="Sr")  # fmt: skip
            self.rows.append((father, county, date(1990, 1, 1)))

    def _home(self) -> Address:
        draw = self.draw
        street = f"{draw.randint(1, 9999)} Calle {draw.choice(LAST_NAMES)}"
        return Address(street=street, city="X", state="NM", zip=f"87{draw.randint(100, 599)}")

    def _registrant(
        self,
        first: str,
        last: str,
        born: date,
        home: Address,
        *,
        ssn: str | None = None,
        last4: str | None = None,
        suffix: str | None = None,
    ) -> Registrant:
        return Registrant(
            name=PersonName(first_name=first, last_name=last, suffix=suffix),
            date_of_birth=born,
            ssn=SsnReference(
                blind_index=ssn_blind_index(self.key, ssn) if ssn else None,
                last4=ssn[-4:] if ssn else last4,
            ),
            residence_address=home,
        )


def shuffled(records: list[FileRecord], draw: random.Random) -> list[FileRecord]:
    """The same voters with every protected field their event carries, and the gender of the
    file, dealt out again at random across the records."""
    carried = sorted(PROTECTED & set(VoterRegistered.model_fields))
    dealt = {name: [getattr(r.voter, name) for r in records] for name in carried}
    genders = [r.gender for r in records]
    for values in (*dealt.values(), genders):
        draw.shuffle(values)
    return [
        FileRecord(r.voter.model_copy(update={k: v[n] for k, v in dealt.items()}), genders[n])
        for n, r in enumerate(records)
    ]


async def found_for(conn: Connection, applicant: FileRecord) -> list[str]:
    """What intake's look-up finds for ``applicant``: each candidate, its evidence, the record
    the clerk would see and the scorer's explanation, in a stable order."""
    found = await look_up(
        conn, identity_of(applicant.voter.registrant), applicant.voter.county, THRESHOLDS
    )
    return sorted(
        json.dumps(
            {
                "candidate": f.candidate.model_dump(mode="json"),
                "evidence": dict(f.evidence),
                "record": f.record.model_dump(mode="json"),
                "explanation": [asdict(e) for e in f.explanation],
                "contrary": list(f.contrary),
            },
            sort_keys=True,
        )
        for f in found
    )


async def outcomes(database_url: str, pool: Pool, applicants: list[FileRecord]) -> dict[str, Any]:
    """Everything the sweep and intake's look-up for ``applicants`` decide over the voter file
    projected now."""
    report = await sweep_database(database_url, THRESHOLDS)
    async with pool.connection() as conn:
        tasks = await (
            await conn.execute(
                "SELECT county, subject, subject_id, kind, record_id, strength, score, evidence,"
                " explanation, contrary, subject_record, candidate_record FROM review_tasks"
                " ORDER BY subject_id, record_id"
            )
        ).fetchall()
        payloads = await (await conn.execute("SELECT payload FROM outbox")).fetchall()
        looked_up = [await found_for(conn, applicant) for applicant in applicants]
    events = [json.loads(bytes(p["payload"])) for p in payloads]
    return {
        "voters_read": report.voters_read,
        "pairs": [
            (p.voter_id_a, p.voter_id_b, p.kind, p.strength, p.score, p.action)
            for p in report.pairs
        ],
        "review_tasks": tasks,
        "confirmed": sorted(
            json.dumps(e["data"], sort_keys=True)
            for e in events
            if e["type"] == "gov.nm.sos.vrs.match.voter_confirmed.v1"
        ),
        "events": sorted(e["type"] for e in events),
        "looked_up": looked_up,
    }


async def test_1_10_35_9_shuffling_party_and_gender_across_the_file_changes_no_outcome(
    matching_db: str, matching_pool: Pool, project_voters: Projector
) -> None:
    key = os.urandom(32)
    records = VoterFile(seed=1035, key=key).build()
    reshuffled = shuffled(records, random.Random(9))
    strangers = VoterFile(seed=77, key=key).build()[:20]
    applicants = records[::6] + strangers  # people on the rolls, and people new to them
    assert (
        sum(a.voter.party != b.voter.party for a, b in zip(records, reshuffled, strict=True)) > 50
    )
    assert sum(a.gender != b.gender for a, b in zip(records, reshuffled, strict=True)) > 50

    await project_voters(r.voter for r in records)
    before = await outcomes(matching_db, matching_pool, applicants)
    async with matching_pool.connection() as conn:
        await conn.execute("TRUNCATE voter_projection, review_tasks, swept_pairs, outbox")
    await project_voters(r.voter for r in reshuffled)
    after = await outcomes(matching_db, matching_pool, applicants)

    assert after == before
    actions = [pair[-1] for pair in before["pairs"]]
    assert actions.count(SweepAction.confirmed) >= PEOPLE // 8
    assert actions.count(SweepAction.reviewed) >= PEOPLE // 16
    assert sum(1 for found in before["looked_up"] if found) >= len(applicants) // 2


async def test_1_10_35_9_the_projection_keeps_no_protected_class(
    matching_pool: Pool, project_voters: Projector
) -> None:
    records = VoterFile(seed=7, key=os.urandom(32)).build()[:20]
    await project_voters(r.voter for r in records)

    async with matching_pool.connection() as conn:
        columns = await (
            await conn.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_schema = 'matching' AND table_name = 'voter_projection'"
            )
        ).fetchall()
        keys = await (
            await conn.execute(
                "SELECT DISTINCT jsonb_object_keys(record) AS key FROM voter_projection"
            )
        ).fetchall()

    assert {c["column_name"] for c in columns} & PROTECTED == set()
    assert {k["key"] for k in keys} & PROTECTED == set()
    assert PROTECTED & set(Registrant.model_fields) == set(), "identity never carries a class"
