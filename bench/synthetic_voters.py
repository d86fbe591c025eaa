"""A synthetic New Mexico-like voter file with known truth, for bench/matching.py.

Deterministic by seed; never a real person. People live in households at made-up addresses and
carry New Mexico's mix of names: Hispanic surnames (often double: GARCIA LOPEZ, written with a
hyphen, a space, run together or with one surname only), accents (PEÑA, JOSÉ), Navajo and
Anglo names, common names that repeat (Zipf weights) and a long tail of rare ones. A share of
people are registered twice or three times (a move to another county, a second application)
and each extra record carries corruptions: typos, nicknames (from the ``nicknames`` dataset),
day and month transposed, a digit of the date, first and last swapped, an accent dropped, a
double surname rewritten, the middle name dropped, the full SSN missing (last four only).

The hard negatives are other people who look alike: twins (same birthday, same home, different
first names and SSNs), fathers and sons of one name at one address (Sr and Jr, the suffix often
left off), and common names born the same day.

SSN statements per record: the full number (its blind index and last four), the last four only,
or none. The full numbers exist only in memory during a run.
"""

import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import accumulate, combinations

from nicknames import NickNamer

from vrs_embedded.synthetic import issuable_ssn
from vrs_matching.domain.identity import Identity, normalise_name, normalise_street
from vrs_plumbing.blind_index import ssn_indexes

