"""Korean → Latin for matching: Revised Romanization, a company-word glossary and a phonetic key.

No maintained, pinnable romanization package exists on PyPI (checked: ``korean-romanizer``,
``hangul-romanize`` are unavailable), so Revised Romanization (문화체육관광부 2000) is implemented
here compactly: syllable tables plus the liaison of a final consonant before a silent ㅇ.

Companies rarely file English names in strict RR (삼성 → "Samsung", not "samseong"; 현대 →
"Hyundai"), so comparisons use :func:`phonetic_key`, which folds the usual variants together
(vowels dropped, g/k, d/t, b/p/f/v, r/l, j/ch/z merged), next to the plain romanization.
"""

import re
from functools import lru_cache

from sadari_core.text.company import strip_legal_form
from sadari_core.text.normalize import normalize_text

_INITIALS = (
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h",
)  # fmt: skip
_MEDIALS = (
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
)  # fmt: skip
# Final consonant before another consonant or at the end (7 representative sounds).
_FINALS = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip
# The same final carried over to a following silent ㅇ (liaison: 한국어 → hangugeo).
_FINALS_LIAISON = (
    "", "g", "kk", "ks", "n", "nj", "n", "d", "r", "lg", "lm", "lb", "ls", "lt", "lp", "r", "m",
    "b", "bs", "s", "ss", "ng", "j", "ch", "k", "t", "p", "",
)  # fmt: skip
_SILENT_INITIAL = 11  # ㅇ

# Domain knowledge: words Korean company names use where the English name translates instead of
# transliterating (삼성전자 → Samsung Electronics). Longest match wins; kept small on purpose.
GLOSSARY: dict[str, str] = {
    "유동화전문유한회사": "securitization specialty",
    "자산운용": "asset management",
    "정보통신": "information communication",
    "종합건설": "construction",
    "중공업": "heavy industries",
    "컨트리클럽": "country club",
    "연구소": "research institute",
    "건설": "construction",
    "전자": "electronics",
    "전기": "electric",
    "화학": "chemical",
    "증권": "securities",
    "보험": "insurance",
    "화재": "fire",
    "생명": "life",
    "제약": "pharmaceutical",
    "약품": "pharmaceutical",
    "은행": "bank",
    "금융": "financial",
    "투자": "investment",
    "산업": "industrial",
    "공업": "industrial",
    "개발": "development",
    "기계": "machinery",
    "자동차": "motor",
    "통신": "telecom",
    "무역": "trading",
    "상사": "trading",
    "물산": "corporation",
    "수산": "fisheries",
    "식품": "foods",
    "물류": "logistics",
    "해운": "shipping",
    "항공": "airlines",
    "철강": "steel",
    "제철": "steel",
    "섬유": "textile",
    "반도체": "semiconductor",
    "에너지": "energy",
    "주택": "housing",
    "한국": "korea",
    "대한": "korea",
    "코리아": "korea",
    "글로벌": "global",
    "테크": "tech",
    "테크놀로지": "technology",
    "바이오": "bio",
    "홀딩스": "holdings",
    "지주": "holdings",
    "인터내셔널": "international",
    "네트웍스": "networks",
    "시스템": "systems",
    "솔루션": "solutions",
    "엔지니어링": "engineering",
    "파트너스": "partners",
    "인베스트먼트": "investment",
    "벤처스": "ventures",
    "캐피탈": "capital",
    "펀드": "fund",
    "병원": "hospital",
    "대학교": "university",
    "재단": "foundation",
}
# Words that say what a company does (not where it is or what kind of vehicle it is).
BUSINESS_WORDS = frozenset(
    word
    for english in GLOSSARY.values()
    for word in english.split()
    if word not in {"korea", "global", "international", "holdings", "fund", "investment", "partners",
                    "ventures", "capital", "corporation", "foundation", "3"}
)  # fmt: skip
# Longest word first, so that 종합건설 wins over 건설.
_GLOSSARY_SPLIT = re.compile("(" + "|".join(sorted(GLOSSARY, key=len, reverse=True)) + ")")

# Latin letters as Koreans spell them (에스케이 = SK, 엘지 = LG, 에이치엠씨 = HMC).
_LETTER_NAMES: dict[str, str] = {
    "에이치": "h", "더블유": "w", "에이": "a", "에프": "f", "제이": "j", "케이": "k", "브이": "v",
    "엑스": "x", "와이": "y", "제트": "z", "지": "g", "비": "b", "씨": "c", "디": "d", "이": "e",
    "아이": "i", "엘": "l", "엠": "m", "엔": "n", "오": "o", "피": "p", "큐": "q", "알": "r",
    "에스": "s", "티": "t", "유": "u",
}  # fmt: skip
_LETTERS_BY_LENGTH = sorted(_LETTER_NAMES, key=len, reverse=True)

_SINO_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_KO_ORDINAL = re.compile(r"제([일이삼사오육칠팔구십]{1,3})(?:차|호)")
_EN_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_EN_ORDINAL_WORDS = {
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6",
    "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10",
}  # fmt: skip
# Legal-form and filler words left after strip_legal_form ("Hyundai Motor Company", "the 3rd").
_NOISE_WORDS = frozenset(
    {"the", "and", "of", "company", "co", "corp", "corporation", "inc", "ltd", "limited", "llc"}
)
_HANGUL = re.compile(r"[\uac00-\ud7a3]+")


