"""The matching records: what goes in (MatchDoc) and what comes out (MatchResult, explained)."""

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MatchDoc:
    """One side of a match: a need, a technology offer, a challenge, a product description.

    ``trl`` and the budget mean "wanted" on a query of the need side and "has"/"asks" on an item
    of the offer side (``Matcher(query_side="offer")`` reads them the other way round).
    """

    id: str
    title: str
    text: str = ""
    fields: tuple[str, ...] = ()
    trl: int | None = None
    budget_min_krw: int | None = None
    budget_max_krw: int | None = None

    @property
    def full_text(self) -> str:
        """Title and text as one string (what the encoder reads)."""
        if self.text and self.title:
            return f"{self.title}. {self.text}"
        return self.title or self.text


_TRL_LABELS = {
    "ko": ("TRL 적합", "TRL 부분 적합", "TRL 미달"),
    "en": ("TRL fits", "TRL partly fits", "TRL below need"),
}
_BUDGET_LABELS = {
    "ko": ("예산 적합", "예산 근접", "예산 밖"),
    "en": ("budget fits", "budget close", "budget out of range"),
}
_WORDS = {
    "ko": ("공통 용어", "분야 일치", "의미 유사도", "공통 근거 없음"),
    "en": ("Shared terms", "Field match", "Semantic similarity", "No shared evidence"),
}


def _fit_label(value: float | None, labels: tuple[str, str, str]) -> str | None:
    if value is None:
        return None
    if value >= 0.999:
        return labels[0]
    if value > 0.0:
        return f"{labels[1]} ({value:.2f})"
    return labels[2]


@dataclass(frozen=True)
class MatchExplanation:
    """Why an item matched a query; the same object feeds the UI, the API and the tests.

    ``components`` holds each feature's contribution to the score (they add up to it).
    """

    shared_terms: tuple[str, ...]
    field_overlap: tuple[str, ...]
    trl_fit: float | None
    budget_fit: float | None
    semantic: float | None
    components: Mapping[str, float] = field(default_factory=dict)

    def summary(self, lang: str = "ko") -> str:
        """One sentence, e.g. ``"공통 용어: 배터리, 진단 · 분야 일치: ENERGY · TRL 적합"``.

        Args:
            lang: ``"ko"`` (default) or ``"en"``.

        Returns:
            The parts that carry evidence, joined by `` · ``.
        """
        key = "en" if lang.startswith("en") else "ko"
        terms_word, field_word, semantic_word, nothing = _WORDS[key]
        parts: list[str] = []
        if self.shared_terms:
            parts.append(f"{terms_word}: {', '.join(self.shared_terms[:6])}")
        if self.field_overlap:
            parts.append(f"{field_word}: {', '.join(self.field_overlap)}")
        fits = (
            _fit_label(self.trl_fit, _TRL_LABELS[key]),
            _fit_label(self.budget_fit, _BUDGET_LABELS[key]),
        )
        parts.extend(label for label in fits if label)
        if self.semantic is not None:
            parts.append(f"{semantic_word} {self.semantic:.2f}")
        return " · ".join(parts) if parts else nothing

    def as_dict(self) -> dict[str, object]:
        """JSON-ready: lists for tuples, rounded floats, both summaries."""
        return {
            "shared_terms": list(self.shared_terms),
            "field_overlap": list(self.field_overlap),
            "trl_fit": None if self.trl_fit is None else round(self.trl_fit, 4),
            "budget_fit": None if self.budget_fit is None else round(self.budget_fit, 4),
            "semantic": None if self.semantic is None else round(self.semantic, 4),
            "components": {k: round(v, 4) for k, v in self.components.items()},
            "summary_ko": self.summary("ko"),
            "summary_en": self.summary("en"),
        }


@dataclass(frozen=True)
class MatchResult:
    """One ranked item for one query (``rank`` is 1-based)."""

    query_id: str
    item_id: str
    score: float
    rank: int
    explanation: MatchExplanation
