"""The skill vocabulary and skill extraction from Korean and English text.

A :class:`SkillVocabulary` knows each skill's canonical name, category, English and Korean
spellings and (with O*NET) the occupations that use it. ``SkillVocabulary.default()`` is the
shipped list (:mod:`sadari_core.skills.catalog`); ``SkillVocabulary.build(onet, labels)`` adds
the O*NET technology examples and the postings' tech-stack labels, linking them to the shipped
skills where they name the same thing (``Oracle Java`` → Java, ``React.js`` → React).

Extraction finds English spellings as whole words (``C++``, ``Node.js`` and ``C/C++`` included;
``Go``, ``R`` and other ordinary words only when capitalised) and Korean spellings at the start
of a Hangul word followed by a particle or another word of a compound (``파이썬을``, ``자바와``,
``파이썬개발자``); Korean spellings of three syllables or more are also found inside compounds
(``웹프론트엔드``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from sadari_core.skills.catalog import CASE_SENSITIVE, SKILLS
from sadari_core.skills.onet import OnetData

OTHER = "other"
# What may follow a short Korean skill word inside the same Hangul run: particles and the nouns
# postings attach to a skill (파이썬을, 자바와, 리액트기반, 스프링개발).
_KO_FOLLOWERS = (
    "을", "를", "이", "가", "은", "는", "와", "과", "에", "의", "로", "으로", "도", "만", "및",
    "등", "나", "이나", "랑", "이랑", "하고", "부터", "까지", "처럼", "보다", "기반", "개발",
    "경험", "활용", "사용", "능력", "역량", "관련", "프로그래밍", "언어", "스킬", "실무", "전문",
    "엔지니어", "개발자", "프레임워크", "라이브러리", "서버", "환경", "기술", "숙련", "능숙",
    "가능", "사용자", "분야", "직무", "업무", "담당", "설계", "운영", "구축", "프로젝트",
)  # fmt: skip
_NOISE_LABELS = frozenset({"none", "기술 스택 없음", "기술스택없음", "개발", "기타", "n/a", ""})
_VENDORS = (
    "microsoft", "oracle", "google", "adobe", "apple", "ibm", "amazon", "autodesk", "atlassian",
    "the mathworks", "dassault systemes", "intuit", "apache", "sap", "amazon web services",
    "aws", "meta", "facebook", "red hat", "vmware", "cisco", "salesforce",
)  # fmt: skip
# Vendor-less single words too generic to stand for a product (Oracle Cloud, Google Drive).
_GENERIC_WORDS = frozenset(
    {"cloud", "vision", "office", "analytics", "database", "server", "mail", "calendar", "maps",
     "drive", "docs", "sheets", "teams", "project", "access", "word", "outlook", "publisher",
     "dynamics", "forms", "search", "translate", "chrome", "photos", "classroom", "meet",
     "sites", "slides", "keep", "visio", "paint", "notepad", "edge", "store", "music", "books",
     "news", "health", "fitness", "pages", "numbers", "keynote", "mobile", "platform", "studio",
     "connect", "insight", "insights", "planner", "designer", "manager", "explorer", "works"}
)  # fmt: skip
_HANGUL = re.compile(r"[\uac00-\ud7a3]+")
_LATIN_TOKEN = re.compile(r"[A-Za-z0-9.#+][A-Za-z0-9.#+\-/]*")
_ACRONYM_TAIL = re.compile(r"^(.*\S)\s+([A-Z][A-Z0-9+#.]{1,9})$")


@dataclass(frozen=True)
class Skill:
    """One skill: canonical name, category, spellings and (from O*NET) occupations using it."""

    name: str
    category: str = OTHER
    aliases_en: tuple[str, ...] = ()
    aliases_ko: tuple[str, ...] = ()
    occupations: frozenset[str] = frozenset()
    is_hot: bool = False  # an O*NET "Hot Technology" somewhere


@dataclass(frozen=True, slots=True)
class SkillMention:
    """A skill found in text: canonical name and the span ``text[start:end]`` that named it."""

    skill: str
    start: int
    end: int
    text: str


@dataclass
class _Builder:
    category: str
    en: list[str] = field(default_factory=list)
    ko: list[str] = field(default_factory=list)
    occupations: set[str] = field(default_factory=set)
    hot: bool = False


def _fold(alias: str) -> str:
    return re.sub(r"\s+", " ", alias.strip().lower())


def _fold_ko(alias: str) -> str:
    return re.sub(r"\s+", "", alias.strip())


class SkillVocabulary:
    """Skills by canonical name, with lookup by any spelling and extraction from text.

    Build with :meth:`default` (the shipped list) or :meth:`build` (plus O*NET and labels).
    """

    def __init__(self, skills: Iterable[Skill]) -> None:
        self.skills: dict[str, Skill] = {s.name: s for s in skills}
        self._by_en: dict[str, str] = {}
        self._by_ko: dict[str, str] = {}
        for skill in self.skills.values():
            for alias in (skill.name, *skill.aliases_en):
                if not _HANGUL.search(alias):
                    self._by_en.setdefault(_fold(alias), skill.name)
            for alias in skill.aliases_ko:
                self._by_ko.setdefault(_fold_ko(alias), skill.name)

    def __len__(self) -> int:
        return len(self.skills)

    def __contains__(self, name: object) -> bool:
        return name in self.skills

    @classmethod
    def default(cls) -> SkillVocabulary:
        """The shipped skills (no data files needed)."""
        return cls(_curated_builders()[1])

    @classmethod
    def build(cls, onet: OnetData | None = None, labels: Iterable[str] = ()) -> SkillVocabulary:
        """The shipped skills, plus O*NET technology examples and tech-stack labels.

        Args:
            onet: O*NET tables; each technology example is linked to the shipped skill it names
                (``Oracle Java`` → ``Java``) or becomes a skill of its own, and its occupation
                codes are recorded.
            labels: tech-stack labels from postings (``"React.js"``, ``"딥 러닝"``,
                ``"C / C++"``); unknown labels become skills of their own.

        Returns:
            The vocabulary, e.g. ``build(onet).canonical("Oracle Java") == "Java"``.
        """
        builders, _ = _curated_builders()
        lookup = {_fold(a): name for name, b in builders.items() for a in (name, *b.en)}
        lookup_ko = {_fold_ko(a): name for name, b in builders.items() for a in b.ko}

        def resolve(label: str) -> str | None:
            folded = _fold(label)
            for candidate in _candidates(label):
                if candidate in lookup:
                    return lookup[candidate]
            return lookup_ko.get(_fold_ko(label)) or lookup.get(folded)

        if onet is not None:
            for tech in onet.technology_skills:
                name = resolve(tech.example)
                if name is None:
                    name = tech.example
                    builders[name] = _Builder(tech.commodity or OTHER)
                    lookup[_fold(name)] = name
                    short = _strip_vendor(tech.example)
                    if _is_specific(short, name) and short not in lookup:
                        builders[name].en.append(short)
                        lookup[short] = name
                elif _fold(tech.example) not in lookup:
                    builders[name].en.append(tech.example)
                    lookup[_fold(tech.example)] = name
                builders[name].occupations.add(tech.code)
                builders[name].hot |= tech.hot
        for raw in labels:
            for label in re.split(r"\s+/\s+|\|", raw):
                label = label.strip()
                if _fold(label) in _NOISE_LABELS:
                    continue
                name = resolve(label)
                if name is None:
                    name = label
                    builders[name] = _Builder(OTHER)
                    if _HANGUL.search(label):
                        builders[name].ko.append(label)
                        lookup_ko[_fold_ko(label)] = name
                    lookup[_fold(label)] = name
                elif _HANGUL.search(label):
                    if _fold_ko(label) not in lookup_ko:
                        builders[name].ko.append(label)
                        lookup_ko[_fold_ko(label)] = name
                elif _fold(label) not in lookup:
                    builders[name].en.append(label)
                    lookup[_fold(label)] = name
        return cls(
            Skill(
                name=name,
                category=b.category,
                aliases_en=tuple(dict.fromkeys(b.en)),
                aliases_ko=tuple(dict.fromkeys(b.ko)),
                occupations=frozenset(b.occupations),
                is_hot=b.hot,
            )
            for name, b in builders.items()
        )

    def canonical(self, label: str) -> str | None:
        """The canonical name of a skill spelled ``label`` (any case, Korean or English).

        ``canonical("파이썬") == canonical("python") == "Python"``; None when unknown.
        """
        if not label.strip():
            return None
        for candidate in _candidates(label):
            if candidate in self._by_en:
                return self._by_en[candidate]
        return self._by_ko.get(_fold_ko(label))

    def canonicalize(self, labels: Iterable[str]) -> tuple[str, ...]:
        """Canonical names of the labels, in order, without duplicates; unknown labels kept."""
        out: dict[str, None] = {}
        for label in labels:
            if label.strip():
                out[self.canonical(label) or label.strip()] = None
        return tuple(out)

    @cached_property
    def _max_words(self) -> int:
        return max((alias.count(" ") + 1 for alias in self._by_en), default=1)

    @cached_property
    def _case_sensitive(self) -> frozenset[str]:
        # shipped ambiguous words, and single-word O*NET names (product names are capitalised)
        extra = {
            alias
            for alias, name in self._by_en.items()
            if " " not in alias
            and alias.isalpha()
            and not self.skills[name].aliases_ko
            and name not in SKILLS
        }
        return CASE_SENSITIVE | extra

    @cached_property
    def _max_ko(self) -> int:
        return max((len(a) for a in self._by_ko), default=0)

    def extract(self, text: str) -> list[SkillMention]:
        """Every skill named in ``text``, in order of appearance.

        Args:
            text: Korean, English or mixed, e.g. ``"파이썬과 Django를 활용한 백엔드 개발"``.

        Returns:
            Mentions with spans into ``text``, e.g. Python (0–3), Django (5–11),
            Back-end development (19–22).
        """
        mentions = self._latin(text)
        for run in _HANGUL.finditer(text):
            mentions.extend(self._korean(run.group(0), run.start()))
        mentions.sort(key=lambda x: (x.start, -x.end))
        return mentions

    def _latin(self, text: str) -> list[SkillMention]:
        """Latin-script mentions: the longest run of up to ``_max_words`` tokens that is an alias.

        A token that is no alias as a whole is tried in its ``/``-separated parts (``C/C++``).
        """
        tokens = [(m.start(), m.end()) for m in _LATIN_TOKEN.finditer(text)]
        out: list[SkillMention] = []
        i = 0
        while i < len(tokens):
            for n in range(min(self._max_words, len(tokens) - i), 0, -1):
                group = tokens[i : i + n]
                if any(text[a[1] : b[0]].strip() for a, b in pairwise(group)):
                    continue  # only tokens separated by white space form a phrase
                start, end = group[0][0], group[-1][1]
                mention = self._latin_alias(text, start, end)
                if mention is not None:
                    out.append(mention)
                    i += n
                    break
            else:
                start, end = tokens[i]
                offset = start
                for part in text[start:end].split("/"):
                    mention = self._latin_alias(text, offset, offset + len(part))
                    if mention is not None and len(part) < end - start:
                        out.append(mention)
                    offset += len(part) + 1
                i += 1
        return out

    def _latin_alias(self, text: str, start: int, end: int) -> SkillMention | None:
        found = text[start:end].rstrip(".-")
        end = start + len(found)
        alias = _fold(found)
        name = self._by_en.get(alias)
        if name is None or not found:
            return None
        if alias in self._case_sensitive and found.islower():
            return None
        if found == "R" and text[end : end + 1] == "&":  # R&D
            return None
        return SkillMention(name, start, end, found)

    def _korean(self, run: str, offset: int) -> list[SkillMention]:
        out: list[SkillMention] = []
        i = 0
        boundary = True  # at the start of the run or right after a found skill
        while i < len(run):
            hit = None
            for j in range(min(len(run), i + self._max_ko), i, -1):
                name = self._by_ko.get(run[i:j])
                if name is None:
                    continue
                rest = run[j:]
                long_enough = j - i >= 3
                follows = not rest or rest.startswith(_KO_FOLLOWERS) or self._starts_skill(rest)
                if (boundary and (long_enough or follows)) or (long_enough and follows):
                    hit = (j, name)
                    break
            if hit is None:
                i += 1
                boundary = False
                continue
            j, name = hit
            out.append(SkillMention(name, offset + i, offset + j, run[i:j]))
            i = j
            boundary = True
        return out

    def _starts_skill(self, rest: str) -> bool:
        return any(rest[:n] in self._by_ko for n in range(2, min(len(rest), self._max_ko) + 1))

    def skills_in(self, text: str) -> tuple[str, ...]:
        """Canonical names of the skills in ``text``, in order of first mention.

        ``skills_in("파이썬을 쓰고 자바와 React")`` → ``("Python", "Java", "React")``.
        """
        return tuple(dict.fromkeys(m.skill for m in self.extract(text)))


def _candidates(label: str) -> list[str]:
    """Spellings to look up for a label: itself, without a vendor, an acronym at its end."""
    folded = _fold(label)
    out = [folded, folded.removesuffix(" software").strip(), _strip_vendor(label)]
    acronym = _ACRONYM_TAIL.match(label.strip())
    if acronym:
        out.append(acronym.group(2).lower())
    paren = re.match(r"^(.*?)\s*\((.*?)\)\s*$", label.strip())
    if paren:
        out.extend((_fold(paren.group(1)), _fold(paren.group(2))))
    return [c for c in dict.fromkeys(out) if c]


def _is_specific(short: str, name: str) -> bool:
    """Whether a vendor-less form (``revit`` of "Autodesk Revit") may stand for the product."""
    if short == _fold(name) or len(short) < 4:
        return False
    if " " in short or not short.isalpha():
        return True
    return short not in _GENERIC_WORDS and _fold(name).removesuffix(" software") != short


def _strip_vendor(label: str) -> str:
    folded = _fold(label).removesuffix(" software").strip()
    for vendor in sorted(_VENDORS, key=len, reverse=True):
        if folded.startswith(vendor + " "):
            return folded[len(vendor) + 1 :]
    return folded


def _curated_builders() -> tuple[dict[str, _Builder], list[Skill]]:
    builders = {
        name: _Builder(category, list(en), list(ko)) for name, (category, en, ko) in SKILLS.items()
    }
    skills = [Skill(name, b.category, tuple(b.en), tuple(b.ko)) for name, b in builders.items()]
    return builders, skills
