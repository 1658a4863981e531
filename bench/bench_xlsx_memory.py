"""Benchmark: importing a 10 MB XLSX stays under 300 MB of memory (issue 21).

Builds two workbooks and checks each with ``import_participants --dry-run``
(read, check every column and row: what an upload's check does), each in a
fresh process whose peak resident memory (``ru_maxrss``) is measured:

- a 10 MB participant list (the upload limit), about 48,000 rows with every
  column filled and a free-text note;
- a 0.3 MB workbook whose only sheet declares itself ``A1:XFD50000`` and has
  a cell in its last column (a list once took 783 MB to read: a reader that
  trusts the declared size, or builds the sheet as one dense grid, allocates
  every cell of it).

The baseline is the same process after ``django.setup()``, before reading.
Exits 1 when either import peaks above 300 MB.
"""

import os
import random
import resource
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import benchdb

BAR_MB = 300
TARGET_BYTES = 10 * 1024 * 1024 - 64 * 1024
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="bench-xlsx-"))
ENV = benchdb.configure(TMP)

HEADER = [
    "email",
    "given_name",
    "family_name",
    "native_name",
    "gender",
    "birth_year",
    "country",
    "organisation",
    "position",
    "notes",
]
GIVEN = ["Oyunchimeg", "Xiaoming", "Taro", "Minjun", "Anna", "Bolormaa", "Yui", "Dmitry"]
FAMILY = ["Batbayar", "Wang", "Yamada", "Kim", "Ivanova", "Dorj", "Sato", "Smirnov"]
NATIVE = ["Оюунчимэг Батбаяр", "王小明", "山田 太郎", "김민준", "Анна Иванова"]
COUNTRIES = ["MN", "CN", "JP", "KR", "RU"]


def build_list(path: Path) -> int:
    """A participant list of about 10 MB; returns its rows."""
    from openpyxl import Workbook

    rng = random.Random(21)
    rows = 0
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Participants")
    sheet.append(HEADER)
    # Random notes do not compress: about 200 bytes per row in the file.
    while rows < 48_000:
        rows += 1
        sheet.append(
            [
                f"person{rows}@example.org",
                rng.choice(GIVEN),
                rng.choice(FAMILY),
                rng.choice(NATIVE),
                rng.choice("FM"),
                str(rng.randint(1950, 2005)),
                rng.choice(COUNTRIES),
                f"Wetland Centre {rng.randint(1, 900)}",
                "Field ornithologist",
                "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(240)),
            ]
        )
    workbook.save(path)
    return rows


def build_wide(path: Path) -> None:
    """A small workbook that declares (and reaches) the last column of 50,000 rows."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Participants"
    sheet.append(HEADER)
    for n in range(2, 12_002):
        sheet.append([f"p{n}@example.org", "Anna", "Ivanova", "", "F", "1990", "RU"])
    sheet.cell(row=50_000, column=16_384, value="x")
    workbook.save(path)


CHILD = """
import os, resource, sys
import django
django.setup()
from django.core.management import call_command
from django.core.management.base import CommandError
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    call_command("import_participants", sys.argv[1], "--dry-run", stdout=open(os.devnull, "w"))
    outcome = "read"
except CommandError as error:
    outcome = "refused: " + str(error)[:120]
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{before} {after} {outcome}")
"""


def measure(path: Path) -> tuple[float, float, str]:
    """(baseline MB, peak MB, outcome) of a dry-run import of ``path`` in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        cwd=ROOT,
        env={**os.environ, **ENV},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(done.stdout, done.stderr)
        raise SystemExit(2)
    before, after, outcome = done.stdout.strip().splitlines()[-1].split(" ", 2)
    return int(before) / 1024, int(after) / 1024, outcome


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    big, wide = TMP / "participants-10mb.xlsx", TMP / "wide.xlsx"
    rows = build_list(big)
    build_wide(wide)
    with zipfile.ZipFile(big) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    size = big.stat().st_size / 2**20
    print(f"list: {size:.1f} MB, {rows} rows, {unpacked / 2**20:.0f} MB unpacked")
    print(f"wide: {wide.stat().st_size / 2**20:.2f} MB, declares A1:XFD50000")
    met = True
    summary = []
    for label, path in (("10 MB list", big), ("0.3 MB wide sheet", wide)):
        before, peak, outcome = measure(path)
        print(f"{label}: baseline {before:.0f} MB, peak {peak:.0f} MB ({outcome})")
        met = met and peak <= BAR_MB
        summary.append(f"{label} peak {peak:.0f} MB")
    benchdb.result(f"{'; '.join(summary)} (bar {BAR_MB} MB)")
    return 0 if met else 1


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main())
