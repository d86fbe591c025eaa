"""A feed event carries exactly its bulk file's columns, so one row check reads both."""

import pytest

from vrs_contracts.base import Event
from vrs_matching.domain.feed_files import FeedKind
from vrs_matching.service_layer.feeds import KIND_OF_EVENT, NOT_COLUMNS


@pytest.mark.parametrize(
    ("event", "kind"), list(KIND_OF_EVENT.items()), ids=lambda value: getattr(value, "name", "")
)
def test_an_event_has_a_field_for_every_column_of_its_file_and_no_other(
    event: type[Event], kind: FeedKind
) -> None:
    assert set(event.model_fields) - {"report_id"} == set(kind.columns)
    assert set(kind.columns) & NOT_COLUMNS <= {"ssn"}
