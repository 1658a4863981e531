"""The ORM first (issue 13): hand-written SQL lives only in an app's ``sql.py``.

Production runs PostgreSQL; SQL written for one database in services and
selectors (a CASE update, an ``INDEXED BY`` spliced into compiled SQL) goes
untested on the other. A statement the ORM cannot match stays only in its
app's ``sql.py``, with the benchmark that justifies it and a test on both
databases (``tests/<app>/test_sql.py``). This test reads the source.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["courses", "assessments", "certificates", "portal"]

# What only hand-written SQL, or a private attribute of the page tree, looks like.
PATTERNS = {
    "a cursor": re.compile(r"\.cursor\("),
    "raw SQL": re.compile(r"\.raw\(|\bRawSQL\(|\.extra\("),
    "compiled SQL": re.compile(r"get_compiler\(|sql_with_params\(|INDEXED BY"),
    "SQL for one database": re.compile(r"def as_(sqlite|postgresql|mysql|oracle)\("),
    "treebeard's private parent cache": re.compile(r"_cached_parent_obj"),
}
# Allowed, with the reason: the health check pings the database with the
# smallest statement every database answers; it reads no data.
ALLOWED = {("portal/core/views.py", "a cursor")}


def _modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or path.name == "sql.py":
                continue
            yield relative, path


@pytest.mark.parametrize("what", sorted(PATTERNS))
def test_no_hand_built_sql_outside_sql_modules(what):
    found = [
        f"{relative}:{number}: {line.strip()}"
        for relative, path in _modules()
        if (relative, what) not in ALLOWED
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if PATTERNS[what].search(line)
    ]

    assert found == [], f"{what} outside an app's sql.py:\n" + "\n".join(found)
