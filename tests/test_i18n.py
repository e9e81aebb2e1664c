"""The Korean catalog is complete and current, and pages switch between Korean and English.

A new gettext string fails these tests until the catalogs are regenerated and the Korean
translation is written:

    .venv/bin/python manage.py makemessages -l ko -l en \
        --ignore ".venv/*" --ignore "var/*" --ignore "tests/*" --ignore "bench/*"
    # translate the new entries in locale/ko/LC_MESSAGES/django.po, then
    .venv/bin/python scripts/check_translations.py
"""

import os
import re
import tempfile
from pathlib import Path

import pytest
from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.signals import setting_changed
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
KO_PO = LOCALE / "ko" / "LC_MESSAGES" / "django.po"
SOURCES = ROOT / "sadari"

# Python %-placeholders: %(name)s, %(n)d, %s … ("%%" is a literal percent sign).
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[#0 +-]*\d*(?:\.\d+)?[sdifgeExXor]")
# {% translate "…" %} / {% trans '…' %} with a literal and nothing else (no "as", no context).
TRANSLATE_TAG = re.compile(
    r"""\{%\s*(?:translate|trans)\s+(["'])((?:(?!\1).)*)\1\s*(?:noop\s*)?%\}"""
)
GETTEXT_KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


def _read(po_path: Path):
    with po_path.open("rb") as f:
        return read_po(f)


def _messages(po_path: Path):
    return [m for m in _read(po_path) if m.id]


def _singular(msgid) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("%%", "")))


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogs():
    """`make test` compiles the .mo files first; this makes the module work standalone too."""
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalog = _read(po_path)
        # Write next to the target and rename: pytest-xdist workers may compile at the same time.
        fd, tmp = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.tmp")
        with os.fdopen(fd, "wb") as f:
            write_mo(f, catalog)
        os.replace(tmp, mo_path)
    # Forget catalogs Django may have loaded before the .mo files existed (here or in another
    # xdist worker): Django's test signal handlers drop them when LOCALE_PATHS "changes".
    setting_changed.send(
        sender=settings._wrapped.__class__,
        setting="LOCALE_PATHS",
        value=settings.LOCALE_PATHS,
        enter=False,
    )


# (a) Every Korean entry is translated, not fuzzy, and keeps its placeholders.


def test_korean_catalog_has_a_translation_for_every_msgid():
    untranslated = []
    fuzzy = []
    for message in _messages(KO_PO):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(s.strip() for s in strings):
            untranslated.append(_singular(message.id))
        if message.fuzzy:
            fuzzy.append(_singular(message.id))

    assert not untranslated, f"untranslated in {KO_PO.relative_to(ROOT)}: {untranslated}"
    assert not fuzzy, f"fuzzy in {KO_PO.relative_to(ROOT)}: {fuzzy}"


def test_korean_catalog_header_declares_one_plural_form():
    catalog = _read(KO_PO)

    assert not catalog.fuzzy
    assert catalog.plural_forms == "nplurals=1; plural=0;"
    for message in _messages(KO_PO):
        if message.pluralizable:
            assert len(message.string) == 1, message.id


def test_korean_translations_keep_their_placeholders():
    broken = []
    for message in _messages(KO_PO):
        if "python-format" not in message.flags:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set().union(*(_placeholders(i) for i in ids))
        # The plural msgid carries every placeholder; a singular msgid may leave out %(n)s.
        required = _placeholders(ids[-1])
        for string in strings:
            found = _placeholders(string)
            if found - expected or required - found:
                broken.append((ids[0], string))

    assert not broken


def test_no_fuzzy_entries_in_any_catalog():
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        catalog = _read(po_path)
        assert not catalog.fuzzy, po_path
        assert not [m.id for m in catalog if m.id and m.fuzzy], po_path


# (b) The catalog is current: key msgids are there, and so is every literal gettext string.

KEY_MSGIDS = [
    "Organizations",
    "People",
    "Programs",
    "Spaces",
    "Search",
    "Log in",
    "Log out",
    "Startup",
    "Support institution",
    "Innovation hub",
    "Business reg. no.",
    "Support programs",
    "Organizations marked “demo” are fictional.",
    "Page %(n)s of %(total)s",
    "%(n)s result",
]


@pytest.mark.parametrize("msgid", KEY_MSGIDS)
def test_key_msgids_are_in_the_korean_catalog(msgid):
    assert msgid in {_singular(m.id) for m in _messages(KO_PO)}


def _source_msgids() -> set[tuple[str, str]]:
    """Literal gettext strings in sadari/: Python calls and plain {% translate %} tags."""
    found = set()
    for path in sorted(SOURCES.rglob("*")):
        if "migrations" in path.parts or not path.is_file():
            continue
        where = str(path.relative_to(ROOT))
        if path.suffix == ".py":
            with path.open("rb") as f:
                for _lineno, message, _comments, _context in extract(
                    "python", f, keywords=GETTEXT_KEYWORDS
                ):
                    found.add((where, _singular(message)))
        elif path.suffix in {".html", ".txt"}:
            for match in TRANSLATE_TAG.finditer(path.read_text(encoding="utf-8")):
                found.add((where, match.group(2)))
    return found


def test_every_literal_gettext_string_is_in_the_korean_catalog():
    known = {_singular(m.id) for m in _messages(KO_PO)}

    missing = sorted((where, msgid) for where, msgid in _source_msgids() if msgid not in known)

    assert not missing, f"run makemessages and translate: {missing}"


# (c) Pages are Korean by default and English after choosing English.


@pytest.mark.django_db
def test_home_page_is_korean_by_default_and_english_after_setlang(client):
    korean = client.get("/").content.decode()

    assert "검색" in korean
    assert "기관·기업" in korean  # "Organizations"
    assert "로그인" in korean
    assert "Log in" not in korean

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    english = client.get("/").content.decode()

    assert "Search" in english
    assert "Organizations" in english
    assert "Log in" in english
    assert "기관·기업" not in english

    client.post("/i18n/setlang/", {"language": "ko", "next": "/"})
    assert "기관·기업" in client.get("/").content.decode()


@pytest.mark.django_db
def test_login_page_follows_the_language_cookie_not_the_browser(client):
    korean = client.get("/accounts/login/", headers={"accept-language": "en"}).content.decode()

    assert "로그인" in korean
    assert "비밀번호" in korean  # "Password"

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/accounts/login/").content.decode()

    assert "Log in" in english
    assert "Password" in english


def test_enum_labels_and_field_names_are_translated():
    from sadari.directory.enums import Industry, OrgCategory, OrgKind, Stage
    from sadari.directory.models import Organization

    with translation.override("ko"):
        assert str(OrgKind.INSTITUTION.label) == "지원기관"
        assert str(OrgCategory.STARTUP_CAFE.label) == "창업카페"
        assert str(Industry.AI.label) == "AI·빅데이터"
        assert str(Stage.PRE_A.label) == "프리A"
        assert str(Organization._meta.get_field("name_ko").verbose_name) == "이름(한국어)"
    with translation.override("en"):
        assert str(OrgKind.INSTITUTION.label) == "Support institution"


def test_plural_blocktranslate_renders_in_korean():
    from django.template import Context, Template

    template = Template(
        "{% load i18n %}{% blocktranslate count n=total %}{{ n }} result"
        "{% plural %}{{ n }} results{% endblocktranslate %}"
    )

    with translation.override("ko"):
        assert template.render(Context({"total": 1})) == "검색 결과 1건"
        assert template.render(Context({"total": 3})) == "검색 결과 3건"
    with translation.override("en"):
        assert template.render(Context({"total": 3})) == "3 results"
