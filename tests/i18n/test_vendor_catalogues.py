"""The library words (Wagtail's admin, Django, country names) are translated in the
languages whose gaps the portal has filled in locale_vendor/ (see
portal/core/vendor_catalogues.py): none is missing, every translation keeps the
placeholders of its English, and the compiled catalogues are the ones the .po
files give."""

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.utils import translation

from portal.core import vendor_catalogues

# Only the languages whose gaps have been filled; add one when its catalogue is done.
FILLED = ["mn", "ja", "ko", "zh_Hans", "ru"]
DOMAINS = ["django", "djangojs"]
PLACEHOLDER = re.compile(r"%\([a-zA-Z0-9_]+\)[sdif]|%[sdif]|\{[a-zA-Z0-9_]*\}")


def _catalogue(language, domain):
    return vendor_catalogues.VENDOR_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def _placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("language", FILLED)
def test_no_library_word_is_left_untranslated(language):
    missing = vendor_catalogues.missing(language)
    shown = [(m.library, m.msgid) for m in missing[:10]]
    assert missing == [], f"{len(missing)} library words untranslated in {language}: {shown}"


@pytest.mark.parametrize("language", FILLED)
@pytest.mark.parametrize("domain", DOMAINS)
def test_translations_keep_the_placeholders_and_spacing(language, domain):
    """A translation missing %(name)s or adding {count} breaks the page that formats it."""
    catalogue = polib.pofile(str(_catalogue(language, domain)))
    wrong = []
    for entry in catalogue:
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
            # The first form may be written for n = 1 (the singular's
            # placeholders) or, in a language with one form, for every n.
            first_ok = _placeholders(forms[0]) in (
                _placeholders(entry.msgid),
                _placeholders(entry.msgid_plural),
            )
            rest_ok = all(_placeholders(f) == _placeholders(entry.msgid_plural) for f in forms[1:])
            texts = forms
            ok = first_ok and rest_ok
        else:
            texts = [entry.msgstr]
            ok = _placeholders(entry.msgstr) == _placeholders(entry.msgid)
        # "Locale: " is followed by a value: the space must survive translation.
        for text in texts:
            ok = ok and text != "" and text[-1:].isspace() == entry.msgid[-1:].isspace()
        if not ok:
            wrong.append(entry.msgid)
    assert wrong == [], f"{len(wrong)} entries in {language}/{domain}: {wrong[:5]}"


@pytest.mark.parametrize("language", FILLED)
@pytest.mark.parametrize("domain", DOMAINS)
def test_compiled_catalogues_are_current(language, domain, tmp_path):
    """The committed .mo is what compilemessages (msgfmt) makes of the .po."""
    if not shutil.which("msgfmt"):
        pytest.fail("msgfmt is missing: install Debian's gettext package")
    po = _catalogue(language, domain)
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"run ops/vendor_catalogues.py apply: {mo} is missing"
    fresh = tmp_path / "fresh.mo"
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(fresh), str(po)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert Path(fresh).read_bytes() == mo.read_bytes(), f"{mo} is stale: apply again"


@pytest.mark.parametrize(
    ("language", "english", "expected"),
    [
        ("mn", "Bulk actions", "Бөөн үйлдэл"),
        ("ja", "Bulk actions", "一括操作"),
        ("mn", "Workflow", "Ажлын урсгал"),
        ("ko", "Content metrics", "콘텐츠 지표"),
        ("ko", "South Korea", "대한민국"),
        ("zh-hans", "Schedule to publish", "定时发布"),
        ("ru", "API tokens", "API-токены"),
    ],
)
def test_django_reads_the_vendor_catalogue(language, english, expected):
    """locale_vendor is on LOCALE_PATHS: Wagtail's own words come out translated."""
    with translation.override(language):
        assert translation.gettext(english) == expected
