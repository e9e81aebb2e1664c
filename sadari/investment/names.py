"""Investor names across sources: the variants under which one firm appears."""

from sadari_core.resolution.romanize import GLOSSARY, has_hangul, latin_forms

# The English words of Korean company terms (파트너스 → partners …): what may follow spelled-out
# letters (케이비인베스트먼트 → "kb investment"), unlike a romanized remainder ("아이디어" →
# "id eo": not the letters I, D).
_COMPANY_WORDS = frozenset(" ".join(GLOSSARY.values()).split())
_VARIANT_WORDS = {"investments": "investment", "venture": "ventures", "partner": "partners",
                  "&": "and", "capitals": "capital"}  # fmt: skip


def investor_name_variants(name: str, *, romanize: bool = True) -> set[str]:
    """Spellings under which the same investor appears across sources, as comparison keys:
    the legal form dropped (``(주)``, ``주식회사``, ``Co., Ltd.``, ``Inc.``), company words in
    English (인베스트먼트 = Investment, 파트너스 = Partners, 벤처스 = Ventures, 캐피탈 = Capital),
    spelled-out letters as letters (케이비 = KB) and spacing, case and plurals ignored:
    ``"케이비인베스트먼트(주)"``, ``"KB Investment Co., Ltd."`` and ``"KB Investments"`` share
    ``"kbinvestment"``; a trailing Partners may be left out. A Korean stem is romanized, so a
    Korean name meets an English one only when the English is that romanization or a
    directory record carries both names; ``romanize=False`` (sources that are not Korean, e.g.
    Crunchbase) gives no variants for Hangul names, so "IDEO" never meets "아이디어파트너스"."""
    keys: set[str] = set()
    if not romanize and has_hangul(name or ""):
        return keys
    forms = latin_forms(name or "")
    for n, form in enumerate(forms):
        words = [_VARIANT_WORDS.get(w, w) for w in form.split()]
        if n > 0 and not all(w in _COMPANY_WORDS for w in words[1:]):
            continue  # the spelled-letters reading left a romanized fragment: not letters
        key = "".join(words)
        if key:
            keys.add(key)
        # "Partners" is often left out ("D3 Jubilee" / "D3 Jubilee Partners"); other firm words
        # tell firms apart (카카오벤처스 ≠ 카카오인베스트먼트) and stay.
        if len(words) > 1 and words[-1] == "partners":
            keys.add("".join(words[:-1]))
    return keys
