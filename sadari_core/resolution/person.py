"""Korean personal names written in Hangul or in Latin letters, in one comparable form.

홍길동 is written "Hong Gil-dong", "HONG Gildong", "Gildong Hong" or "Hong, Kil Dong"; 이민준 as
"Lee Min-jun", "Yi Minjun" or "Rhee Min Jun". Revised Romanization of the whole name (이민준 →
"iminjun") matches none of these well, and comparing spellings ignores the order of the words.
:func:`person_form` writes every such name as ``"<surname> <given name>"``: the surname in its
usual English spelling (이 → lee, 박 → park, 최 → choi; Latin variants such as Yi, Rhee, Pak,
Choe folded to the same spelling), the given name without spaces or hyphens, in Revised
Romanization (older English spellings folded to it: Ji-woo → jiu, Hyun → hyeon).
:func:`looks_like_person_names` tells whether a column holds such names.
"""

import re
from collections.abc import Sequence

from sadari_core.resolution.romanize import has_hangul, romanize

# Hangul surname → its usual English spelling (the folded form). Two-syllable surnames first.
_HANGUL_SURNAMES: dict[str, str] = {
    "남궁": "namgoong", "황보": "hwangbo", "선우": "sunwoo", "제갈": "jegal", "독고": "dokgo",
    "사공": "sagong", "서문": "seomun",
    "김": "kim", "이": "lee", "리": "lee", "박": "park", "최": "choi", "정": "jung", "강": "kang",
    "조": "cho", "윤": "yoon", "장": "jang", "임": "lim", "림": "lim", "한": "han", "오": "oh",
    "서": "seo", "신": "shin", "권": "kwon", "황": "hwang", "안": "ahn", "송": "song", "류": "yoo",
    "유": "yoo", "전": "jeon", "홍": "hong", "고": "ko", "문": "moon", "양": "yang", "손": "son",
    "배": "bae", "백": "baek", "허": "heo", "남": "nam", "심": "shim", "노": "roh", "로": "roh",
    "하": "ha", "곽": "kwak", "성": "sung", "차": "cha", "주": "joo", "우": "woo", "구": "koo",
    "민": "min", "진": "jin", "지": "ji", "엄": "eom", "채": "chae", "원": "won", "천": "cheon",
    "방": "bang", "공": "kong", "현": "hyun", "함": "ham", "변": "byun", "염": "yeom", "여": "yeo",
    "추": "choo", "도": "do", "소": "so", "석": "seok", "선": "sun", "설": "seol", "마": "ma",
    "길": "gil", "연": "yeon", "위": "wi", "표": "pyo", "명": "myung", "기": "ki", "반": "ban",
    "왕": "wang", "금": "keum", "옥": "ok", "육": "yook", "인": "in", "맹": "maeng", "제": "je",
    "모": "mo", "탁": "tak", "국": "kook", "나": "na", "라": "ra", "용": "yong", "예": "ye",
    "경": "kyung", "봉": "bong", "편": "pyeon", "은": "eun", "피": "pi", "두": "doo", "감": "kam",
}  # fmt: skip
# Latin spellings of those surnames → the folded form.
_LATIN_VARIANTS: dict[str, tuple[str, ...]] = {
    "lee": ("yi", "rhee", "rhie", "i", "ri", "rie", "lie"), "park": ("pak", "bak", "bahk"),
    "choi": ("choe", "chey", "choy"), "jung": ("jeong", "chung", "joung", "cheong"),
    "kim": ("gim",), "kang": ("gang",), "cho": ("jo", "joe", "jho"), "yoon": ("yun", "youn"),
    "jang": ("chang",), "lim": ("im", "yim", "rim"), "oh": ("o",), "seo": ("suh", "seoh"),
    "shin": ("sin", "shinn"), "kwon": ("gwon", "kweon"), "ahn": ("an",),
    "yoo": ("yu", "ryu", "you", "rhyu", "lyu"), "jeon": ("chun", "jun", "chon", "cheon"),
    "ko": ("go", "koh"), "moon": ("mun",), "son": ("sohn",), "bae": ("pae",),
    "baek": ("paik", "baik", "back", "paek"), "heo": ("huh", "hur", "her"), "shim": ("sim",),
    "roh": ("noh", "no", "ro"), "kwak": ("gwak",), "sung": ("seong", "sang"), "joo": ("ju", "chu"),
    "woo": ("u", "wu"), "koo": ("ku", "gu"), "eom": ("um", "uhm", "eum"), "byun": ("byeon", "pyun"),
    "hyun": ("hyeon",), "yeom": ("yum", "yeum"), "choo": ("chu",), "keum": ("geum", "kum"),
    "myung": ("myeong",), "kyung": ("gyeong", "kyeong"), "ki": ("gi",), "kam": ("gam",),
    "seok": ("suk", "seog"), "sun": ("seon",), "kong": ("gong",), "jegal": ("chegal",),
    "namgoong": ("namgung",), "sunwoo": ("seonu", "sunwu"), "hwangbo": ("hwangpo",),
}  # fmt: skip
_LATIN_SURNAMES: dict[str, str] = {
    **{v: v for v in _HANGUL_SURNAMES.values()},
    **{variant: folded for folded, variants in _LATIN_VARIANTS.items() for variant in variants},
}
# Given names in English follow older habits, not Revised Romanization (우 "woo", 현 "hyun",
# 희 "hee", 영 "young"); folded on both sides to the Revised spelling, longest first.
# Only spellings Revised Romanization never writes are folded ("jung", "sung", "chul" are
# RR for 중, 숭, 출: left alone).
_GIVEN_FOLDS = (
    ("kyung", "gyeong"), ("young", "yeong"), ("hyun", "hyeon"), ("hoon", "hun"), ("wook", "uk"),
    ("shi", "si"), ("hee", "hui"), ("woo", "u"), ("joo", "ju"), ("soo", "su"), ("yoo", "yu"),
    ("oo", "u"), ("ee", "i"), ("wu", "u"),
)  # fmt: skip
_GIVEN_FOLD = re.compile("|".join(old for old, _new in _GIVEN_FOLDS))
_GIVEN_FOLDED = dict(_GIVEN_FOLDS)
_HANGUL_NAME = re.compile(r"[가-힣]{2,5}")


