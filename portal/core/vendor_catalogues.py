"""The words of the libraries the portal shows (Wagtail's admin, Django, country names)
that their own catalogues leave untranslated in one of the portal's languages.

Wagtail, Django and django-countries ship catalogues maintained by their
translators; for a new release some of their words are not translated yet in
Japanese, Korean, Mongolian, Chinese or Russian, and an instructor reading the
admin in Mongolian met English among the Mongolian. The portal fills those gaps
in ``locale_vendor/<language>/LC_MESSAGES/``, a catalogue on ``LOCALE_PATHS``
after the portal's own, holding only the words the libraries lack (filled with
``ops/vendor_catalogues.py``).

``missing(language)`` lists what is still untranslated, reading the English
catalogues the libraries ship (every word they can show) against every
catalogue Django loads for the language; ``tests/i18n/test_vendor_catalogues.py``
keeps the list empty, so an upgrade that brings new words says so.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings

# The libraries whose words reach the portal's pages or its admin.
LIBRARIES = ["wagtail", "wagtail_localize", "django", "django_countries", "taggit"]
LANGUAGES = ["zh_Hans", "ja", "ko", "mn", "ru"]
VENDOR_DIR = Path(settings.BASE_DIR) / "locale_vendor"


@dataclass(frozen=True)
class Message:
    library: str
    domain: str
    msgctxt: str | None
    msgid: str
    msgid_plural: str | None


def _package_dir(name: str) -> Path:
    module = __import__(name)
    return Path(module.__file__).resolve().parent


def _loaded_locale_dirs() -> list[Path]:
    """The ``locale`` folders Django reads catalogues from: its own, the installed
    apps' and ``LOCALE_PATHS`` (a catalogue of an app not installed, such as
    ``django.contrib.admin``'s, translates nothing the portal shows)."""
    import django
    from django.apps import apps

    dirs = [Path(django.__file__).resolve().parent / "conf" / "locale"]
    dirs += [Path(config.path).resolve() / "locale" for config in apps.get_app_configs()]
    dirs += [Path(directory).resolve() for directory in settings.LOCALE_PATHS]
    return [directory for directory in dirs if directory.is_dir()]


def _library_locale_dirs() -> list[Path]:
    roots = [_package_dir(library) for library in LIBRARIES]
    return [d for d in _loaded_locale_dirs() if any(d.is_relative_to(r) for r in roots)]


def _english_messages() -> list[Message]:
    found: dict[tuple, Message] = {}
    roots = {_package_dir(library): library for library in LIBRARIES}
    for directory in _library_locale_dirs():
        library = next(name for root, name in roots.items() if directory.is_relative_to(root))
        for path in sorted(directory.glob("en/LC_MESSAGES/*.po")):
            domain = path.stem
            if domain not in ("django", "djangojs"):
                continue
            for entry in polib.pofile(str(path)):
                if entry.obsolete or not entry.msgid:
                    continue
                key = (domain, entry.msgctxt, entry.msgid)
                found.setdefault(
                    key,
                    Message(
                        library, domain, entry.msgctxt, entry.msgid, entry.msgid_plural or None
                    ),
                )
    return list(found.values())


@functools.cache
def _translated(language: str) -> frozenset:
    """(domain, msgctxt, msgid) translated in any catalogue Django loads for ``language``."""
    paths = []
    for directory in _loaded_locale_dirs():
        paths += directory.glob(f"{language}/LC_MESSAGES/*.po")
    done = set()
    for path in paths:
        for entry in polib.pofile(str(path)):
            if entry.translated() and "fuzzy" not in entry.flags and not _copied(entry):
                done.add((path.stem, entry.msgctxt, entry.msgid))
    return frozenset(done)


PLACEHOLDERS = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
# Names that stay as they are in every language.
KEPT_AS_IS = {"Wagtail API v2", "Wagtail API v3", "Wagtail routablepage", "Taggit"}


def _copied(entry) -> bool:
    """A "translation" that is the English words copied (Wagtail's Japanese gives
    "meta description" and "None"): untranslated for a reader of the language."""
    if entry.msgid_plural or entry.msgstr != entry.msgid or entry.msgid in KEPT_AS_IS:
        return False
    return bool(re.search("[a-z]{3}", PLACEHOLDERS.sub("", entry.msgid)))


def missing(language: str) -> list[Message]:
    """The library messages with no translation into ``language`` in any catalogue."""
    done = _translated(language)
    return [m for m in _english_messages() if (m.domain, m.msgctxt, m.msgid) not in done]
