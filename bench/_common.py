"""Helpers for bench/search.py: machine info, statistics, the brute-force reference and the query
mix. Nothing here imports Django at module level, so the parent process stays light."""

import os
import platform
import random
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from sadari_core.text.normalize import HANGUL_RUN, LATIN_RUN, normalize_text

ROOT = Path(__file__).resolve().parent.parent

# --- machine and statistics ------------------------------------------------------------------


def machine_info() -> dict:
    info: dict = {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    try:
        with open("/proc/cpuinfo") as f:
            names = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
        info["cpu"] = names[0] if names else platform.processor()
    except OSError:
        info["cpu"] = platform.processor()
    try:
        with open("/proc/meminfo") as f:
            total_kb = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
        info["memory_gb"] = round(total_kb / 1024 / 1024, 1)
    except (OSError, StopIteration, ValueError):
        pass
    try:
        import sqlite3

        info["sqlite"] = sqlite3.sqlite_version
    except ImportError:  # pragma: no cover
        pass
    for package in ("django", "kiwipiepy", "psycopg"):
        try:
            info[package] = version(package)
        except PackageNotFoundError:
            info[package] = None
    info["git"] = git_describe()
    return info


def git_describe() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}{'+dirty' if dirty else ''}"


def percentile(values: Sequence[float], p: float) -> float:
    """Linear-interpolated percentile (p in 0..100) of a non-empty sequence."""
    xs = sorted(values)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


def recall_precision(found: set[int], expected: set[int]) -> tuple[float, float]:
    """Recall |found ∩ expected| / |expected| and precision |found ∩ expected| / |found|.

    An empty set on the side of the denominator counts as 1.0 (nothing to find / nothing wrong).
    """
    hit = len(found & expected)
    recall = hit / len(expected) if expected else 1.0
    precision = hit / len(found) if found else 1.0
    return recall, precision


def human_bytes(n: float | None) -> str:
    if n is None:
        return "-"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"  # pragma: no cover


def human_seconds(s: float | None) -> str:
    if s is None:
        return "-"
    if s < 120:
        return f"{s:.1f} s"
    return f"{s / 60:.1f} min"


# --- brute-force reference -------------------------------------------------------------------

_HANGUL = re.compile(HANGUL_RUN)
_LATIN = re.compile(LATIN_RUN)


@dataclass
class Reference:
    """Every organization's indexed texts, pre-split into script runs for a fast scan.

    ``hangul[i]`` holds the Hangul runs of organization ``ids[i]`` joined by ``|`` and
    ``latin[i]`` its Latin/digit words between spaces. A Hangul term matches when it is a
    substring of one run (it cannot contain ``|``), a Latin term when `` term `` occurs: exactly
    ``sadari_core.search.query.term_matches`` applied to all of the texts, which
    :meth:`check` verifies against ``substring_match`` itself on a sample.
    """

    ids: list[int] = field(default_factory=list)
    hangul: list[str] = field(default_factory=list)
    latin: list[str] = field(default_factory=list)
    names_ko: list[str] = field(default_factory=list)
    names_en: list[str] = field(default_factory=list)
    sample_texts: dict[int, list[str]] = field(default_factory=dict)  # index -> texts

    def add(self, org_id: int, texts: list[str], name_ko: str, name_en: str) -> None:
        # script_runs() per text, done as one normalization and two findall() calls: the two
        # character classes are disjoint and "\n" separates the texts (it is neither class).
        text = normalize_text("\n".join(texts))
        self.ids.append(org_id)
        self.hangul.append("|".join(_HANGUL.findall(text)))
        self.latin.append(" " + " ".join(_LATIN.findall(text)) + " ")
        self.names_ko.append(name_ko)
        self.names_en.append(name_en)

    def match(self, query) -> set[int]:
        """Ids of the organizations matching every term of ``query`` (AND)."""
        return {self.ids[i] for i in self.match_indexes(query, range(len(self.ids)))}

    def match_indexes(self, query, indexes: Iterable[int]) -> set[int]:
        """The positions among ``indexes`` whose organization matches every term of ``query``."""
        candidates = list(indexes)
        for term in query.terms:
            if term.script == "hangul":
                needle, hay = term.text, self.hangul
            elif term.prefix:
                needle, hay = " " + term.text, self.latin
            else:
                needle, hay = " " + term.text + " ", self.latin
            candidates = [i for i in candidates if needle in hay[i]]
        return set(candidates)

    def check(self, query) -> int:
        """Disagreements between :meth:`match` and ``substring_match`` on the kept sample."""
        from sadari_core.search import substring_match

        fast = self.match_indexes(query, self.sample_texts)
        return sum(
            substring_match(query, texts) != (i in fast) for i, texts in self.sample_texts.items()
        )


