"""Job matching (채용 매칭) both ways: trainees → postings and postings → trainees, explained.

A pair's score is a weighted mean of the fits that both sides say something about (a missing
preference is neutral, not a penalty):

- **skills** (weight 0.5) — required skills count twice, preferred once: ``(2·|required met| +
  |preferred met|) / (2·|required| + |preferred|)``. Skills are compared by canonical name
  (``파이썬`` = ``Python``, via :class:`sadari_core.skills.SkillVocabulary`), and a framework
  implies its language (Django → Python, Spring Boot → Java);
- **occupation** (0.2) — the trainee's target O*NET-SOC occupations against the posting's:
  same code 1, same SOC detail (``15-1252``) 0.9, related (O*NET related occupations, when
  given) 0.7, same minor group (``15-1``) 0.5, same major group (``15``) 0.3;
- **region** (0.12) — same 시/군/구 or remote 1, same 시/도 0.7, otherwise 0;
- **salary** (0.1) — the posting's top of range against the trainee's minimum: 1 when it
  reaches it, falling to 0 at 20 % below;
- **employment type** (0.08) — 1 when the posting's type is one the trainee accepts.

The :class:`JobMatchExplanation` keeps each fit, the skills met and missing, and the components
that add up to the score; ``summary("ko")`` reads ``"Python, Django 일치 · Docker 부족 · 직무 일치
· 지역 일치"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sadari_core.skills import SkillVocabulary

WEIGHTS: dict[str, float] = {
    "skills": 0.5,
    "occupation": 0.2,
    "region": 0.12,
    "salary": 0.1,
    "employment": 0.08,
}
REQUIRED_WEIGHT = 2.0
PREFERRED_WEIGHT = 1.0
SALARY_TOLERANCE = 0.2  # a posting paying 20 % under the trainee's minimum is no fit
SKILLS_CACHE_SIZE = 50_000

# Knowing a framework implies knowing its language or base (a trainee listing Django knows
# Python). One direction only: Python does not imply Django.
IMPLIES: dict[str, tuple[str, ...]] = {
    "Django": ("Python",),
    "Flask": ("Python",),
    "FastAPI": ("Python",),
    "pandas": ("Python",),
    "NumPy": ("Python",),
    "PyTorch": ("Python", "Deep learning"),
    "TensorFlow": ("Python", "Deep learning"),
    "Keras": ("Python", "Deep learning"),
    "scikit-learn": ("Python", "Machine learning"),
    "Deep learning": ("Machine learning",),
    "Spring Boot": ("Spring", "Java"),
    "Spring": ("Java",),
    "JPA": ("Java",),
    "React": ("JavaScript",),
    "React Native": ("React", "JavaScript"),
    "Next.js": ("React", "JavaScript"),
    "Vue.js": ("JavaScript",),
    "Angular": ("TypeScript",),
    "TypeScript": ("JavaScript",),
    "Node.js": ("JavaScript",),
    "NestJS": ("Node.js", "TypeScript"),
    "Express": ("Node.js",),
    "Kubernetes": ("Docker",),
    "Flutter": ("Dart",),
    "SwiftUI": ("Swift", "iOS"),
    "Ruby on Rails": ("Ruby",),
    "Laravel": ("PHP",),
    "C++": ("C",),
    "PostgreSQL": ("SQL",),
    "MySQL": ("SQL",),
    "MariaDB": ("SQL",),
    "Oracle Database": ("SQL",),
    "Microsoft SQL Server": ("SQL",),
    "GitHub": ("Git",),
    "GitLab": ("Git",),
}

_SIDO: dict[str, tuple[str, str]] = {
    # key → (Korean display, English display); keys are what people write
    "서울": ("서울", "Seoul"), "서울시": ("서울", "Seoul"), "서울특별시": ("서울", "Seoul"),
    "seoul": ("서울", "Seoul"), "부산": ("부산", "Busan"), "부산광역시": ("부산", "Busan"),
    "busan": ("부산", "Busan"), "대구": ("대구", "Daegu"), "대구광역시": ("대구", "Daegu"),
    "daegu": ("대구", "Daegu"), "인천": ("인천", "Incheon"), "인천광역시": ("인천", "Incheon"),
    "incheon": ("인천", "Incheon"), "광주": ("광주", "Gwangju"), "광주광역시": ("광주", "Gwangju"),
    "gwangju": ("광주", "Gwangju"), "대전": ("대전", "Daejeon"), "대전광역시": ("대전", "Daejeon"),
    "daejeon": ("대전", "Daejeon"), "울산": ("울산", "Ulsan"), "울산광역시": ("울산", "Ulsan"),
    "ulsan": ("울산", "Ulsan"), "세종": ("세종", "Sejong"), "세종특별자치시": ("세종", "Sejong"),
    "sejong": ("세종", "Sejong"), "경기": ("경기", "Gyeonggi"), "경기도": ("경기", "Gyeonggi"),
    "gyeonggi": ("경기", "Gyeonggi"), "강원": ("강원", "Gangwon"), "강원도": ("강원", "Gangwon"),
    "강원특별자치도": ("강원", "Gangwon"), "gangwon": ("강원", "Gangwon"),
    "충북": ("충북", "Chungbuk"), "충청북도": ("충북", "Chungbuk"), "chungbuk": ("충북", "Chungbuk"),
    "충남": ("충남", "Chungnam"), "충청남도": ("충남", "Chungnam"), "chungnam": ("충남", "Chungnam"),
    "전북": ("전북", "Jeonbuk"), "전라북도": ("전북", "Jeonbuk"), "전북특별자치도": ("전북", "Jeonbuk"),
    "jeonbuk": ("전북", "Jeonbuk"), "전남": ("전남", "Jeonnam"), "전라남도": ("전남", "Jeonnam"),
    "jeonnam": ("전남", "Jeonnam"), "경북": ("경북", "Gyeongbuk"), "경상북도": ("경북", "Gyeongbuk"),
    "gyeongbuk": ("경북", "Gyeongbuk"), "경남": ("경남", "Gyeongnam"), "경상남도": ("경남", "Gyeongnam"),
    "gyeongnam": ("경남", "Gyeongnam"), "제주": ("제주", "Jeju"), "제주도": ("제주", "Jeju"),
    "제주특별자치도": ("제주", "Jeju"), "jeju": ("제주", "Jeju"),
}  # fmt: skip
_REMOTE = ("재택", "원격", "remote", "전국", "anywhere")
_VOCABULARY: SkillVocabulary | None = None


def _default_vocabulary() -> SkillVocabulary:
    global _VOCABULARY
    if _VOCABULARY is None:
        _VOCABULARY = SkillVocabulary.default()
    return _VOCABULARY


@dataclass(frozen=True)
class JobPosting:
    """What matching needs of a posting (채용공고); skills in any spelling, Korean or English.

    Without required or preferred skills, the skills named in ``text`` count as required.
    ``occupations`` are O*NET-SOC codes (e.g. from ``sadari classify-titles`` on the title).
    """

    id: str
    title: str = ""
    required_skills: tuple[str, ...] = ()
    preferred_skills: tuple[str, ...] = ()
    occupations: tuple[str, ...] = ()
    region: str = ""
    salary_min_krw: int | None = None
    salary_max_krw: int | None = None
    employment_type: str = ""
    text: str = ""


@dataclass(frozen=True)
class TraineeProfile:
    """What matching needs of a trainee (교육생) or job seeker: skills and preferences.

    ``occupations`` are the target O*NET-SOC codes (the desired role, classified);
    ``regions`` the places they would work (``("서울", "경기 고양시")``, empty = anywhere);
    ``salary_min_krw`` the least annual salary they accept; ``employment_types`` the kinds of
    contract they accept (empty = any).
    """

    id: str
    skills: tuple[str, ...] = ()
    occupations: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    salary_min_krw: int | None = None
    employment_types: tuple[str, ...] = ()
    text: str = ""


_FIT_WORDS = {
    "ko": {
        "match": "일치",
        "missing": "부족",
        "preferred": "우대",
        "occupation": ("직무 일치", "유사 직무", "관련 직무", "직무 다름"),
        "region": ("지역 일치", "같은 시·도", "지역 다름"),
        "salary": ("연봉 적합", "연봉 근접", "연봉 미달"),
        "employment": ("고용형태 적합", "고용형태 다름"),
        "nothing": "공통 근거 없음",
    },
    "en": {
        "match": "matched",
        "missing": "missing",
        "preferred": "preferred",
        "occupation": ("same occupation", "similar occupation", "related occupation",
                       "different occupation"),
        "region": ("same area", "same province", "different region"),
        "salary": ("salary fits", "salary close", "salary below expectation"),
        "employment": ("employment type fits", "different employment type"),
        "nothing": "no shared evidence",
    },
}  # fmt: skip


@dataclass(frozen=True)
class JobMatchExplanation:
    """Why a trainee and a posting match; one object for the trainee, the coordinator and tests.

    ``components`` holds each fit's contribution to the score (they add up to it); a fit is
    None when one side gave nothing to compare (then it carries no weight).
    """

    matched_required: tuple[str, ...] = ()
    matched_preferred: tuple[str, ...] = ()
    missing_required: tuple[str, ...] = ()
    missing_preferred: tuple[str, ...] = ()
    skill_fit: float | None = None
    occupation_fit: float | None = None
    region_fit: float | None = None
    region: str = ""
    salary_fit: float | None = None
    employment_fit: float | None = None
    components: Mapping[str, float] = field(default_factory=dict)

    @property
    def matched(self) -> tuple[str, ...]:
        """Every skill met, required first."""
        return self.matched_required + self.matched_preferred

    def summary(self, lang: str = "ko") -> str:
        """One line, e.g. ``"Python, Django 일치 · Docker 부족 · 직무 일치 · 지역 일치(서울)"``.

        Args:
            lang: ``"ko"`` (default) or ``"en"``.

        Returns:
            ``"Python, Django matched · Docker missing · same occupation · same area (Seoul)"``
            in English; the parts that carry evidence, joined by `` · ``.
        """
        key = "en" if lang.startswith("en") else "ko"
        words = _FIT_WORDS[key]
        parts: list[str] = []
        if self.matched:
            parts.append(f"{', '.join(self.matched[:6])} {words['match']}")
        if self.missing_required:
            parts.append(f"{', '.join(self.missing_required[:4])} {words['missing']}")
        elif self.missing_preferred:
            parts.append(
                f"{words['preferred']} {', '.join(self.missing_preferred[:3])} {words['missing']}"
            )
        occupation = _level(self.occupation_fit, (1.0, 0.9, 0.5), words["occupation"])
        if occupation:
            parts.append(occupation)
        region = _level(self.region_fit, (1.0, 0.7), words["region"])
        if region:
            where = _SIDO.get(self.region, (self.region, self.region))[key == "en"]
            parts.append(f"{region} ({where})" if where and self.region_fit else region)
        for fit, labels in (
            (self.salary_fit, words["salary"]),
            (self.employment_fit, words["employment"]),
        ):
            label = _level(fit, (1.0, 0.01) if len(labels) == 3 else (1.0,), labels)
            if label:
                parts.append(label)
        return " · ".join(parts) if parts else str(words["nothing"])

    def as_dict(self) -> dict[str, object]:
        """JSON-ready: lists for tuples, rounded floats, both summaries."""

        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 4)

        return {
            "matched_required": list(self.matched_required),
            "matched_preferred": list(self.matched_preferred),
            "missing_required": list(self.missing_required),
            "missing_preferred": list(self.missing_preferred),
            "skill_fit": rounded(self.skill_fit),
            "occupation_fit": rounded(self.occupation_fit),
            "region_fit": rounded(self.region_fit),
            "region": self.region,
            "salary_fit": rounded(self.salary_fit),
            "employment_fit": rounded(self.employment_fit),
            "components": {k: round(v, 4) for k, v in self.components.items()},
            "summary_ko": self.summary("ko"),
            "summary_en": self.summary("en"),
        }


def _level(value: float | None, thresholds: Sequence[float], labels: Sequence[str]) -> str:
    """The label of the first threshold ``value`` reaches (the last label below all)."""
    if value is None:
        return ""
    for threshold, label in zip(thresholds, labels, strict=False):
        if value >= threshold - 1e-9:
            return label
    return labels[-1]


@dataclass(frozen=True)
class JobMatch:
    """One ranked pair (``rank`` is 1-based), with its explanation."""

    trainee_id: str
    posting_id: str
    score: float
    rank: int
    explanation: JobMatchExplanation


class JobMatcher:
    """Scores trainees against postings, both ways, with explanations.

    Args:
        vocabulary: the skill vocabulary for canonical names (default: the shipped list;
            pass ``SkillVocabulary.build(onet, labels)`` for the full one).
        related_occupations: O*NET related occupations, code → related codes (optional).

    Example:
        ``JobMatcher().score(trainee, posting).explanation.summary()`` →
        ``"Python, Django 일치 · Docker 부족 · 직무 일치"``.
    """

    def __init__(
        self,
        vocabulary: SkillVocabulary | None = None,
        related_occupations: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self.vocabulary = vocabulary or _default_vocabulary()
        self.related = {k: frozenset(v) for k, v in (related_occupations or {}).items()}
        self._skills_cache: dict[tuple[tuple[str, ...], str], tuple[str, ...]] = {}

    def skills_of(self, labels: Iterable[str], text: str = "") -> tuple[str, ...]:
        """Canonical skills of labels (any spelling) plus those named in ``text``.

        Memoized (postings are scored against every trainee; a page ranks thousands).
        """
        key = (tuple(labels), text)
        cached = self._skills_cache.get(key)
        if cached is not None:
            return cached
        names = list(self.vocabulary.canonicalize(key[0]))
        if text:
            names.extend(self.vocabulary.skills_in(text))
        result = tuple(dict.fromkeys(names))
        if len(self._skills_cache) >= SKILLS_CACHE_SIZE:
            self._skills_cache.clear()
        self._skills_cache[key] = result
        return result

    def _trainee_skills(self, trainee: TraineeProfile) -> set[str]:
        known = set(self.skills_of(trainee.skills, trainee.text))
        frontier = list(known)
        while frontier:
            for implied in IMPLIES.get(frontier.pop(), ()):
                if implied not in known:
                    known.add(implied)
                    frontier.append(implied)
        return known

    def score(self, trainee: TraineeProfile, posting: JobPosting) -> JobMatch:
        """The score of one pair (rank 1) and why."""
        return self._score(trainee, self._trainee_skills(trainee), posting, 1)

    def _score(
        self, trainee: TraineeProfile, known: set[str], posting: JobPosting, rank: int
    ) -> JobMatch:
        required = self.skills_of(posting.required_skills)
        preferred = tuple(s for s in self.skills_of(posting.preferred_skills) if s not in required)
        if not required and not preferred and posting.text:
            required = self.skills_of((), posting.text)
        met_req = tuple(s for s in required if s in known)
        met_pref = tuple(s for s in preferred if s in known)
        total = REQUIRED_WEIGHT * len(required) + PREFERRED_WEIGHT * len(preferred)
        skill_fit = (
            (REQUIRED_WEIGHT * len(met_req) + PREFERRED_WEIGHT * len(met_pref)) / total
            if total
            else None
        )
        occupation_fit = self._occupation_fit(trainee.occupations, posting.occupations)
        region_fit, region = _region_fit(trainee.regions, posting.region)
        salary_fit = _salary_fit(trainee.salary_min_krw, posting.salary_max_krw)
        employment_fit = _employment_fit(trainee.employment_types, posting.employment_type)
        fits = {
            "skills": skill_fit,
            "occupation": occupation_fit,
            "region": region_fit,
            "salary": salary_fit,
            "employment": employment_fit,
        }
        weight = sum(WEIGHTS[k] for k, v in fits.items() if v is not None)
        components = {
            k: WEIGHTS[k] * v / weight for k, v in fits.items() if v is not None and weight > 0
        }
        explanation = JobMatchExplanation(
            matched_required=met_req,
            matched_preferred=met_pref,
            missing_required=tuple(s for s in required if s not in known),
            missing_preferred=tuple(s for s in preferred if s not in known),
            skill_fit=skill_fit,
            occupation_fit=occupation_fit,
            region_fit=region_fit,
            region=region,
            salary_fit=salary_fit,
            employment_fit=employment_fit,
            components=components,
        )
        return JobMatch(trainee.id, posting.id, sum(components.values()), rank, explanation)

    def _occupation_fit(self, wanted: Sequence[str], offered: Sequence[str]) -> float | None:
        if not wanted or not offered:
            return None
        best = 0.0
        for a in wanted:
            for b in offered:
                if a == b:
                    fit = 1.0
                elif a[:7] == b[:7]:
                    fit = 0.9
                elif b in self.related.get(a, ()) or a in self.related.get(b, ()):
                    fit = 0.7
                elif a[:4] == b[:4]:
                    fit = 0.5
                elif a[:2] == b[:2]:
                    fit = 0.3
                else:
                    fit = 0.0
                best = max(best, fit)
        return best

    def postings_for(
        self, trainee: TraineeProfile, postings: Sequence[JobPosting], k: int = 10
    ) -> list[JobMatch]:
        """The ``k`` best postings for a trainee, best first (ties by posting id).

        Args:
            trainee: the trainee, e.g. skills ``("파이썬", "Django")``, region ``("서울",)``.
            postings: the open postings.
            k: how many.

        Returns:
            Ranked :class:`JobMatch`es.
        """
        known = self._trainee_skills(trainee)
        scored = [self._score(trainee, known, p, 0) for p in postings]
        scored.sort(key=lambda m: (-m.score, m.posting_id))
        return [_ranked(m, r) for r, m in enumerate(scored[:k], start=1)]

    def trainees_for(
        self, posting: JobPosting, trainees: Sequence[TraineeProfile], k: int = 10
    ) -> list[JobMatch]:
        """The ``k`` best trainees for a posting, best first (ties by trainee id)."""
        scored = [self._score(t, self._trainee_skills(t), posting, 0) for t in trainees]
        scored.sort(key=lambda m: (-m.score, m.trainee_id))
        return [_ranked(m, r) for r, m in enumerate(scored[:k], start=1)]


def _ranked(match: JobMatch, rank: int) -> JobMatch:
    return JobMatch(match.trainee_id, match.posting_id, match.score, rank, match.explanation)


def _region_parts(text: str) -> tuple[str, str]:
    """(시/도 key, the rest) of a region such as ``"서울 강남구"`` or ``"경기도 고양시 일산동구"``."""
    words = re.split(r"[\s,/]+", text.strip().lower())
    if not words or not words[0]:
        return "", ""
    sido = _SIDO.get(words[0])
    if sido is None:
        return "", " ".join(words)
    return sido[0], " ".join(words[1:3])


def _region_fit(wanted: Sequence[str], offered: str) -> tuple[float | None, str]:
    """The best fit of the posting's region with any region the trainee accepts, and its name."""
    if not wanted or not offered.strip():
        return None, ""
    if any(word in offered.lower() for word in _REMOTE):
        return 1.0, offered.strip()
    o_sido, o_rest = _region_parts(offered)
    best = 0.0
    for region in wanted:
        if any(word in region.lower() for word in _REMOTE):
            continue
        w_sido, w_rest = _region_parts(region)
        if w_sido and w_sido == o_sido:
            best = max(best, 1.0 if not w_rest or (o_rest and o_rest.startswith(w_rest)) else 0.7)
        elif not w_sido and w_rest and w_rest in offered.lower():
            best = max(best, 1.0)
    return best, o_sido or offered.strip()


def _salary_fit(minimum: int | None, offered_max: int | None) -> float | None:
    if minimum is None or offered_max is None or minimum <= 0:
        return None
    if offered_max >= minimum:
        return 1.0
    short = (minimum - offered_max) / minimum
    return max(0.0, 1.0 - short / SALARY_TOLERANCE)


def _employment_fit(accepted: Sequence[str], offered: str) -> float | None:
    if not accepted or not offered.strip():
        return None
    offered_key = _employment_key(offered)
    return 1.0 if any(_employment_key(a) == offered_key for a in accepted) else 0.0


_EMPLOYMENT = {
    "정규직": "permanent", "permanent": "permanent", "full-time": "permanent",
    "full time": "permanent", "계약직": "contract", "contract": "contract",
    "인턴": "intern", "인턴십": "intern", "intern": "intern", "internship": "intern",
    "파견직": "agency", "파견": "agency", "아르바이트": "part-time", "part-time": "part-time",
    "part time": "part-time", "프리랜서": "freelance", "freelance": "freelance",
}  # fmt: skip


def _employment_key(text: str) -> str:
    folded = text.strip().lower()
    return _EMPLOYMENT.get(folded, folded)
