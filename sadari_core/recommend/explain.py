"""Why an investor was recommended: reasons with numbers, in Korean and English."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from sadari_core.recommend.stages import OTHER, STAGE_LABELS, UNKNOWN

PREVIOUS_INVESTOR = "previous_investor"
CO_INVESTOR = "co_investor"
SEGMENT = "segment"
REGION = "region"
STAGE = "stage"
ACTIVE = "active"
REASON_KINDS = (PREVIOUS_INVESTOR, CO_INVESTOR, SEGMENT, REGION, STAGE, ACTIVE)


def _has_stage(stage: str) -> bool:
    return stage not in ("", UNKNOWN, OTHER)


def _stage(stage: str, lang: int) -> str:
    return STAGE_LABELS.get(stage, (stage, stage))[lang]


@dataclass(frozen=True, slots=True)
class Reason:
    """One piece of evidence: its kind, its share of the score (log-odds) and its numbers.

    Which fields are set depends on ``kind``: ``previous_investor`` (count of rounds in this
    company, the last one's year and stage), ``co_investor`` (names of this company's investors
    and the count of deals shared with them), ``segment`` (deals in ``year`` in ``category`` at
    ``stage``, all led when ``is_lead``), ``region``, ``stage`` and ``active`` (deals in the
    last 12 months).
    """

    kind: str
    weight: float
    count: int = 0
    year: int | None = None
    stage: str = ""
    category: str = ""
    region: str = ""
    names: tuple[str, ...] = ()
    is_lead: bool = False

    def text(self, lang: str = "ko") -> str:
        """The reason as a phrase, e.g. ``"2012년 software 분야 시드 3건 주도"``.

        Args:
            lang: ``"ko"`` (default) or ``"en"``.

        Returns:
            ``"led 3 seed rounds in software startups in 2012"`` in English.
        """
        return _ko(self) if not lang.startswith("en") else _en(self)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready (the weight rounded to 4 places)."""
        return {
            "kind": self.kind,
            "weight": round(self.weight, 4),
            "count": self.count,
            "year": self.year,
            "stage": self.stage,
            "category": self.category,
            "region": self.region,
            "names": list(self.names),
            "is_lead": self.is_lead,
        }


def _ko(r: Reason) -> str:
    if r.kind == PREVIOUS_INVESTOR:
        stage = f" {_stage(r.stage, 0)}" if r.stage else ""
        year = f"{r.year}년" if r.year else ""
        return f"이 회사의 기존 투자자 ({year}{stage}, {r.count}건)"
    if r.kind == CO_INVESTOR:
        return f"기존 투자자 {', '.join(r.names)}와 공동투자 {r.count}건"
    if r.kind == SEGMENT:
        where = " ".join(x for x in (r.region, f"{r.category} 분야" if r.category else "") if x)
        verb = "주도" if r.is_lead else "참여"
        year = f"{r.year}년 " if r.year else ""
        stage = f"{_stage(r.stage, 0)} " if _has_stage(r.stage) else ""
        return f"{year}{where + ' ' if where else ''}{stage}{r.count}건 {verb}"
    if r.kind == REGION:
        return f"{r.region} 투자 {r.count}건"
    if r.kind == STAGE:
        return f"{_stage(r.stage, 0)} 투자 {r.count}건"
    return f"최근 12개월 투자 {r.count}건"


def _en(r: Reason) -> str:
    n = r.count
    if r.kind == PREVIOUS_INVESTOR:
        last = " ".join(x for x in (_stage(r.stage, 1) if r.stage else "", str(r.year or "")) if x)
        return f"already an investor ({n} round{'s' * (n != 1)}{', last ' + last if last else ''})"
    if r.kind == CO_INVESTOR:
        return f"co-invested {n} time{'s' * (n != 1)} with {', '.join(r.names)}"
    if r.kind == SEGMENT:
        verb = "led" if r.is_lead else "took part in"
        stage = f"{_stage(r.stage, 1)} " if _has_stage(r.stage) else ""
        noun = "round" if n == 1 else "rounds"
        where = ""
        if r.category:
            where = f" in {r.category} startups"
        if r.region:
            where += f" in {r.region}"
        year = f" in {r.year}" if r.year else ""
        return f"{verb} {n} {stage}{noun}{where}{year}"
    if r.kind == REGION:
        return f"{n} deal{'s' * (n != 1)} in {r.region}"
    if r.kind == STAGE:
        return f"{n} {_stage(r.stage, 1)} deal{'s' * (n != 1)}"
    return f"{n} deal{'s' * (n != 1)} in the last 12 months"


@dataclass(frozen=True, slots=True)
class Thesis:
    """An investor's thesis: declared when it has one, else revealed by its deals."""

    stages: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    is_declared: bool = False

    def text(self, lang: str = "ko") -> str:
        """``"투자 성향: 시드, software, SF Bay"`` / ``"thesis: seed, software, SF Bay"``."""
        index = 1 if lang.startswith("en") else 0
        words = [_stage(s, index) for s in self.stages] + [*self.industries, *self.regions]
        if not words:
            return ""
        return f"{('투자 성향', 'thesis')[index]}: {', '.join(words)}"


@dataclass(frozen=True)
class Explanation:
    """The evidence behind one recommendation; feeds the UI, the API, the CLI and the tests.

    ``reasons`` are ordered by weight (strongest first); ``components`` holds each model
    feature's contribution to the score in log-odds (with the intercept they add up to it).
    """

    reasons: tuple[Reason, ...] = ()
    thesis: Thesis = field(default_factory=Thesis)
    components: Mapping[str, float] = field(default_factory=dict)
    is_cold_start: bool = False

    def summary(self, lang: str = "ko", max_reasons: int = 2) -> str:
        """One line: the strongest reasons, then the thesis.

        Args:
            lang: ``"ko"`` (default) or ``"en"``.
            max_reasons: how many reasons to show before the thesis.

        Returns:
            e.g. ``"2012년 AI 분야 시드 3건 주도 · 투자 성향: 시드, AI, 서울"`` or
            ``"led 3 seed rounds in AI startups in 2012; thesis: seed, AI, Seoul"``.
        """
        parts = [r.text(lang) for r in self.reasons[:max_reasons]]
        thesis = self.thesis.text(lang)
        if thesis:
            parts.append(thesis)
        return ("; " if lang.startswith("en") else " · ").join(parts)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready: reasons, thesis, rounded components and both summaries."""
        return {
            "reasons": [r.as_dict() for r in self.reasons],
            "thesis": {
                "stages": list(self.thesis.stages),
                "industries": list(self.thesis.industries),
                "regions": list(self.thesis.regions),
                "is_declared": self.thesis.is_declared,
            },
            "components": {k: round(v, 4) for k, v in self.components.items()},
            "is_cold_start": self.is_cold_start,
            "summary_ko": self.summary("ko"),
            "summary_en": self.summary("en"),
        }
