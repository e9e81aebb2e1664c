"""Korean → Latin for matching: Revised Romanization, a company-word glossary and a phonetic key.

No maintained, pinnable romanization package exists on PyPI (checked: ``korean-romanizer``,
``hangul-romanize`` are unavailable), so Revised Romanization (문화체육관광부 2000) is implemented
here compactly: syllable tables plus the liaison of a final consonant before a silent ㅇ.

Companies rarely file English names in strict RR (삼성 → "Samsung", not "samseong"; 현대 →
"Hyundai"), so comparisons use :func:`phonetic_key`, which folds the usual variants together
(vowels dropped, g/k, d/t, b/p/f/v, r/l, j/ch/z merged), next to the plain romanization.
"""

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

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
    "환경": "environmental",
    "광학": "optical",
    "정밀": "precision",
    "전력": "power",
    "화장품": "cosmetics",
    "교육": "education",
    "방송": "broadcasting",
    "소재": "materials",
    "의료": "medical",
    "공사": "corporation",
    "창업투자": "venture capital",
}
# Words that say what a company does (not where it is or what kind of vehicle it is).
BUSINESS_WORDS = frozenset(
    word
    for english in GLOSSARY.values()
    for word in english.split()
    if word not in {"korea", "global", "international", "holdings", "fund", "investment", "partners",
                    "ventures", "venture", "capital", "corporation", "foundation", "3"}
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
# 앤 ("and") joins letters as & does in English (씨앤에스 = C&S, 케이티앤지 = KT&G), which names
# compare as a space.
_LETTER_NAMES["앤"] = " "
_LETTERS_BY_LENGTH = sorted(_LETTER_NAMES, key=len, reverse=True)
# Longest name first at every position, as a left-to-right reading would take them.
_LETTER_NAME = re.compile("|".join(_LETTERS_BY_LENGTH))
_LETTER_RUN = re.compile(f"(?:{_LETTER_NAME.pattern})+")

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
_HANGUL_SPLIT = re.compile(r"([\uac00-\ud7a3]+)")
_NOT_WORD = re.compile(r"[^0-9a-z\uac00-\ud7a3]+")
_DIGIT = re.compile(r"\d")


def has_hangul(text: str) -> bool:
    """True when the text contains a Hangul syllable (``has_hangul("LG전자") is True``)."""
    return _HANGUL.search(text or "") is not None


# Per syllable (index: code point − U+AC00): initial + medial, the same after a final ㄹ (ㄹ → l),
# the final before a consonant or at the end, the final carried over to a silent ㅇ, and whether
# the syllable starts with a silent ㅇ / ends in ㄹ.
_HEADS = tuple(_INITIALS[c // 588] + _MEDIALS[(c % 588) // 28] for c in range(11172))
_HEADS_AFTER_L = tuple(
    ("l" if c // 588 == 5 else _INITIALS[c // 588]) + _MEDIALS[(c % 588) // 28]
    for c in range(11172)
)
_TAILS = tuple(_FINALS[c % 28] for c in range(11172))
_TAILS_LIAISON = tuple(_FINALS_LIAISON[c % 28] for c in range(11172))
_STARTS_SILENT = tuple(c // 588 == _SILENT_INITIAL for c in range(11172))
_ENDS_L = tuple(c % 28 == 8 for c in range(11172))


def romanize(text: str) -> str:
    """Revised Romanization of the Hangul syllables in ``text``; other characters kept.

    Args:
        text: any text.

    Returns:
        Lower-case Latin, e.g. ``romanize("한국어") == "hangugeo"``, ``romanize("카카오") == "kakao"``.
    """
    out: list[str] = []
    after_l = False
    codes = [ord(ch) - 0xAC00 for ch in text or ""]
    codes.append(-1)
    for i in range(len(codes) - 1):
        code = codes[i]
        if not 0 <= code < 11172:
            out.append(chr(code + 0xAC00))
            after_l = False
            continue
        # ㄹ after a final ㄹ is written l (엘리 → elli), elsewhere r.
        out.append(_HEADS_AFTER_L[code] if after_l else _HEADS[code])
        nxt = codes[i + 1]
        if 0 <= nxt < 11172 and _STARTS_SILENT[nxt]:
            out.append(_TAILS_LIAISON[code])
            after_l = False
        else:
            out.append(_TAILS[code])
            after_l = _ENDS_L[code]
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
    found = _LETTER_RUN.match(run)
    if found is None:
        return "", run
    names = _LETTER_NAME.findall(found.group())
    end = found.end()
    while names and names[-1] == "앤":  # 앤 only between letters
        names.pop()
        end -= 1
    if len(names) < 2 or names[0] == "앤":
        return "", run
    return "".join(_LETTER_NAMES[name] for name in names), run[end:]


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
    if "제" in text:
        text = _KO_ORDINAL.sub(lambda m: f" {_sino_number(m.group(1))} ", text)
    if _DIGIT.search(text):
        text = _EN_ORDINAL.sub(r"\1", text)
    text = " ".join(
        [
            _EN_ORDINAL_WORDS.get(word, word)
            for word in _NOT_WORD.sub(" ", text).split()
            if word not in _NOISE_WORDS
        ]
    )
    # From here on, text is words of [0-9a-z] and Hangul syllables with single spaces.
    if not has_hangul(text):
        return (text,)
    plain: list[str] = []
    lettered: list[str] = []
    has_letters = False
    # Split with one group: Hangul runs are the odd pieces.
    for k, piece in enumerate(_HANGUL_SPLIT.split(text)):
        if not piece:
            continue
        if k % 2:
            translated = _translate_run(piece)
            plain.extend(translated)
            letters, rest = _letters_prefix(piece)
            if letters:
                has_letters = True
                lettered.append(letters)
                lettered.extend(_translate_run(rest) if rest else [])
            else:
                lettered.extend(translated)
        else:
            words = piece.split()
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
# Consonant classes merged (g/k, d/t, b/p, r/l) and vowels, h, w, y dropped, on ASCII bytes.
_KEY_CLASSES = bytes.maketrans(b"gdbr", b"ktpl")
_KEY_DROP = b"aeiouwyh"
_KEY_NOT_ALNUM = re.compile(r"[^0-9a-z]")
_KEY_REPEATS = re.compile(r"(.)(?=\1)")  # a character followed by the same one


@lru_cache(maxsize=200_000)
def phonetic_key(latin: str) -> str:
    """A coarse consonant skeleton on which romanization variants agree.

    Args:
        latin: lower-case Latin text (e.g. from :func:`latin_forms`).

    Returns:
        The skeleton, e.g. ``phonetic_key("samseong") == phonetic_key("samsung") == "smsnk"`` and
        ``phonetic_key("hyeondae") == phonetic_key("hyundai") == "nt"``.
    """
    text = latin.lower()
    if not (text.isascii() and text.isalnum()):
        text = _KEY_NOT_ALNUM.sub("", text)
    for old, new in _KEY_RULES:
        if old in text:
            text = text.replace(old, new)
    text = text.encode("ascii").translate(_KEY_CLASSES, _KEY_DROP).decode("ascii")
    return _KEY_REPEATS.sub("", text)


_KEY_NOT_ALNUM_OR_BAR = re.compile(r"[^0-9a-z|]")
_BAR = ord("|")
_KEY_ALPHABET = b"0123456789abcdefghijklmnopqrstuvwxyz|"


def phonetic_keys(latin: Sequence[str]) -> list[str]:
    """:func:`phonetic_key` of many strings at once (the same keys, computed on one joined string:
    the rules never reach across the separator).

    Args:
        latin: lower-case Latin texts.

    Returns:
        Their keys, e.g. ``phonetic_keys(["samsung", "hyundai"]) == ["smsnk", "nt"]``.
    """
    if not latin:
        return []
    text = "|".join(latin).lower()
    if not text.isascii() or "|" in "".join(latin):
        return [phonetic_key(s) for s in latin]
    if text.encode("ascii").translate(None, _KEY_ALPHABET):  # anything but [0-9a-z|]
        text = _KEY_NOT_ALNUM_OR_BAR.sub("", text)
    for old, new in _KEY_RULES:
        if old in text:
            text = text.replace(old, new)
    data = np.frombuffer(text.encode("ascii").translate(_KEY_CLASSES, _KEY_DROP), np.uint8)
    # A character followed by the same one goes (runs collapse), separators stay.
    keep = np.ones(data.size, np.bool_)
    keep[:-1] = (data[:-1] != data[1:]) | (data[:-1] == _BAR)
    return data[keep].tobytes().decode("ascii").split("|")