HISPANIC_SURNAMES = [
    "GARCIA",
    "MARTINEZ",
    "SANCHEZ",
    "LUCERO",
    "ROMERO",
    "CHAVEZ",
    "GONZALES",
    "TRUJILLO",
    "MONTOYA",
    "LOPEZ",
    "BACA",
    "ARCHULETA",
    "GALLEGOS",
    "VIGIL",
    "JARAMILLO",
    "TORRES",
    "RAEL",
    "MAESTAS",
    "PADILLA",
    "SALAZAR",
    "HERRERA",
    "APODACA",
    "ARAGON",
    "BARELA",
    "CORDOVA",
    "DURAN",
    "ESQUIBEL",
    "FRESQUEZ",
    "GURULE",
    "LOVATO",
    "MEDINA",
    "MONDRAGON",
    "OTERO",
    "PACHECO",
    "QUINTANA",
    "RIVERA",
    "SANDOVAL",
    "SENA",
    "TAFOYA",
    "ULIBARRI",
    "VALDEZ",
    "ZAMORA",
    "ORTIZ",
    "RAMIREZ",
    "HERNANDEZ",
    "PEÑA",
    "MUÑOZ",
    "IBÁÑEZ",
    "NÚÑEZ",
    "ORDÓÑEZ",
    "CASTILLO",
    "MOYA",
    "LUJAN",
    "MARQUEZ",
    "MIRABAL",
    "OLIVAS",
    "PEREA",
    "ROYBAL",
    "SISNEROS",
    "TAPIA",
    "VARELA",
    "ARMIJO",
    "BENAVIDEZ",
    "CANDELARIA",
    "DOMINGUEZ",
    "ENCINIAS",
    "GUTIERREZ",
    "LEYBA",
    "MADRID",
    "NARANJO",
    "OLGUIN",
    "PINO",
    "SERNA",
    "SILVA",
    "SOTO",
    "TENORIO",
    "URIOSTE",
    "VEGA",
    "ZAMORA",
    "ABEYTA",
    "ANAYA",
    "BUSTOS",
    "CISNEROS",
    "DELGADO",
    "ESPINOZA",
    "FLORES",
    "GRIEGO",
    "LEAL",
    "MOLINA",
    "NAVARRO",
    "RUIZ",
    "SAIZ",
    "TRUJEQUE",
    "VALENCIA",
    "YBARRA",
    "CÓRDOVA",
    "ÁLVAREZ",
    "JIMÉNEZ",
]
DE_LA_SURNAMES = ("DE LA CRUZ", "DE LA ROSA", "DE HERRERA", "DE VARGAS", "DEL CASTILLO")
NAVAJO_SURNAMES = [
    "BEGAY",
    "YAZZIE",
    "BENALLY",
    "TSOSIE",
    "NEZ",
    "CHEE",
    "TSO",
    "ATCITTY",
    "HASKIE",
    "SECATERO",
]
ANGLO_SURNAMES = [
    "SMITH",
    "JOHNSON",
    "WILLIAMS",
    "BROWN",
    "JONES",
    "MILLER",
    "DAVIS",
    "WILSON",
    "ANDERSON",
    "TAYLOR",
    "THOMAS",
    "MOORE",
    "MARTIN",
    "JACKSON",
    "THOMPSON",
    "WHITE",
    "HARRIS",
    "CLARK",
    "LEWIS",
    "ROBINSON",
    "WALKER",
    "YOUNG",
    "ALLEN",
    "KING",
    "WRIGHT",
    "SCOTT",
    "GREEN",
    "BAKER",
    "ADAMS",
    "NELSON",
    "HILL",
    "CAMPBELL",
    "MITCHELL",
    "ROBERTS",
    "CARTER",
    "PHILLIPS",
    "EVANS",
    "TURNER",
    "PARKER",
    "COLLINS",
    "EDWARDS",
    "STEWART",
    "MORRIS",
    "MURPHY",
    "COOK",
    "ROGERS",
    "MORGAN",
    "COOPER",
    "PETERSON",
    "REED",
    "BAILEY",
    "BELL",
    "KELLY",
    "HOWARD",
    "WARD",
    "COX",
    "RICHARDSON",
    "WOOD",
    "WATSON",
    "BROOKS",
    "BENNETT",
    "GRAY",
    "HUGHES",
    "PRICE",
    "MYERS",
    "LONG",
    "FOSTER",
    "SANDERS",
    "ROSS",
    "POWELL",
    "SULLIVAN",
    "RUSSELL",
    "FISHER",
    "O'BRIEN",
    "MCDONALD",
]
MALE_NAMES = [
    "JOSE",
    "JUAN",
    "MANUEL",
    "ROBERT",
    "JOHN",
    "MICHAEL",
    "DAVID",
    "JAMES",
    "RICHARD",
    "WILLIAM",
    "CARLOS",
    "ANTHONY",
    "JOSEPH",
    "DANIEL",
    "THOMAS",
    "CHRISTOPHER",
    "FRANK",
    "GEORGE",
    "CHARLES",
    "LUIS",
    "MIGUEL",
    "JESÚS",
    "RAMÓN",
    "FRANCISCO",
    "ANTONIO",
    "PEDRO",
    "RAYMOND",
    "EDWARD",
    "STEVEN",
    "PAUL",
    "ANDREW",
    "MATTHEW",
    "BENJAMIN",
    "SAMUEL",
    "ALBERT",
    "ARTHUR",
    "LAWRENCE",
    "EUGENE",
    "GILBERT",
    "ALFONSO",
    "ERNEST",
    "RUBEN",
    "ARMANDO",
    "FERNANDO",
    "RAFAEL",
    "ANDRÉS",
    "ADRIAN",
    "VICTOR",
    "ISAAC",
    "LEONARD",
    "PATRICK",
    "KENNETH",
    "RONALD",
    "DONALD",
    "TIMOTHY",
    "JEFFREY",
    "GREGORY",
    "NICHOLAS",
    "ALEXANDER",
    "JONATHAN",
]
FEMALE_NAMES = [
    "MARIA",
    "ROSA",
    "CARMEN",
    "MARY",
    "PATRICIA",
    "JENNIFER",
    "LINDA",
    "ELIZABETH",
    "BARBARA",
    "SUSAN",
    "MARGARET",
    "DOROTHY",
    "LISA",
    "NANCY",
    "KAREN",
    "BETTY",
    "HELEN",
    "SANDRA",
    "DONNA",
    "CAROL",
    "RUTH",
    "SHARON",
    "MICHELLE",
    "LAURA",
    "SARAH",
    "KIMBERLY",
    "DEBORAH",
    "JESSICA",
    "VERONICA",
    "ISABEL",
    "TERESA",
    "DOLORES",
    "GUADALUPE",
    "JOSEFINA",
    "ANGELICA",
    "YOLANDA",
    "LUCIA",
    "SOFÍA",
    "ELENA",
    "MÓNICA",
    "CATHERINE",
    "CHRISTINE",
    "REBECCA",
    "VICTORIA",
    "KATHERINE",
    "ABIGAIL",
    "JUDITH",
    "VIRGINIA",
    "PAMELA",
    "ANGELA",
    "MARTHA",
    "ANNA",
    "ALICIA",
    "BEATRIZ",
    "CECILIA",
    "DIANA",
    "ESPERANZA",
    "IRENE",
    "JULIA",
    "RAQUEL",
]
STREETS = [
    "CAMINO DEL SOL",
    "CALLE ALTA",
    "MAIN ST",
    "ACEQUIA MADRE",
    "RIO GRANDE BLVD",
    "CENTRAL AVE",
    "CERRILLOS RD",
    "PASEO DE PERALTA",
    "OLD SANTA FE TRL",
    "CANYON RD",
    "AGUA FRIA ST",
    "SAN MATEO BLVD",
    "JUAN TABO BLVD",
    "MONTANO RD",
    "CORONADO AVE",
    "LOMAS BLVD",
    "ALAMEDA ST",
    "CALLE DE LOS NINOS",
    "LA JOYA RD",
    "MESA VERDE DR",
]
COUNTIES = [
    "bernalillo",
    "catron",
    "chaves",
    "cibola",
    "colfax",
    "curry",
    "de_baca",
    "dona_ana",
    "eddy",
    "grant",
    "guadalupe",
    "harding",
    "hidalgo",
    "lea",
    "lincoln",
    "los_alamos",
    "luna",
    "mckinley",
    "mora",
    "otero",
    "quay",
    "rio_arriba",
    "roosevelt",
    "sandoval",
    "san_juan",
    "san_miguel",
    "santa_fe",
    "sierra",
    "socorro",
    "taos",
    "torrance",
    "union",
    "valencia",
]
_ONSETS = [
    "B",
    "C",
    "D",
    "F",
    "G",
    "H",
    "J",
    "K",
    "L",
    "M",
    "N",
    "P",
    "R",
    "S",
    "T",
    "V",
    "Y",
    "Z",
    "BR",
    "CH",
    "GR",
    "TR",
    "ST",
]
_VOWELS = ["A", "E", "I", "O", "U", "AI", "EA", "OU"]
_CODAS = ["", "", "N", "R", "S", "L", "NT", "RD", "LL", "Z"]

