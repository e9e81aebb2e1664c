"""Why an investor was recommended: reasons with numbers, in Korean and English."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sadari_core.recommend.stages import OTHER, STAGE_LABELS, UNKNOWN

PREVIOUS_INVESTOR = "previous_investor"
CO_INVESTOR = "co_investor"
SEGMENT = "segment"
REGION = "region"
STAGE = "stage"
ACTIVE = "active"
TICKET = "ticket"
REASON_KINDS = (PREVIOUS_INVESTOR, CO_INVESTOR, SEGMENT, REGION, STAGE, ACTIVE, TICKET)
Money = Callable[[float], str]


def usd(amount: float) -> str:
    """``usd(2_500_000) == "$2.5M"``, ``usd(300_000) == "$300K"`` (the default money format)."""
    if amount >= 1e9:
        return f"${amount / 1e9:.3g}B"
    if amount >= 1e6:
        return f"${amount / 1e6:.3g}M"
    if amount >= 1e3:
        return f"${amount / 1e3:.3g}K"
    return f"${amount:.0f}"


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
    ``stage``, all led when ``is_lead``), ``region``, ``stage``, ``active`` (deals in the
    last 12 months) and ``ticket`` (the declared range ``low``–``high`` against the round the
    company is expected to raise, ``amount``; ``is_fit`` whether it fits or misses).
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
    amount: float | None = None
    low: float | None = None
    high: float | None = None
    is_fit: bool = False

    def text(self, lang: str = "ko", money: Money | None = None) -> str:
        """The reason as a phrase, e.g. ``"2012년 software 분야 시드 3건 주도"``.

        Args:
            lang: ``"ko"`` (default) or ``"en"``.
            money: formats amounts (default :func:`usd`; the platform shows 원).

        Returns:
            ``"led 3 seed rounds in software startups in 2012"`` in English.
        """
        if self.kind == TICKET:
            return _ticket(self, not lang.startswith("en"), money or usd)
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
            "amount": self.amount,
            "low": self.low,
            "high": self.high,
            "is_fit": self.is_fit,
        }


def _ticket(r: Reason, korean: bool, money: Money) -> str:
    if r.low is not None and r.high is not None:
        span = f"{money(r.low)}–{money(r.high)}"
    elif r.low is not None:
        span = f"{money(r.low)}+" if not korean else f"{money(r.low)} 이상"
    else:
        span = f"≤ {money(r.high or 0)}" if not korean else f"{money(r.high or 0)} 이하"
    expected = money(r.amount or 0)
    if korean:
        verdict = "맞음" if r.is_fit else "맞지 않음"
        return f"투자 규모 {span}: 예상 라운드 약 {expected}에 {verdict}"
    verdict = "fits" if r.is_fit else "does not fit"
    return f"ticket {span} {verdict} the expected round of about {expected}"


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

    def summary(self, lang: str = "ko", max_reasons: int = 2, money: Money | None = None) -> str:
        """One line: the strongest reasons, the ticket fit (always, when there is one), then
        the thesis.

        Args:
            lang: ``"ko"`` (default) or ``"en"``.
            max_reasons: how many reasons to show before the thesis.
            money: formats amounts (default :func:`usd`).

        Returns:
            e.g. ``"2012년 AI 분야 시드 3건 주도 · 투자 성향: 시드, AI, 서울"`` or
            ``"led 3 seed rounds in AI startups in 2012; thesis: seed, AI, Seoul"``.
        """
        shown = list(self.reasons[:max_reasons])
        shown += [r for r in self.reasons[max_reasons:] if r.kind == TICKET]
        parts = [r.text(lang, money) for r in shown]
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
