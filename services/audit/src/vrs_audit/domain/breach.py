"""Breach response: from the access log's entries of an incident, every voter whose data was
exposed and to whom (issue 6: tell the people a mistake affected, as if the state's breach
notification law applied to the office itself)."""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class Disclosure:
    """One allowed answer of the window: who got it, and the voters it disclosed."""

    actor: str
    voter_ids: Collection[UUID]


def exposed_voters(
    disclosures: Iterable[Disclosure],
    *,
    only: Collection[UUID] | None = None,
    export_voters: Collection[UUID] | None = None,
    export_readers: Iterable[str] = (),
) -> Mapping[UUID, frozenset[str]]:
    """Each exposed voter, with the users who saw the data (possibly none that the log knows of).

    Without an export, the voters are those the selected answers disclosed. With an export, they
    are the export's voters (an export may leave the office by a way no log shows), seen by the
    users the log shows reading the export. ``only`` keeps the voters among those given.
    """
    seen_by: dict[UUID, set[str]] = {}
    if export_voters is None:
        for disclosure in disclosures:
            for voter_id in disclosure.voter_ids:
                seen_by.setdefault(voter_id, set()).add(disclosure.actor)
    else:
        readers = set(export_readers)
        seen_by = {voter_id: set(readers) for voter_id in export_voters}
    return {
        voter_id: frozenset(actors)
        for voter_id, actors in sorted(seen_by.items())
        if only is None or voter_id in only
    }