FULL_SSN, LAST4_ONLY, NO_SSN = 0.80, 0.18, 0.02
SHARE_REGISTERED_TWICE = 0.12
SHARE_REGISTERED_THRICE = 0.01
SHARE_MOVED = 0.5


@dataclass(frozen=True)
class VoterRecord:
    """One record of the file as written (names raw, with accents and hyphens as typed)."""

    source_id: str
    first_name: str
    middle_name: str
    last_name: str
    suffix: str
    date_of_birth: date | None
    ssn: str | None
    ssn_last4: str | None
    street: str
    zip5: str
    county: str


def indexed_ssn(key: bytes, ssn: str) -> tuple[str | None, frozenset[str]]:
    """An SSN as matching holds it, under ``key``: its blind index and near indexes (none for
    no SSN)."""
    if not ssn:
        return None, frozenset()
    ssn_index, near = ssn_indexes(key, ssn)
    return ssn_index, frozenset(near)


def identity_of(record: VoterRecord, key: bytes) -> Identity:
    """A record of the file as matching reads it, its SSN replaced by its indexes under ``key``."""
    ssn_index, ssn_near = indexed_ssn(key, record.ssn)
    return Identity(
        first_name=normalise_name(record.first_name),
        last_name=normalise_name(record.last_name),
        date_of_birth=record.date_of_birth,
        ssn_index=ssn_index,
        street=normalise_street(record.street),
        zip5=record.zip5,
        middle_name=normalise_name(record.middle_name),
        suffix=normalise_name(record.suffix),
        ssn_last4=record.ssn_last4,
        ssn_near=ssn_near,
    )


