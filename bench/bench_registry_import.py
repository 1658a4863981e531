"""Benchmark: a 10,000-row XLSX participant import finishes in at most 10 s (BRIEF §7).

Builds a workshop list of 10,000 people in the five countries (names in their
own scripts, every column filled), imports it into a fresh SQLite database
through the same code as ``import_participants`` (read, check every row,
write participants and their history rows in one transaction), and prints:

- the baseline measured in the same run: reading the workbook with openpyxl
  and inserting the same rows with a bare ``bulk_create`` (no checks, no
  history) — the least any import of this file can cost on this machine;
- the import's own time, split into read, check and write;
- a re-import of the same file (which must change nothing).

Exits 1 when the import takes more than 10 s or the re-import writes anything.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

import benchdb

ROWS = 10_000
BAR_SECONDS = 10.0

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="bench-registry-"))
benchdb.configure(TMP)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402

# Name pieces per country: (Latin given, Latin family, own-script given, own-script
# family, own-script order). Rows combine them, so that the list holds
# hundreds of distinct names in every script, as a real list would.
PIECES = [
    (
        ["Oyunchimeg", "Bolormaa", "Enkhbat", "Nomin", "Tuvshin", "Sarnai", "Odgerel", "Batbayar"],
        ["Batbayar", "Tserendorj", "Ganbold", "Dorj", "Sukhbaatar", "Otgonbayar"],
        ["Оюунчимэг", "Болормаа", "Энхбат", "Номин", "Түвшин", "Сарнай", "Одгэрэл", "Батбаяр"],
        ["Батбаяр", "Цэрэндорж", "Ганболд", "Дорж", "Сүхбаатар", "Отгонбаяр"],
        "family-first",
        "Mongolia",
    ),
    (
        ["Xiaoming", "Na", "Wei", "Jing", "Hao", "Lei", "Fang", "Yang"],
        ["Wang", "Li", "Zhang", "Chen", "Liu", "Zhao"],
        ["小明", "娜", "伟", "静", "浩", "磊", "芳", "洋"],
        ["王", "李", "张", "陈", "刘", "赵"],
        "family-first-joined",
        "CN",
    ),
    (
        ["Taro", "Yui", "Sho", "Aoi", "Kenji", "Haruka", "Ren", "Mio"],
        ["Yamada", "Sato", "Tanaka", "Suzuki", "Takahashi", "Ito"],
        ["太郎", "結衣", "翔", "葵", "健二", "遥", "蓮", "澪"],
        ["山田", "佐藤", "田中", "鈴木", "高橋", "伊藤"],
        "family-first",
        "Japan",
    ),
    (
        ["Minjun", "Jiwoo", "Seoyun", "Hyunwoo", "Jiho", "Yuna", "Dohyun", "Sora"],
        ["Kim", "Lee", "Park", "Choi", "Jung", "Kang"],
        ["민준", "지우", "서윤", "현우", "지호", "유나", "도현", "소라"],
        ["김", "이", "박", "최", "정", "강"],
        "family-first-joined",
        "Republic of Korea",
    ),
    (
        ["Anna", "Dmitry", "Ekaterina", "Ilya", "Olga", "Sergei", "Maria", "Pavel"],
        ["Ivanova", "Smirnov", "Kuznetsova", "Popov", "Sokolova", "Lebedev"],
        ["Анна", "Дмитрий", "Екатерина", "Илья", "Ольга", "Сергей", "Мария", "Павел"],
        ["Иванова", "Смирнов", "Кузнецова", "Попов", "Соколова", "Лебедев"],
        "given-first",
        "Russian Federation",
    ),
]
GENDERS = ["F", "M", "female", "male", "W", "undisclosed", ""]
ORG_TYPES = ["ngo", "academia", "government", "protected area", "university", "international"]
HEADER = [
    "email",
    "given_name",
    "family_name",
    "native_name",
    "gender",
    "birth_year",
    "country",
    "organisation",
    "organisation_type",
    "position",
]


def build_workbook(path: Path) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Participants")
    sheet.append(HEADER)
    for n in range(ROWS):
        latin_given, latin_family, own_given, own_family, order, country = PIECES[n % 5]
        g, f = (n // 5) % 8, (n // 40) % 6
        if order == "given-first":
            native = f"{own_given[g]} {own_family[f]}"
        elif order == "family-first":
            native = f"{own_family[f]} {own_given[g]}"
        else:
            native = f"{own_family[f]}{own_given[g]}"
        sheet.append(
            [
                f"participant{n}@example.org",
                latin_given[g],
                latin_family[f],
                native,
                GENDERS[n % len(GENDERS)],
                1960 + n % 45,
                country,
                f"Wetland Reserve No. {n % 300}",
                ORG_TYPES[n % len(ORG_TYPES)],
                "Field researcher",
            ]
        )
    workbook.save(path)


def baseline(path: Path) -> float:
    """Read the workbook and bulk-insert bare rows: the floor for any import."""
    import python_calamine
    from django.db import transaction

    from portal.registry.models import Participant

    start = time.perf_counter()
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = workbook.get_sheet_by_index(0).to_python()[1:]
    with transaction.atomic():
        Participant.objects.bulk_create(
            [
                Participant(
                    email=f"baseline-{r[0]}",
                    given_name=r[1],
                    family_name=r[2],
                    native_name=r[3],
                    birth_year=r[5],
                    organisation=r[7],
                    position=r[9],
                )
                for r in rows
            ],
            batch_size=500,
        )
    elapsed = time.perf_counter() - start
    Participant.objects.filter(email__startswith="baseline-").delete()
    return elapsed


def main() -> int:
    from courses.imports import import_apply, import_plan, table_read
    from portal.registry.models import Participant, ParticipantHistory

    call_command("migrate", verbosity=0)
    path = TMP / "participants.xlsx"
    build_workbook(path)
    floor = baseline(path)

    start = time.perf_counter()
    table = table_read(path)
    read = time.perf_counter()
    if os.environ.get("BENCH_PROFILE") == "check":
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        plan = profiler.runcall(import_plan, table)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
    else:
        plan = import_plan(table)
    checked = time.perf_counter()
    assert not plan.errors, plan.errors[:5]
    if os.environ.get("BENCH_PROFILE") == "write":
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        summary = profiler.runcall(import_apply, plan, acting_user=None, source_name=path.name)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    else:
        summary = import_apply(plan, acting_user=None, source_name=path.name)
    done = time.perf_counter()
    total = done - start

    again_start = time.perf_counter()
    replan = import_plan(table_read(path))
    again = time.perf_counter() - again_start
    history_rows = ParticipantHistory.objects.count()

    print(f"rows: {ROWS}")
    print(f"baseline (read + bare bulk insert): {floor:.2f} s")
    print(
        f"import: {total:.2f} s (read {read - start:.2f} s, check {checked - read:.2f} s, "
        f"write {done - checked:.2f} s) = {total / floor:.1f} x baseline"
    )
    resummary = replan.summary()
    changed = resummary["created"] + resummary["updated"]
    print(f"re-import check: {again:.2f} s, would change {changed} rows")
    print(f"created: {summary['created']}, participants: {Participant.objects.count()}")
    ok = (
        total <= BAR_SECONDS
        and summary["created"] == ROWS
        and history_rows == ROWS
        and not replan.changes_anything
    )
    benchdb.result(
        f"import {total:.2f} s (bar {BAR_SECONDS:.0f} s; floor {floor:.2f} s); "
        f"re-import changes {changed}"
    )
    print(f"bar: import of {ROWS} rows <= {BAR_SECONDS:.0f} s: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