def load_reference(*, sample_every: int, progress=None) -> Reference:
    """Loads every organization once (only the indexed fields) into a :class:`Reference`.

    Texts come from ``sadari.directory.search.organization_fields`` — what the engine indexes.
    """
    from sadari.directory.models import Organization
    from sadari.directory.search import organization_fields

    only = [
        "id",
        "kind",
        "category",
        "industry",
        "name_ko",
        "name_en",
        "aliases",
        "description_ko",
        "description_en",
        "district",
        "city",
    ]
    ref = Reference()
    qs = Organization.objects.only(*only).order_by("pk")
    for n, org in enumerate(qs.iterator(chunk_size=5000)):
        fields = organization_fields(org)
        texts = [t for values in fields.values() for t in values if t]
        ref.add(org.pk, texts, org.name_ko, org.name_en)
        if n % sample_every == 0:
            ref.sample_texts[n] = texts
        if progress and n and n % 100_000 == 0:
            progress(n)
    return ref


# --- the query mix ---------------------------------------------------------------------------

CATEGORIES = ("ko2", "ko3", "ko4+", "en", "mixed")
CATEGORY_LABELS = {
    "ko2": "Korean, 2 letters",
    "ko3": "Korean, 3 letters",
    "ko4+": "Korean, 4+ letters",
    "en": "English words",
    "mixed": "Korean + English",
}
FIXED: dict[str, list[str]] = {
    "ko2": ["드론", "채용", "바이", "로봇", "핀테", "게임", "교육", "의료", "배송", "투자", "강남"],
    "ko3": [
        "핀테크",
        "콘텐츠",
        "스타트",
        "바이오",
        "플랫폼",
        "반도체",
        "헬스케",
        "모빌리",
        "에너지",
    ],
    "ko4+": [
        "스타트업",
        "인공지능",
        "헬스케어",
        "모빌리티",
        "빅데이터",
        "스마트팜",
        "드론배송",
        "핀테크플랫폼",
    ],
    "en": ["drone", "fintech", "kakao", "ai", "bio", "robotics", "platform", "startup", "seoul"],
    "mixed": [
        "AI 스타트업",
        "드론 배송",
        "Kakao 핀테크",
        "바이오 startup",
        "서울 AI",
        "게임 studio",
        "로봇 교육",
    ],
}


def _hangul_runs(text: str, min_len: int) -> list[str]:
    from sadari_core.text.normalize import script_runs

    return [r for s, r in script_runs(text) if s == "hangul" and len(r) >= min_len]


def _latin_words(text: str) -> list[str]:
    from sadari_core.text.normalize import script_runs

    return [r for s, r in script_runs(text) if s == "latin" and len(r) >= 3 and not r.isdigit()]


def _substring(rng: random.Random, run: str, length: int) -> str:
    start = rng.randrange(len(run) - length + 1)
    return run[start : start + length]


def query_mix(ref: Reference, per_category: int, seed: int) -> dict[str, list[str]]:
    """A deterministic query mix: the fixed words first, then words sampled from real names.

    The sample depends only on ``seed`` and the database content (itself fixed by the build's
    scale and seed), so two runs on the same database ask the same questions.
    """
    n = len(ref.ids)
    mix: dict[str, list[str]] = {}
    for category in CATEGORIES:
        rng = random.Random(f"{seed}:{category}")
        queries = list(FIXED[category][:per_category])
        seen = set(queries)
        attempts = 0
        while len(queries) < per_category and n and attempts < 100 * per_category:
            attempts += 1
            i = rng.randrange(n)
            q = _sample(rng, category, ref.names_ko[i], ref.names_en[i])
            if q and q not in seen:
                seen.add(q)
                queries.append(q)
        mix[category] = queries
    return mix


def _sample(rng: random.Random, category: str, name_ko: str, name_en: str) -> str | None:
    if category in ("ko2", "ko3", "ko4+"):
        length = {"ko2": 2, "ko3": 3}.get(category) or rng.randint(4, 6)
        runs = _hangul_runs(name_ko, length) or _hangul_runs(name_ko, 4)
        if not runs:
            return None
        run = rng.choice(runs)
        return _substring(rng, run, min(length, len(run)))
    if category == "en":
        words = _latin_words(name_en)
        return rng.choice(words) if words else None
    # mixed: a Korean piece of the name and an English word of the same organization
    runs = _hangul_runs(name_ko, 2)
    words = _latin_words(name_en)
    if not runs or not words:
        return None
    run = rng.choice(runs)
    return f"{_substring(rng, run, min(len(run), rng.randint(2, 3)))} {rng.choice(words)}"


# --- stdout helpers --------------------------------------------------------------------------


def log(*args: object) -> None:
    print(*args, file=sys.stderr, flush=True)
