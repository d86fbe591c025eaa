"""The uniform fee schedule file: the packaged one, or the SOS's own (``VRS_FEE_SCHEDULE_FILE``)."""

import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from vrs_contracts.api.records_requests import Medium, Product
from vrs_records_requests.domain.fees import FeeSchedule, ProductFee


def parse_schedule(document: dict[str, Any]) -> list[FeeSchedule]:
    """Every version of a schedule document; a version must price every product and medium."""
    versions = []
    for raw in document["versions"]:
        products = {Product(name): ProductFee(**fee) for name, fee in raw["products"].items()}
        media = {Medium(name): int(cents) for name, cents in raw["media"].items()}
        missing = [p.value for p in Product if p not in products] + [
            m.value for m in Medium if m not in media
        ]
        if missing:
            raise ValueError(f"fee schedule {raw['version']} does not price {', '.join(missing)}")
        versions.append(
            FeeSchedule(
                version=str(raw["version"]),
                effective_from=date.fromisoformat(raw["effective_from"]),
                products=products,
                media=media,
            )
        )
    return versions


def load_schedule(path: Path | None) -> list[FeeSchedule]:
    """The schedule at ``path``, or the one shipped in the package."""
    if path is not None:
        text = path.read_text()
    else:
        text = (
            resources.files("vrs_records_requests")
            .joinpath("data/fee_schedule.json")
            .read_text(encoding="utf-8")
        )
    return parse_schedule(json.loads(text))