def _given(latin: str) -> str:
    return _GIVEN_FOLD.sub(lambda m: _GIVEN_FOLDED[m.group()], latin.replace("-", ""))


_LATIN_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _hangul_person(text: str) -> str | None:
    words = text.split()
    if len(words) > 1 and words[0] not in _HANGUL_SURNAMES:
        return None  # 제임스 리: a foreign name in Hangul, not surname + given name
    name = "".join(words)
    if not _HANGUL_NAME.fullmatch(name):
        return None
    for size in (2, 1):
        surname, given = name[:size], name[size:]
        if surname in _HANGUL_SURNAMES and 1 <= len(given) <= 3:
            # Each syllable on its own, as people write their names (현우 → hyeonu, not liaison).
            return f"{_HANGUL_SURNAMES[surname]} {_given(''.join(romanize(s) for s in given))}"
    return None


def _latin_person(text: str, surname_first: bool = True) -> str | None:
    raw = text.strip()
    if "," in raw:  # "HONG, Gil-dong": the surname before the comma
        surname_part, _sep, rest = raw.partition(",")
        words = [*surname_part.split(), *rest.split()]
        first_is_surname = len(surname_part.split()) == 1
    else:
        words = raw.split()
        first_is_surname = None
    lowered = [w.lower() for w in words]
    if not 2 <= len(lowered) <= 4 or not all(_LATIN_WORD.fullmatch(w) for w in lowered):
        return None
    first, last = lowered[0], lowered[-1]
    if first_is_surname is None:
        upper = [w for w in words if w.isupper() and len(w) > 1]
        if len(upper) == 1 and len(words) > 1 and not all(w.isupper() for w in words):
            first_is_surname = upper[0] == words[0]  # "Gildong HONG": the capitals are the surname
        elif first in _LATIN_SURNAMES and last not in _LATIN_SURNAMES:
            first_is_surname = True
        elif last in _LATIN_SURNAMES and first not in _LATIN_SURNAMES:
            first_is_surname = False
        elif first in _LATIN_SURNAMES:
            first_is_surname = surname_first  # both could be: the file's usual order
        else:
            return None
    surname, given = (first, lowered[1:]) if first_is_surname else (last, lowered[:-1])
    if surname not in _LATIN_SURNAMES:
        return None
    return f"{_LATIN_SURNAMES[surname]} {_given(''.join(given))}"


def person_form(text: str) -> str | None:
    """``"<surname> <given name>"`` of a Korean personal name in Hangul or Latin letters, or None
    when ``text`` does not read as one.

    Args:
        text: a name, e.g. ``"박서연"``, ``"Seo-yeon Park"``, ``"PAK, Seoyeon"``.

    Returns:
        e.g. ``"park seoyeon"`` for all three.
    """
    return person_forms([text])[0]


def person_forms(values: Sequence[str]) -> list[str | None]:
    """:func:`person_form` of each of a column's values; a Latin name whose either word could be
    the surname (Jin Park) is read in the order the column's other names use most."""
    first = last = 0
    for value in values:
        if value and not has_hangul(value) and "," not in value:
            words = value.lower().split()
            if len(words) >= 2 and (words[0] in _LATIN_SURNAMES) != (words[-1] in _LATIN_SURNAMES):
                first += words[0] in _LATIN_SURNAMES
                last += words[-1] in _LATIN_SURNAMES
    surname_first = first >= last
    return [
        None
        if not value or not value.strip()
        else _hangul_person(value)
        if has_hangul(value)
        else _latin_person(value, surname_first)
        for value in values
    ]


def looks_like_person_names(left: Sequence[str], right: Sequence[str]) -> bool:
    """Whether a column pair holds Korean personal names in Hangul on one side and in Latin
    letters on the other: most filled values on each side read as such (:func:`person_form`)."""

    def share(values: Sequence[str]) -> float:
        filled = [v for v in values if v and v.strip()]
        sample = filled[:: max(1, len(filled) // 2000)]
        return sum(person_form(v) is not None for v in sample) / max(1, len(sample))

    def latin(values: Sequence[str]) -> bool:
        filled = [v for v in values[:2000] if v and v.strip()]
        return bool(filled) and sum(not has_hangul(v) for v in filled) >= 0.5 * len(filled)

    # Hangul on one side, Latin letters on the other (two Hangul sides compare letter by letter).
    mixed = (latin(left) and not latin(right)) or (latin(right) and not latin(left))
    return mixed and share(left) >= 0.7 and share(right) >= 0.7
