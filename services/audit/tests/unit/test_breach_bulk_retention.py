"""The pure rules of breach response, bulk-access alerts and retention."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from vrs_audit.domain.breach import Disclosure, exposed_voters
from vrs_audit.domain.bulk import AccessKind, Activity, Thresholds, alerts_due
from vrs_audit.domain.retention import LEGAL_MINIMUM_DAYS, Purge, purge_cutoff, purge_was_lawful

NOW = datetime(2026, 12, 1, tzinfo=UTC)
ANA, BEN, CRUZ = sorted([uuid4(), uuid4(), uuid4()])


def test_the_exposed_voters_are_those_the_answers_disclosed_with_who_saw_each() -> None:
    answers = [Disclosure("a", [ANA, BEN]), Disclosure("b", [BEN]), Disclosure("a", [])]

    assert exposed_voters(answers) == {ANA: frozenset({"a"}), BEN: frozenset({"a", "b"})}
    assert exposed_voters(answers, only=[BEN, CRUZ]) == {BEN: frozenset({"a", "b"})}


def test_an_exports_voters_are_all_exposed_even_when_no_reader_is_known() -> None:
    answers = [Disclosure("a", [CRUZ])]

    assert exposed_voters(answers, export_voters=[ANA, BEN]) == {
        ANA: frozenset(),
        BEN: frozenset(),
    }
    assert exposed_voters([], export_voters=[ANA], export_readers=["r", "r"]) == {
        ANA: frozenset({"r"})
    }


def test_an_alert_is_due_over_the_threshold_of_its_kind_once_per_user_and_kind() -> None:
    thresholds = Thresholds(viewed=10, changed=2)
    activities = [
        Activity("at", "county_clerk", "taos", AccessKind.viewed, 10),
        Activity("over", "county_clerk", "taos", AccessKind.viewed, 11),
        Activity("over", "county_clerk", "taos", AccessKind.changed, 3),
        Activity("told", None, None, AccessKind.viewed, 50),
    ]

    due = alerts_due(activities, thresholds, {("told", AccessKind.viewed)})

    assert [(a.actor, a.kind) for a in due] == [
        ("over", AccessKind.viewed),
        ("over", AccessKind.changed),
    ]


def test_the_retention_is_never_shorter_than_six_years() -> None:
    assert purge_cutoff(NOW, 1) == NOW - timedelta(days=LEGAL_MINIMUM_DAYS)
    assert purge_cutoff(NOW, 4000) == NOW - timedelta(days=4000)
    assert LEGAL_MINIMUM_DAYS >= 6 * 365 + 2  # six years, whatever their leap days


def test_a_purge_was_lawful_only_if_everything_it_removed_was_six_years_old() -> None:
    def purge(newest: datetime) -> Purge:
        return Purge(3, "h", newest, NOW, "s")

    assert purge_was_lawful(purge(NOW - timedelta(days=LEGAL_MINIMUM_DAYS)))
    assert not purge_was_lawful(purge(NOW - timedelta(days=LEGAL_MINIMUM_DAYS - 1)))
