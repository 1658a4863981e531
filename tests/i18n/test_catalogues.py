"""Every string marked for translation has a translation in each interface language."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ["zh_Hans", "ja", "ko", "mn", "ru"]
IGNORE = [".venv/*", "var/*", "tests/*", "bench/*", "node_modules/*", "docs/*"]


SOURCE_SKIP = shutil.ignore_patterns(
    ".git",
    ".venv",
    "var",
    "node_modules",
    "tests",
    "bench",
    "docs",
    "__pycache__",
    "*.ttf",
    "*.otf",
    "*.png",
    "*.jpg",
    "*.svg",
    "*.mo",
)


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """The committed catalogues, brought up to date with the source by makemessages.

    makemessages writes into any ``locale`` folder it walks past, whatever
    LOCALE_PATHS says, so it runs on a copy of the source: the committed
    catalogues are never touched by a test run.
    """
    if not shutil.which("xgettext"):
        pytest.fail("xgettext is missing: install Debian's gettext package")
    tree = tmp_path_factory.mktemp("source") / "repo"
    shutil.copytree(REPO, tree, ignore=SOURCE_SKIP)
    locale = tree / "locale"
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--no-wrap"]
    command += [f"--locale={code}" for code in LANGUAGES]
    command += [f"--ignore={pattern}" for pattern in IGNORE]
    env = {**os.environ, "FLYWAY_LOCALE_DIR": str(locale), "PYTHONPATH": str(tree)}
    for domain in ("django", "djangojs"):
        subprocess.run(
            [*command, f"--domain={domain}"],
            cwd=tree,
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
    return locale


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_marked_string_is_translated(fresh_catalogues, language, domain):
    path = fresh_catalogues / language / "LC_MESSAGES" / f"{domain}.po"
    if domain == "djangojs" and not path.exists():
        pytest.skip("no strings marked in JavaScript")
    catalogue = polib.pofile(str(path))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert missing == [], f"{len(missing)} untranslated in {language}: {missing[:10]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogues_are_committed_and_current(language):
    po = REPO / "locale" / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"run make messages: {mo} is missing"
    # Keyed by context too: pgettext("order in a list", "position") and plain
    # "position" (a job) are different messages with different translations.
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(mo))}
    for entry in polib.pofile(str(po)).translated_entries():
        if not entry.msgid_plural:
            key = (entry.msgctxt, entry.msgid)
            assert compiled.get(key) == entry.msgstr, entry.msgid
