"""Check the translation catalogs: every Korean msgid translated, no fuzzy entries, placeholders kept.

    .venv/bin/python scripts/check_translations.py            # checks locale/ko (exit 1 on problems)
    .venv/bin/python scripts/check_translations.py --list     # also prints each problem entry

Regenerate the catalogs first when templates or code changed:

    .venv/bin/python manage.py makemessages -l ko -l en \
        --ignore ".venv/*" --ignore "var/*" --ignore "tests/*" --ignore "bench/*"
"""

import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
# Python %-placeholders: %(name)s, %(n)d, %s … ("%%" is a literal percent sign, not a placeholder).
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[#0 +-]*\d*(?:\.\d+)?[sdifgeExXor]")


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("%%", "")))


def problems(po_path: Path) -> list[str]:
    with po_path.open("rb") as f:
        catalog = read_po(f)
    found = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        label = repr(ids[0])
        if message.fuzzy:
            found.append(f"fuzzy: {label}")
        if not all(strings):
            found.append(f"untranslated: {label}")
            continue
        expected = set().union(*(placeholders(i) for i in ids))
        for string in strings:
            if "python-format" in message.flags and placeholders(string) - expected:
                found.append(f"unknown placeholder in translation of {label}: {string!r}")
            # Singular msgids may omit %(n)s; every other placeholder has to survive translation.
            missing = placeholders(ids[-1]) - placeholders(string)
            if "python-format" in message.flags and missing:
                found.append(f"placeholder {sorted(missing)} dropped in translation of {label}")
    return found


def main() -> int:
    po_path = ROOT / "locale" / "ko" / "LC_MESSAGES" / "django.po"
    found = problems(po_path)
    with po_path.open("rb") as f:
        total = sum(1 for m in read_po(f) if m.id)
    if "--list" in sys.argv or found:
        for line in found:
            print(line)
    print(f"{po_path.relative_to(ROOT)}: {total} messages, {len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
