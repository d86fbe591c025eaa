"""``vrs sweep [--out PAIRS.csv]``: the statewide duplicate sweep (1.10.35.7 L).

This module finds the database, reports progress and writes the pairs file; the sweep itself is
matching's (:mod:`vrs_matching.service_layer.sweep_run`).

Exit status: 0 when the sweep ran to its end, 1 when it failed (pairs acted on before the
failure stay acted on, and the next run does not raise them again), 2 when the pairs file
cannot be written.
"""

import argparse
import asyncio
import csv
import os
import sys
from pathlib import Path
from typing import TextIO

from vrs_cli.common import CliError, add_database_options, stack_database_url
from vrs_cli.progress import ProgressBar
from vrs_matching.config import MatchingSettings
from vrs_matching.domain.scoring import Thresholds
from vrs_matching.service_layer.sweep_run import (
    SweepAction,
    SweepError,
    SweepProgress,
    SweepReport,
    sweep_database,
)

PAIR_COLUMNS = (
    "source_id_a",
    "source_id_b",
    "strength",
    "score",
    "voter_id_a",
    "voter_id_b",
    "county_a",
    "county_b",
    "kind",
    "action",
)
"""The pairs file: the four promised columns (DESIGN.md, "Interfaces that stay stable"), then
the voters' ids and counties, the kind of duplicate, and what this run did with the pair."""
USAGE_ERROR = 2


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add ``vrs sweep``."""
    parser = commands.add_parser(
        "sweep",
        help="find every duplicate registration in the statewide voter file",
        description="Compare every voter of the statewide voter file that is not cancelled "
        "with every other (1.10.35.7 L). A strong match (same name, date of birth and full "
        "SSN, 1.10.35.7 JJ) is confirmed at once, and registration cancels the earlier "
        "registration; a likely duplicate goes to the review queue of the county of the "
        "pair's first voter. A pair raised by an earlier run is not raised again. There is "
        "no option to select voters by party, gender, age, residence or any other class, "
        "nor any filter at all: the sweep is uniform and non-discriminatory (1.10.35.9). "
        "The score that raises a likely duplicate is $VRS_MATCHING_DUPLICATE_THRESHOLD "
        "(default 0.8), as the matching service reads it. Exits 0 when the sweep ran to its "
        "end.",
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="PAIRS.csv",
        help="write every pair found, one row each, ordered by source_id_a then source_id_b: "
        "source_id_a, source_id_b, strength, score, then voter_id_a, voter_id_b, county_a, "
        "county_b, kind and action (confirmed, reviewed or already_raised). A voter created "
        "by an application has no source id: its voter id is written in its place",
    )
    add_database_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Sweep once; print the summary, write the pairs file if asked; the exit status."""
    out: Path | None = args.out
    database_url = stack_database_url(args)
    if out and not os.access(out.absolute().parent, os.W_OK):
        raise CliError(f"cannot write {out}: its folder is missing or not writable", USAGE_ERROR)
    try:
        report = asyncio.run(_sweep(database_url, MatchingSettings().thresholds))
    except SweepError as exc:
        raise CliError(str(exc)) from None
    print(summary(report))
    if out:
        try:
            with out.open("w", newline="", encoding="utf-8") as pairs_file:
                write_pairs(pairs_file, report)
        except OSError as exc:
            raise CliError(f"cannot write {out}: {exc.strerror}", USAGE_ERROR) from None
        print(f"vrs sweep: {len(report.pairs)} pairs written to {out}")
    return 0


async def _sweep(database_url: str, thresholds: Thresholds) -> SweepReport:
    progress = ReadingProgress(sys.stderr)
    try:
        return await sweep_database(database_url, thresholds, on_progress=progress.update)
    finally:
        progress.close()


class ReadingProgress:
    """A bar while the voters are read (on a terminal), then one line, always: how many were
    read, and that the comparing has begun."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar: ProgressBar | None = None
        self.read = False

    def update(self, progress: SweepProgress) -> None:
        """Take the sweep's progress."""
        if self.read:
            return
        if self.bar is None:
            self.bar = ProgressBar("reading voters", progress.voters_total, self.stream)
        self.bar.update(progress.voters_read, progress.voters_read)
        if progress.reading_done:
            self.close()
            self.read = True
            self.stream.write(f"vrs sweep: {progress.voters_read:,} voters read; comparing them\n")
            self.stream.flush()

    def close(self) -> None:
        """End the bar's line."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def write_pairs(out: TextIO, report: SweepReport) -> None:
    """The pairs file: a header of :data:`PAIR_COLUMNS`, one row per pair, in the report's
    order."""
    writer = csv.writer(out)
    writer.writerow(PAIR_COLUMNS)
    for pair in report.pairs:
        writer.writerow(
            (
                pair.source_id_a,
                pair.source_id_b,
                pair.strength,
                f"{pair.score:.4f}",
                pair.voter_id_a,
                pair.voter_id_b,
                pair.county_a,
                pair.county_b,
                pair.kind,
                pair.action,
            )
        )


def summary(report: SweepReport) -> str:
    """The closing line: voters read, pairs found and what became of them, time taken."""
    return (
        f"vrs sweep: {report.voters_read:,} voters read, {len(report.pairs):,} pairs found: "
        f"{report.count(SweepAction.confirmed):,} strong matches confirmed now, "
        f"{report.count(SweepAction.reviewed):,} reviews raised now, "
        f"{report.count(SweepAction.already_raised):,} already raised "
        f"({report.seconds:.1f} s)"
    )
