"""Korean tokenization for search: character bigrams (recall) plus morphemes (precision, ranking).

Index analysis of a text gives one token stream per field:
- for every Hangul run, its character bigrams in order, then the run's last character as a
  one-character token (so that a one-character prefix query reaches every position);
- every Latin/digit run as a word;
- with a morpheme analyzer (kiwipiepy), the run's content morphemes (nouns, roots, foreign words).

Bigrams of one run are written next to each other, so a phrase of query bigrams matches exactly
when the query is a substring of that Hangul run (SQLite FTS5 phrases, PostgreSQL ``<->``).
"""

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Protocol

from sadari_core.text.normalize import normalize_text, script_runs

# Content morphemes worth indexing: common/proper nouns, roots, foreign words, Chinese characters.
# A token no analysis produces from text (it has no Hangul and is not a Latin word users type).
SEPARATOR = "zzsep"
_MORPHEME_TAGS = frozenset({"NNG", "NNP", "XR", "SL", "SH", "SN", "NR"})


class MorphemeAnalyzer(Protocol):
    """Anything that turns Korean text into content morphemes."""

    def morphemes(self, text: str) -> list[str]: ...


def hangul_bigrams(run: str) -> list[str]:
    """``hangul_bigrams("스타트업") == ["스타", "타트", "트업"]``; a one-letter run gives itself."""
    if len(run) < 2:
        return [run] if run else []
    return [run[i : i + 2] for i in range(len(run) - 1)]


class KiwiMorphemes:
    """Content morphemes from kiwipiepy, loaded from the installed wheel (no download).

    The model takes ~0.5 GB and a few seconds to load, so one instance is shared per process;
    analyses are memoized per sentence because generated and imported texts repeat a lot.
    """

    def __init__(self, cache_size: int = 200_000) -> None:
        from kiwipiepy import Kiwi

        self._kiwi = Kiwi()
        self._cached: Callable[[str], tuple[str, ...]] = lru_cache(maxsize=cache_size)(
            self._analyze
        )

    def _analyze(self, text: str) -> tuple[str, ...]:
        out = []
        for token in self._kiwi.tokenize(text):
            if token.tag in _MORPHEME_TAGS:
                form = normalize_text(token.form)
                if form:
                    out.append(form)
        return tuple(out)

    def morphemes(self, text: str) -> list[str]:
        return list(self._cached(text))


class Analyzer:
    """Turns field text into index tokens and queries into terms, the same way on both sides.

    Args:
        morphemes: an optional morpheme analyzer; without one, analysis is bigrams + words only
            (the fallback, fast and dependency-free).
    """

    def __init__(self, morphemes: MorphemeAnalyzer | None = None) -> None:
        self.morpheme_analyzer = morphemes

    def index_tokens(self, text: str) -> list[str]:
        """Index tokens of one field, e.g. ``"하늘드론 AI"`` → ``["하늘", "늘드", "드론", "론", "ai", …]``."""
        tokens: list[str] = []
        hangul_words: list[str] = []
        for script, run in script_runs(text):
            if script == "hangul":
                tokens.extend(hangul_bigrams(run))
                if len(run) >= 2:
                    tokens.append(run[-1])
                hangul_words.append(run)
            else:
                tokens.append(run)
        if self.morpheme_analyzer is not None and hangul_words:
            # Each morpheme follows a separator so that two 2-letter morphemes never form a
            # bigram phrase that the text does not contain.
            for morpheme in self.morpheme_analyzer.morphemes(normalize_text(text)):
                if len(morpheme) >= 2 and not morpheme.isascii():
                    tokens.extend((SEPARATOR, morpheme))
        return tokens

    def index_text(self, text: str) -> str:
        """The index tokens joined by spaces (what the database full-text index stores)."""
        return " ".join(self.index_tokens(text))

    def index_texts(self, texts: Iterable[str]) -> str:
        """Several values of one field (e.g. aliases), each analyzed on its own.

        A separator token keeps bigram phrases from running across two values.
        """
        return f" {SEPARATOR} ".join(t for t in (self.index_text(x) for x in texts if x) if t)


def bigram_analyzer() -> Analyzer:
    """The dependency-free analyzer (bigrams + Latin words)."""
    return Analyzer(None)


_KIWI: KiwiMorphemes | None = None


def kiwi_analyzer() -> Analyzer:
    """The full analyzer (bigrams + words + kiwipiepy morphemes); the model is loaded once."""
    global _KIWI
    if _KIWI is None:
        _KIWI = KiwiMorphemes()
    return Analyzer(_KIWI)