@dataclass
class SyntheticFile:
    """The records, every pair of records of one person, and the hard negatives by kind."""

    records: list[VoterRecord] = field(default_factory=list)
    true_pairs: set[tuple[str, str]] = field(default_factory=set)
    hard_negatives: dict[str, set[tuple[str, str]]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Person:
    first_name: str
    middle_name: str
    last_name: str
    suffix: str
    date_of_birth: date
    ssn: str
    male: bool


@dataclass(frozen=True)
class _Home:
    street: str
    zip5: str
    county: str


class _Names:
    """Weighted draws of names: Zipf over the lists, plus a tail of made-up rare names."""

    def __init__(self, draw: random.Random, common: Sequence[str], tail: int, tail_share: float):
        self._draw = draw
        self._common = list(common)
        self._cumulative = list(
            accumulate(1.0 / (rank + 1) ** 0.8 for rank in range(len(self._common)))
        )
        self._tail = [_made_up_name(draw) for _ in range(tail)]
        self._tail_share = tail_share

    def __call__(self) -> str:
        if self._draw.random() < self._tail_share:
            return self._draw.choice(self._tail)
        return self._draw.choices(self._common, cum_weights=self._cumulative)[0]


def _made_up_name(draw: random.Random) -> str:
    syllables = draw.choice((2, 2, 3))
    return "".join(
        draw.choice(_ONSETS) + draw.choice(_VOWELS) + (draw.choice(_CODAS) if i else "")
        for i in range(syllables)
    )


def generate(people: int, seed: int = 1) -> SyntheticFile:
    """A voter file of ``people`` made-up people with their extra registrations and the truth."""
    return _Generator(people, seed).run()


class _Generator:
    """Draws households until ``people`` people live in them, and writes their registrations."""

    def __init__(self, people: int, seed: int) -> None:
        draw = random.Random(seed)
        self.people = people
        self.draw = draw
        self.surnames = _Names(
            draw, HISPANIC_SURNAMES + NAVAJO_SURNAMES + ANGLO_SURNAMES, max(people // 20, 50), 0.35
        )
        self.male_names = _Names(draw, MALE_NAMES, max(people // 200, 20), 0.1)
        self.female_names = _Names(draw, FEMALE_NAMES, max(people // 200, 20), 0.1)
        self.nicknames = NickNamer()
        self.ssns: set[str] = set()
        self.zips = [f"{z:05d}" for z in draw.sample(range(87001, 88440), 360)]
        self.out = SyntheticFile(hard_negatives={"twins": set(), "father_and_son": set()})

    def run(self) -> SyntheticFile:
        made = 0
        while made < self.people:
            made += self.household(self.people - made)
        return self.out

    def household(self, room: int) -> int:
        """One household of at most ``room`` people, its hard negatives marked; its size."""
        home = self.home()
        family_name = self.surname()
        members = [self.person(family_name, self.birthday(1930, 2006))]
        for _ in range(self.draw.choices((0, 1, 2, 3, 4), (30, 35, 15, 12, 8))[0]):
            other_name = family_name if self.draw.random() < 0.8 else self.surname()
            members.append(self.person(other_name, self.birthday(1930, 2006)))
        look_alikes: list[tuple[str, int]] = []
        if self.draw.random() < 0.02:
            members += self.twins(family_name)
            look_alikes.append(("twins", len(members) - 2))
        if self.draw.random() < 0.04:
            members += self.father_and_son(family_name)
            look_alikes.append(("father_and_son", len(members) - 2))
        members = members[:room]
        first_records = [self.registrations(who, home) for who in members]
        for kind, at in look_alikes:
            if at + 1 < len(first_records):
                pair = _ordered(first_records[at], first_records[at + 1])
                self.out.hard_negatives[kind].add(pair)
        return len(members)

    def twins(self, family_name: str) -> list[_Person]:
        """Same birthday, same home, different first names and SSNs."""
        born = self.birthday(1950, 2006)
        twin_a, twin_b = self.person(family_name, born), self.person(family_name, born)
        while twin_b.first_name == twin_a.first_name:
            twin_b = self.person(family_name, born)
        return [twin_a, twin_b]

    def father_and_son(self, family_name: str) -> list[_Person]:
        """A son named after his father at the same home; half of them write Sr and Jr."""
        father = self.person(family_name, self.birthday(1930, 1965), male=True)
        born = father.date_of_birth + timedelta(days=self.draw.randint(18 * 365, 42 * 365))
        son = replace(father, date_of_birth=born, ssn=self.new_ssn())
        if self.draw.random() < 0.5:
            return [replace(father, suffix="SR"), replace(son, suffix="JR")]
        return [father, son]

    def registrations(self, who: _Person, home: _Home) -> str:
        """The person's registration, and any later ones; the id of the first."""
        ids = [self.write(who, home)]
        extra = self.draw.random()
        count = 3 if extra < SHARE_REGISTERED_THRICE else 2 if extra < SHARE_REGISTERED_TWICE else 1
        for _ in range(count - 1):
            moved = self.home() if self.draw.random() < SHARE_MOVED else home
            ids.append(self.write(_corrupted(self.draw, who, self.nicknames), moved))
        self.out.true_pairs.update(_ordered(a, b) for a, b in combinations(ids, 2))
        return ids[0]

    def write(self, who: _Person, home: _Home) -> str:
        source_id = f"V{len(self.out.records) + 1:08d}"
        self.out.records.append(_record(self.draw, source_id, who, home))
        return source_id

    def home(self) -> _Home:
        draw = self.draw
        street = f"{draw.randint(1, 9999)} {draw.choice(STREETS)}"
        return _Home(street, draw.choice(self.zips), draw.choice(COUNTIES))

    def new_ssn(self) -> str:
        while (ssn := issuable_ssn(self.draw)) in self.ssns:
            pass
        self.ssns.add(ssn)
        return ssn

    def surname(self) -> str:
        draw = self.draw
        if draw.random() < 0.02:
            return draw.choice(DE_LA_SURNAMES)
        first = self.surnames()
        if first in HISPANIC_SURNAMES and draw.random() < 0.25:
            return f"{first}{draw.choice((' ', ' ', '-'))}{draw.choice(HISPANIC_SURNAMES)}"
        return first

    def person(self, last_name: str, born: date, male: bool | None = None) -> _Person:
        male = self.draw.random() < 0.5 if male is None else male
        names = self.male_names if male else self.female_names
        middle = names() if self.draw.random() < 0.6 else ""
        return _Person(names(), middle, last_name, "", born, self.new_ssn(), male)

    def birthday(self, first_year: int, last_year: int) -> date:
        start = date(first_year, 1, 1)
        return start + timedelta(days=self.draw.randrange((date(last_year, 12, 31) - start).days))


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _record(draw: random.Random, source_id: str, who: _Person, home: _Home) -> VoterRecord:
    """How one registration states the person: the SSN in full, by its last four, or not."""
    statement = draw.random()
    full = statement < FULL_SSN
    last4 = statement < FULL_SSN + LAST4_ONLY
    return VoterRecord(
        source_id=source_id,
        first_name=who.first_name,
        middle_name=who.middle_name,
        last_name=who.last_name,
        suffix=who.suffix,
        date_of_birth=who.date_of_birth,
        ssn=who.ssn if full else None,
        ssn_last4=who.ssn[-4:] if last4 else None,
        street=home.street,
        zip5=home.zip5,
        county=home.county,
    )


def _corrupted(draw: random.Random, who: _Person, nicknames: NickNamer) -> _Person:
    """The person as a later registration writes them: up to three corruptions."""
    count = draw.choices((0, 1, 2, 3), (20, 45, 25, 10))[0]
    for corrupt in draw.sample(CORRUPTIONS, count):
        who = corrupt(draw, who, nicknames)
    return who


def _typo(draw: random.Random, text: str) -> str:
    letters = list(text)
    at = draw.randrange(len(letters))
    how = draw.randrange(4)
    if how == 0:
        letters[at] = draw.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    elif how == 1 and len(letters) > 3:
        del letters[at]
    elif how == 2:
        letters.insert(at, draw.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    elif at + 1 < len(letters):
        letters[at], letters[at + 1] = letters[at + 1], letters[at]
    return "".join(letters)


def _typo_in_first(draw: random.Random, who: _Person, _n: NickNamer) -> _Person:
    return replace(who, first_name=_typo(draw, who.first_name))


def _typo_in_last(draw: random.Random, who: _Person, _n: NickNamer) -> _Person:
    return replace(who, last_name=_typo(draw, who.last_name))


def _nickname(draw: random.Random, who: _Person, nicknames: NickNamer) -> _Person:
    options = sorted(nicknames.nicknames_of(who.first_name))
    if not options:
        return who
    return replace(who, first_name=draw.choice(options).upper())


def _double_surname_rewritten(draw: random.Random, who: _Person, _n: NickNamer) -> _Person:
    parts = who.last_name.replace("-", " ").split()
    if len(parts) != 2:
        return who
    written = draw.choice((parts[0], parts[1], "-".join(parts), " ".join(parts), "".join(parts)))
    return replace(who, last_name=written)


def _accent_dropped(_draw: random.Random, who: _Person, _n: NickNamer) -> _Person:
    def plain(text: str) -> str:
        return "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )

    return replace(who, first_name=plain(who.first_name), last_name=plain(who.last_name))


def _swapped(_draw: random.Random, who: _Person, _n: NickNamer) -> _Person:
    return replace(who, first_name=who.last_name, last_name=who.first_name)


def _day_and_month_transposed(_draw: random.Random, who: _Person, _n: NickNamer) -> _Person:
    born = who.date_of_birth
    if born.day > 12 or born.day == born.month:
        return who
    return replace(who, date_of_birth=date(born.year, born.day, born.month))


def _digit_of_the_date(draw: random.Random, who: _Person, _n: NickNamer) -> _Person:
    written = f"{who.date_of_birth:%Y%m%d}"
    for _ in range(20):
        at = draw.choice((2, 3, 5, 6, 7))
        attempt = written[:at] + str(draw.randrange(10)) + written[at + 1 :]
        try:
            born = date(int(attempt[:4]), int(attempt[4:6]), int(attempt[6:]))
        except ValueError:
            continue
        if born != who.date_of_birth:
            return replace(who, date_of_birth=born)
    return who


def _middle_name_dropped(draw: random.Random, who: _Person, _n: NickNamer) -> _Person:
    if not who.middle_name:
        return who
    return replace(who, middle_name=draw.choice(("", who.middle_name[0])))


def _suffix_dropped(_draw: random.Random, who: _Person, _n: NickNamer) -> _Person:
    return replace(who, suffix="")


CORRUPTIONS: tuple[Callable[[random.Random, _Person, NickNamer], _Person], ...] = (
    _typo_in_first,
    _typo_in_last,
    _nickname,
    _double_surname_rewritten,
    _accent_dropped,
    _swapped,
    _day_and_month_transposed,
    _digit_of_the_date,
    _middle_name_dropped,
    _suffix_dropped,
)
