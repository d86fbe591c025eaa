"""Matching's own settings, beyond what every service reads."""

from pathlib import Path

from pydantic import Field

from vrs_matching.domain.scoring import DEFAULT_THRESHOLDS, Thresholds
from vrs_plumbing.settings import Settings


class MatchingSettings(Settings):
    """The key that opens the SSNs of the list-maintenance feeds, and where the score raises a
    pair (``VRS_MATCHING_REVIEW_THRESHOLD``, ``VRS_MATCHING_DUPLICATE_THRESHOLD``,
    ``VRS_MATCHING_FILE_RECORDS``)."""

    feeds_seal_private_key_file: Path | None = Field(
        default=None,
        description="PEM of matching's X25519 key that opens SSNs sealed by the feeds' producers "
        "(vrs.feeds.v1, scheme vrs-seal-v1).",
    )
    matching_review_threshold: float = Field(
        default=DEFAULT_THRESHOLDS.review,
        ge=0.0,
        le=1.0,
        description="Score from which a maintenance record's candidate goes to a clerk even "
        "when it is not a literal weak match (1.10.35.8 A(1) extra criteria).",
    )
    matching_duplicate_threshold: float = Field(
        default=DEFAULT_THRESHOLDS.duplicate,
        ge=0.0,
        le=1.0,
        description="Score from which a pair without contrary evidence is raised as a likely "
        "duplicate by the duplicate search and the sweep.",
    )
    matching_file_records: int = Field(
        default=DEFAULT_THRESHOLDS.file_records,
        ge=2,
        description="About how many records the statewide voter file holds: the more records, "
        "the likelier two alike are two people, so the lower every score (docs/adr/0041).",
    )

    maintenance_interval_seconds: float = Field(
        default=5.0,
        gt=0,
        description="How often list maintenance runs the feed records not yet run against the "
        "voter file (1.10.35.9: within five business days of receipt, the clerk's check).",
    )

    @property
    def thresholds(self) -> Thresholds:
        """The thresholds as the scorer takes them."""
        return Thresholds(
            review=self.matching_review_threshold,
            duplicate=self.matching_duplicate_threshold,
            file_records=self.matching_file_records,
        )
