"""Text → weighted match terms, the same analysis for queries and items, in both languages.

Terms live in namespaces so that a bridge across scripts never double-counts a same-script match:

- ``b:`` Hangul character bigrams and ``m:`` kiwipiepy morphemes of 3+ letters (the project's
  search tokens, from ``sadari_core.text.korean.Analyzer``); ``w:`` Latin words, lower-cased,
  plurals folded, hyphenated codes also joined (``kdl-40v5100`` → ``kdl40v5100``);
- ``c:`` glossary concepts, emitted by both languages (이차전지 and "secondary battery" → the
  same ``c:secondary battery``);
- ``pk:``/``rk:`` the phonetic key and romanization of Korean words, ``pe:`` the phonetic key of
  English words: a Korean query looks up ``pe:``/``w:``, an English query ``pk:``/``rk:``, so
  배터리 finds "battery" (both ``ptl``) and "kakao" finds 카카오.
"""

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from sadari_core.matching.glossary import CONCEPTS
from sadari_core.resolution.romanize import latin_forms, phonetic_key, romanize
from sadari_core.text.korean import SEPARATOR, Analyzer
from sadari_core.text.normalize import normalize_text, script_runs

# Query-side weight of each namespace (how much one matched term of that kind counts). Bigrams
# come two or three to a word, so each counts less; cross-script bridges are noisier than a
# same-script match.
NAMESPACE_WEIGHTS: Mapping[str, float] = {
    "b": 0.5,
    "m": 1.0,
    "w": 1.0,
    "c": 1.0,
    "pk": 0.6,
    "pe": 0.6,
    "rk": 0.6,
    "wr": 0.6,  # a Korean word's romanization looked up among English words
    "gk": 0.25,  # letter trigrams of romanized Korean titles (names written as one word)
    "ge": 0.25,  # letter trigrams of English title words
}
TITLE_REPEAT = 2  # title terms count this many times (titles say what the thing is)
MAX_KOREAN_UNIT = 10  # longer Hangul runs are sentences, not names: only their morphemes bridge
MIN_KEY = 3  # shorter phonetic keys collide too often (kakao → "k")

_EN_STOPWORDS = frozenset(
    """a an the and or of for to in on at by with from as is are was were be been being this that
    these those it its we our us you your they their i he she them not no can could will would
    shall should may might must do does did done have has had having into over under about
    above below between than then so such via per any all each other more most less very also
    only just both either but if while which who whom what when where how why new using use
    used based provide provides providing need needs needed want wants looking seek seeking
    require requires required solution solutions etc e g ie""".split()  # noqa: SIM905 - a word list reads better as text
)
_LOOSE_RULES = (
    ("sh", "s"), ("ch", "j"), ("ph", "p"), ("ck", "k"), ("x", "ks"), ("c", "k"), ("q", "k"),
    ("z", "j"), ("f", "p"), ("v", "b"), ("eo", "o"), ("eu", "u"), ("ae", "e"), ("oo", "u"),
    ("ee", "i"), ("wh", "w"),
)  # fmt: skip
_LOOSE_CLASSES = str.maketrans({"g": "k", "d": "t", "b": "p", "r": "l", "y": "i"})
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|\n+")
_HAS_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_JOINED_CODE = re.compile(r"[a-z0-9]+(?:[-/.][a-z0-9]+)+")