def has_hangul(text: str) -> bool:
    """True when the text contains a Hangul syllable (``has_hangul("LG전자") is True``)."""
    return _HANGUL.search(text or "") is not None


def romanize(text: str) -> str:
    """Revised Romanization of the Hangul syllables in ``text``; other characters kept.

    Args:
        text: any text.

    Returns:
        Lower-case Latin, e.g. ``romanize("한국어") == "hangugeo"``, ``romanize("카카오") == "kakao"``.
    """
    out: list[str] = []
    chars = text or ""
    after_l = False
    for i, ch in enumerate(chars):
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            out.append(ch)
            after_l = False
            continue
        initial, medial, final = code // 588, (code % 588) // 28, code % 28
        # ㄹ after a final ㄹ is written l (엘리 → elli), elsewhere r.
        out.append(("l" if after_l and initial == 5 else _INITIALS[initial]) + _MEDIALS[medial])
        nxt = ord(chars[i + 1]) - 0xAC00 if i + 1 < len(chars) else -1
        after_l = False
        if 0 <= nxt < 11172 and nxt // 588 == _SILENT_INITIAL:
            out.append(_FINALS_LIAISON[final])
        else:
            out.append(_FINALS[final])
            after_l = final == 8
    return "".join(out)


def _sino_number(word: str) -> int:
    total, current = 0, 0
    for ch in word:
        if ch == "십":
            total += (current or 1) * 10
            current = 0
        else:
            current = _SINO_DIGITS[ch]
    return total + current


def _letters_prefix(run: str) -> tuple[str, str]:
    """Splits a leading run of letter names: ``_letters_prefix("케이비텔레콤") == ("kb", "텔레콤")``."""
    letters: list[str] = []
    rest = run
    while rest:
        for name in _LETTERS_BY_LENGTH:
            if rest.startswith(name):
                letters.append(_LETTER_NAMES[name])
                rest = rest[len(name) :]
                break
        else:
            break
    if len(letters) < 2:
        return "", run
    return "".join(letters), rest


def _translate_run(run: str) -> list[str]:
    """Glossary words become English words; everything between them is romanized."""
    return [GLOSSARY.get(piece) or romanize(piece) for piece in _GLOSSARY_SPLIT.split(run) if piece]


@lru_cache(maxsize=200_000)
def latin_forms(name: str) -> tuple[str, ...]:
    """Latin spellings of a (company) name to compare across scripts, best guess first.

    Legal forms are stripped, ordinals unified (제삼차 / 3rd / third → 3), glossary words
    translated and the remaining Hangul romanized; a leading run of spelled letters gives a
    second form (에스케이하이닉스 → "sk hainikseu" next to "eseukeihainikseu").

    Args:
        name: a name in Korean, English or both.

    Returns:
        One or two lower-case forms, e.g. ``latin_forms("(주)삼성전자") == ("samseong electronics",)``.
    """
    text = normalize_text(strip_legal_form(normalize_text(name)))
    text = _KO_ORDINAL.sub(lambda m: f" {_sino_number(m.group(1))} ", text)
    text = _EN_ORDINAL.sub(r"\1", text)
    text = " ".join(
        _EN_ORDINAL_WORDS.get(word, word)
        for word in re.sub(r"[^0-9a-z\uac00-\ud7a3]+", " ", text).split()
        if word not in _NOISE_WORDS
    )
    if not has_hangul(text):
        cleaned = " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())
        return (cleaned,)
    plain: list[str] = []
    lettered: list[str] = []
    has_letters = False
    for piece in re.split(r"([\uac00-\ud7a3]+)", text):
        if not piece:
            continue
        if _HANGUL.fullmatch(piece):
            plain.extend(_translate_run(piece))
            letters, rest = _letters_prefix(piece)
            if letters:
                has_letters = True
                lettered.append(letters)
                lettered.extend(_translate_run(rest) if rest else [])
            else:
                lettered.extend(_translate_run(piece))
        else:
            words = re.sub(r"[^0-9a-z]+", " ", piece).split()
            plain.extend(words)
            lettered.extend(words)
    first = " ".join(" ".join(plain).split())
    if has_letters:
        return first, " ".join(" ".join(lettered).split())
    return (first,)


_KEY_RULES = (
    ("sh", "s"),
    ("ch", "j"),
    ("ph", "p"),
    ("ck", "k"),
    ("x", "ks"),
    ("c", "k"),
    ("q", "k"),
    ("z", "j"),
    ("f", "p"),
    ("v", "b"),
)
_KEY_CLASSES = str.maketrans({"g": "k", "d": "t", "b": "p", "r": "l"})
_KEY_DROP = re.compile(r"[aeiouwyh\s]+")


@lru_cache(maxsize=200_000)
def phonetic_key(latin: str) -> str:
    """A coarse consonant skeleton on which romanization variants agree.

    Args:
        latin: lower-case Latin text (e.g. from :func:`latin_forms`).

    Returns:
        The skeleton, e.g. ``phonetic_key("samseong") == phonetic_key("samsung") == "smsnk"`` and
        ``phonetic_key("hyeondae") == phonetic_key("hyundai") == "nt"``.
    """
    text = re.sub(r"[^0-9a-z]", "", latin.lower())
    for old, new in _KEY_RULES:
        text = text.replace(old, new)
    text = _KEY_DROP.sub("", text.translate(_KEY_CLASSES))
    return re.sub(r"(.)\1+", r"\1", text)
