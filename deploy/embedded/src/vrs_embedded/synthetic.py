"""Made-up people for the demo data, the tests and the benchmarks: never a real person's data."""

import random


def issuable_ssn(draw: random.Random) -> str:
    """Nine digits of a series intake accepts (1.10.35.8 C(6)): area 001-665 or 667-772, group
    and serial not zero. Drawn at run time from ``draw``; no file ever holds one."""
    area = draw.choice([a for a in range(1, 773) if a != 666])
    return f"{area:03d}{draw.randint(1, 99):02d}{draw.randint(1, 9999):04d}"
