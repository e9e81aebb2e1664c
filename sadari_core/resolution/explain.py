"""Why two records were (not) matched: one item per compared field with its weight of evidence."""

from dataclasses import dataclass, field
from typing import Any

# Field labels for summaries; unknown fields are shown by name.
_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "business_number": ("사업자등록번호", "business number"),
    "name": ("이름", "name"),
    "homepage": ("홈페이지", "homepage"),
    "founders": ("창업자", "founders"),
    "region": ("지역", "region"),
}
_LEVEL_LABELS: dict[str, tuple[str, str]] = {
    "exact": ("일치", "same"),
    "similar": ("유사", "similar"),
    "somewhat": ("조금 유사", "somewhat similar"),
    "different": ("다름", "different"),
    "missing": ("없음", "missing"),
}


@dataclass(frozen=True)
class ExplanationItem:
    """One field's comparison: the two values, the level reached and its log2 Bayes factor."""

    field: str
    left: str
    right: str
    level: str
    weight: float
    similarity: float | None = None


@dataclass
class Explanation:
    """The evidence behind a match probability; ``weight`` is log2 of a Bayes factor."""

    items: list[ExplanationItem] = field(default_factory=list)
    prior_weight: float = 0.0

    @property
    def total_weight(self) -> float:
        """Prior plus every item's weight (log2 odds of a match)."""
        return self.prior_weight + sum(item.weight for item in self.items)

    def summary(self, lang: str = "ko") -> str:
        """One line, strongest evidence first.

        Args:
            lang: ``"ko"`` or ``"en"``.

        Returns:
            e.g. ``"사업자등록번호 일치 · 이름 유사(0.93)"`` or ``"business number same · name similar (0.93)"``.
        """
        index = 1 if lang == "en" else 0
        parts: list[str] = []
        for item in sorted(self.items, key=lambda it: -abs(it.weight)):
            if item.level == "missing":
                continue
            label = _FIELD_LABELS.get(item.field, (item.field, item.field))[index]
            level = _LEVEL_LABELS.get(item.level, (item.level, item.level))[index]
            text = f"{label} {level}"
            if item.similarity is not None and item.level not in {"exact", "different"}:
                text += f" ({item.similarity:.2f})" if index else f"({item.similarity:.2f})"
            parts.append(text)
        return " · ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-able form (floats rounded to 4 places)."""
        return {
            "prior_weight": round(self.prior_weight, 4),
            "total_weight": round(self.total_weight, 4),
            "items": [
                {
                    "field": it.field,
                    "left": it.left,
                    "right": it.right,
                    "level": it.level,
                    "weight": round(it.weight, 4),
                    "similarity": None if it.similarity is None else round(it.similarity, 4),
                }
                for it in self.items
            ],
        }
