"""Unicode normalization shared by indexing, querying and matching."""

import re
import unicodedata

_SPACE = re.compile(r"\s+")
# Hangul syllables and jamo; Latin letters and digits (after NFKC and lower-casing).
HANGUL_RUN = r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]+"
LATIN_RUN = r"[a-z0-9]+"
_RUNS = re.compile(f"({HANGUL_RUN})|({LATIN_RUN})")


def normalize_text(text: str) -> str:
    """NFKC (full-width → half-width), lower-case, one space between words.

    Args:
        text: any text.

    Returns:
        The normalized text, e.g. ``normalize_text("ＡＩ  드론") == "ai 드론"``.
    """
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text or "").lower()).strip()


def script_runs(text: str) -> list[tuple[str, str]]:
    """Splits normalized text into runs of one script: ("hangul" | "latin", run).

    ``script_runs("ai드론 3d")`` → ``[("latin", "ai"), ("hangul", "드론"), ("latin", "3d")]``.
    Anything else (punctuation, other scripts) separates runs.
    """
    out: list[tuple[str, str]] = []
    for match in _RUNS.finditer(normalize_text(text)):
        if match.group(1):
            out.append(("hangul", match.group(1)))
        else:
            out.append(("latin", match.group(2)))
    return out