def stem(word: str) -> str:
    """A light English plural fold: ``batteries`` → ``battery``, ``sensors`` → ``sensor``."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _english_key(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(stem(w) for w in words)


def _build_glossary() -> tuple[re.Pattern[str] | None, dict[str, str], dict[tuple[str, ...], str]]:
    korean: dict[str, str] = {}
    english: dict[tuple[str, ...], str] = {}
    for concept, (ko_forms, en_forms) in CONCEPTS.items():
        for form in ko_forms:
            korean.setdefault(normalize_text(form).replace(" ", ""), concept)
        for form in en_forms:
            words = tuple(run for _, run in script_runs(form))
            if words:
                english.setdefault(_english_key(words), concept)
    multi = sorted((f for f in korean if len(f) >= 2), key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, multi))) if multi else None
    return pattern, korean, english


_KO_PATTERN, _KO_FORMS, _EN_FORMS = _build_glossary()
_EN_MAX_WORDS = max((len(k) for k in _EN_FORMS), default=1)


@dataclass
class Analysis:
    """Index terms with their frequencies, and the surface form each term came from."""

    counts: Counter[str] = field(default_factory=Counter)
    surface: dict[str, str] = field(default_factory=dict)
    units: dict[str, tuple[str, ...]] = field(default_factory=dict)  # Korean word → its bigrams

    def add(self, term: str, surface: str, times: int = 1) -> None:
        self.counts[term] += times
        self.surface.setdefault(term, surface)


@lru_cache(maxsize=100_000)
def _latin_words_of_korean(unit: str) -> tuple[str, ...]:
    words: list[str] = []
    for form in latin_forms(unit):
        words.extend(w for w in form.split() if len(w) >= 2)
    return tuple(dict.fromkeys(words))


def loose_latin(text: str) -> str:
    """Latin folded so that romanization variants meet: ``loose_latin("Kolmarpharma")`` and
    ``loose_latin(romanize("콜마파마"))`` share ``kol``, ``olm``, ``lma``, ``ma#``.

    Consonants fold as in :func:`phonetic_key` (ph → p, c → k, r → l, g → k, d → t, b → p …);
    vowel spellings fold (eo → o, eu → u, ae → e, oo → u, ee/y → i).
    """
    out = text.lower()
    for old, new in _LOOSE_RULES:
        out = out.replace(old, new)
    return out.translate(_LOOSE_CLASSES)


def letter_trigrams(word: str) -> list[str]:
    """Trigrams of ``#word#`` (``letter_trigrams("abc") == ["#ab", "abc", "bc#"]``)."""
    padded = f"#{word}#"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def analyze(title: str, text: str, analyzer: Analyzer) -> Analysis:
    """Index terms of a document (title terms counted ``TITLE_REPEAT`` times).

    Args:
        title: the title or name, e.g. ``"배터리 상태 진단"``.
        text: the body, any language.
        analyzer: the project's Korean analyzer (kiwipiepy morphemes, or bigrams only).

    Returns:
        An :class:`Analysis`; ``analyze("배터리 진단", "", a).counts`` has ``b:배터``, ``c:battery``,
        ``pk:ptl`` …
    """
    out = Analysis()
    for part, times in ((title, TITLE_REPEAT), (text, 1)):
        if part:
            _analyze_part(part, analyzer, out, times)
    if title:
        _title_trigrams(title, out)
    return out


def _title_trigrams(title: str, out: Analysis) -> None:
    """Names are often one compound (서울고속 ↔ "Seoul Express"): letter trigrams of the
    romanized Hangul runs and of the English words meet across the word boundary."""
    for script, run in script_runs(title):
        if script == "hangul":
            if len(run) >= 2:
                for tri in letter_trigrams(loose_latin(romanize(run))):
                    out.add("gk:" + tri, run)
        elif run.isalpha() and len(run) >= 2 and run not in _EN_STOPWORDS:
            for tri in letter_trigrams(loose_latin(run)):
                out.add("ge:" + tri, run)


