"""Company names: legal-form stripping ((주), 주식회사, Co., Ltd. …) and comparison keys."""

import re
from functools import lru_cache

from sadari_core.text.normalize import normalize_text

# Korean legal forms, in brackets or not, at either end; English forms at the end.
_KO_FORMS = (
    "주식회사|유한회사|유한책임회사|합자회사|합명회사|사단법인|재단법인|사회적협동조합|협동조합|"
    "농업회사법인|영농조합법인"
)
_KO_BRACKETED = re.compile(r"[\(（\[]\s*(?:주|유|사|재|합|株)\s*[\)）\]]|㈜|㈔|㈐")
_KO_WORD = re.compile(rf"^(?:{_KO_FORMS})\s*|\s*(?:{_KO_FORMS})$")
_EN_FORMS = re.compile(
    r"[\s,]*(?:co\.?\s*,?\s*ltd\.?|company\s+limited|corporation|corp\.?|incorporated|inc\.?|"
    r"limited|ltd\.?|llc|l\.l\.c\.|gmbh|plc|co\.)\s*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=200_000)
def strip_legal_form(name: str) -> str:
    """Removes legal-form words and marks, keeping the name's own spacing.

    Args:
        name: a company name as written.

    Returns:
        The name without its legal form, e.g. ``strip_legal_form("(주)사다리 테크") == "사다리 테크"``
        and ``strip_legal_form("Sadari Tech Co., Ltd.") == "Sadari Tech"``.
    """
    text = _KO_BRACKETED.sub(" ", name or "")
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous = text
        text = _KO_WORD.sub("", text).strip()
        text = _EN_FORMS.sub("", text).strip(" ,.")
    return text


@lru_cache(maxsize=200_000)
def normalize_company_name(name: str) -> str:
    """A comparison key: legal form stripped, NFKC, lower-case, no spaces or punctuation.

    ``normalize_company_name("(주)사다리 테크") == "사다리테크"``;
    ``normalize_company_name("SADARI TECH CO., LTD.") == "sadaritech"``.
    """
    text = normalize_text(strip_legal_form(normalize_text(name)))
    return re.sub(r"[^0-9a-z\uac00-\ud7a3]", "", text)
