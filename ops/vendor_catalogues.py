#!/usr/bin/env python
"""Fill the gaps in the libraries' catalogues (see portal/core/vendor_catalogues.py).

ops/vendor_catalogues.py missing LANGUAGE > gaps.json
    the library words still untranslated in LANGUAGE (zh_Hans, ja, ko, mn, ru),
    as a JSON list whose "translation" a translator fills in (a list of
    forms for plural messages, as many as the language has);
ops/vendor_catalogues.py apply gaps.json [...]
    adds the filled translations to locale_vendor/LANGUAGE/LC_MESSAGES/
    (django.po, djangojs.po) and compiles them. Placeholders must match.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

import polib  # noqa: E402

from portal.core.vendor_catalogues import VENDOR_DIR, missing  # noqa: E402

PLURAL_FORMS = {
    "zh_Hans": "nplurals=1; plural=0;",
    "ja": "nplurals=1; plural=0;",
    "ko": "nplurals=1; plural=0;",
    "mn": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
}
PLACEHOLDER = re.compile(r"%\([a-zA-Z0-9_]+\)[sdif]|%[sdif]|\{[a-zA-Z0-9_]*\}")


def _catalogue(language: str, domain: str) -> polib.POFile:
    path = VENDOR_DIR / language / "LC_MESSAGES" / f"{domain}.po"
    if path.exists():
        return polib.pofile(str(path), wrapwidth=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "flyway-academy vendor catalogue",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS[language],
    }
    po.fpath = str(path)
    return po


def _same_placeholders(source: str, text: str) -> bool:
    return sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text))


def apply(path: Path) -> None:
    rows = json.loads(path.read_text())
    language = (
        rows[0]["language"] if rows and "language" in rows[0] else path.stem.split("_", 1)[-1]
    )
    if language not in PLURAL_FORMS:
        sys.exit(f"{path}: name the file after its language, e.g. gaps_mn.json ({language!r}).")
    nplurals = int(PLURAL_FORMS[language].split(";")[0].split("=")[1])
    catalogues: dict[str, polib.POFile] = {}
    problems, added = [], 0
    for n, row in enumerate(rows, start=1):
        text = row.get("translation")
        if not text:
            continue
        po = catalogues.setdefault(row["domain"], _catalogue(language, row["domain"]))
        if po.find(row["msgid"], msgctxt=row.get("msgctxt")):
            continue
        entry = polib.POEntry(msgid=row["msgid"], msgctxt=row.get("msgctxt") or None)
        entry.occurrences = [(row.get("library", ""), "")]
        if row.get("msgid_plural"):
            forms = text if isinstance(text, list) else [text]
            forms = (forms + [forms[-1]] * nplurals)[:nplurals]
            if not all(_same_placeholders(row["msgid_plural"], f) for f in forms[1:]) and not all(
                _same_placeholders(row["msgid"], f) for f in forms
            ):
                problems.append(f"row {n}: placeholders of {row['msgid']!r} do not match")
                continue
            entry.msgid_plural = row["msgid_plural"]
            entry.msgstr_plural = dict(enumerate(forms))
        else:
            text = text[0] if isinstance(text, list) else text
            if not _same_placeholders(row["msgid"], text):
                problems.append(f"row {n}: placeholders of {row['msgid']!r} do not match")
                continue
            entry.msgstr = text
        po.append(entry)
        added += 1
    for po in catalogues.values():
        po.save()
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "compilemessages", "-l", language, "--ignore=.venv/*"],
        cwd=ROOT,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
        stdout=subprocess.DEVNULL,
    )
    print(f"{path}: {added} added to locale_vendor/{language}")
    for problem in problems:
        print("  " + problem)


def main(argv: list[str]) -> None:
    if len(argv) >= 2 and argv[0] == "missing":
        rows = [{**m.__dict__, "language": argv[1], "translation": None} for m in missing(argv[1])]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=0)
    elif len(argv) >= 2 and argv[0] == "apply":
        for name in argv[1:]:
            apply(Path(name))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