def _analyze_part(text: str, analyzer: Analyzer, out: Analysis, times: int) -> None:
    normalized = normalize_text(text)
    runs = script_runs(normalized)
    hangul_runs = [run for script, run in runs if script == "hangul"]
    latin = [run for script, run in runs if script == "latin"]

    # Korean: the project's index tokens (bigrams, then morphemes after each separator), one
    # sentence at a time so that kiwipiepy's memo hits sentences that texts share.
    tokens: list[str] = []
    if hangul_runs:
        for sentence in _SENTENCE_END.split(normalized):
            if _HAS_HANGUL.search(sentence):
                tokens.extend(analyzer.index_tokens(sentence))
    morphemes: list[str] = []
    after_separator = False
    for token in tokens:
        if token == SEPARATOR:
            after_separator = True
            continue
        if after_separator:
            after_separator = False
            if len(token) >= 3:
                out.add("m:" + token, token, times)
            morphemes.append(token)
        elif len(token) == 2 and not token.isascii():
            out.add("b:" + token, token, times)
    korean_units = list(dict.fromkeys([*morphemes, *(r for r in hangul_runs if len(r) >= 2)]))
    for unit in korean_units:
        if len(unit) <= MAX_KOREAN_UNIT or unit in morphemes:
            out.units.setdefault(unit, tuple(f"b:{unit[i : i + 2]}" for i in range(len(unit) - 1)))
            _bridge_korean(unit, out, times)
    for morpheme in morphemes:
        if len(morpheme) == 1 and morpheme in _KO_FORMS:
            out.add("c:" + _KO_FORMS[morpheme], morpheme, times)
    _korean_concepts(hangul_runs, normalized, out, times)

    # Latin words (English text, and the Latin tokens inside Korean text: AI, IoT, 5G …).
    stems = [stem(w) for w in latin]
    for word, stemmed in zip(latin, stems, strict=True):
        if word in _EN_STOPWORDS or (len(word) == 1 and not word.isdigit()):
            continue
        out.add("w:" + stemmed, word, times)
        if word.isalpha() and len(word) >= 3:
            key = phonetic_key(word)
            if len(key) >= MIN_KEY:
                out.add("pe:" + key, word, times)
    for code in _JOINED_CODE.findall(normalized):
        joined = re.sub(r"[-/.]", "", code)
        if any(c.isdigit() for c in joined) and any(c.isalpha() for c in joined):
            out.add("w:" + joined, code, times)
    _english_concepts(stems, latin, out, times)


def _bridge_korean(unit: str, out: Analysis, times: int) -> None:
    key = phonetic_key(romanize(unit))
    if len(key) >= MIN_KEY:
        out.add("pk:" + key, unit, times)
    for word in _latin_words_of_korean(unit):
        out.add("rk:" + word, unit, times)


def _korean_concepts(hangul_runs: list[str], normalized: str, out: Analysis, times: int) -> None:
    if _KO_PATTERN is None:
        return
    seen: set[str] = set()
    # Two-letter forms inside one Hangul run; longer forms also across a space (스마트 팩토리).
    for run in hangul_runs:
        for match in _KO_PATTERN.finditer(run):
            seen.add(match.group())
    compact = re.sub(r"\s+", "", normalized)
    for match in _KO_PATTERN.finditer(compact):
        if len(match.group()) >= 3:
            seen.add(match.group())
    for form in seen:
        out.add("c:" + _KO_FORMS[form], form, times)


def _english_concepts(stems: list[str], words: list[str], out: Analysis, times: int) -> None:
    i = 0
    while i < len(stems):
        for size in range(min(_EN_MAX_WORDS, len(stems) - i), 0, -1):
            concept = _EN_FORMS.get(tuple(stems[i : i + size]))
            if concept is not None:
                out.add("c:" + concept, " ".join(words[i : i + size]), times)
                i += size
                break
        else:
            i += 1


def query_lookups(terms: Iterable[str]) -> dict[str, float]:
    """The index terms a query's own terms look up, with their weights.

    A Korean word's phonetic key (``pk:``) looks up English keys (``pe:``) and vice versa; a
    Korean word's romanization (``rk:``) looks up English words (``w:``), and an English word
    also looks up romanized Korean (``rk:``).
    """
    out: dict[str, float] = {}

    def put(term: str, weight: float) -> None:
        out[term] = max(out.get(term, 0.0), weight)

    for term in terms:
        namespace, _, value = term.partition(":")
        if namespace == "gk":
            put("ge:" + value, NAMESPACE_WEIGHTS["gk"])
        elif namespace == "ge":
            put("gk:" + value, NAMESPACE_WEIGHTS["ge"])
        elif namespace == "pk":
            put("pe:" + value, NAMESPACE_WEIGHTS["pk"])
        elif namespace == "pe":
            put("pk:" + value, NAMESPACE_WEIGHTS["pe"])
        elif namespace == "rk":
            put("w:" + value, NAMESPACE_WEIGHTS["wr"])
        else:
            put(term, NAMESPACE_WEIGHTS.get(namespace, 1.0))
            if namespace == "w" and value.isalpha():
                put("rk:" + value, NAMESPACE_WEIGHTS["rk"])
    return out
