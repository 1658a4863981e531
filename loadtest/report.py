"""Turn locust's statistics into the load test's table and the "Capacity" section.

``python loadtest/report.py STATS_CSV --users N --duration 5m [--write docs/operations.md]``
prints one row per page kind (requests, failures, median, p95, requests/s),
says whether issue 15's bar is met (no failed request; p95 at most 300 ms for
pages, 500 ms for quiz submits and reports) and, with ``--write``, replaces
the "Capacity" section of the operations guide with the table. Exit status 0
either way: it is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import re
from pathlib import Path

PAGE_P95_MS = 300
SLOW_KIND_P95_MS = 500
# Page kinds held to the 500 ms bar; every other kind is a page (300 ms).
SLOW_KINDS = {"quiz submit", "report", "report csv", "report xlsx"}
# The log-in itself hashes the password (PBKDF2, about a second of CPU on purpose):
# shown, counted for failures, but not held to a page's p95.
UNTIMED_KINDS = {"log in"}


def limit_for(name: str) -> int | None:
    if name in UNTIMED_KINDS:
        return None
    return SLOW_KIND_P95_MS if name in SLOW_KINDS else PAGE_P95_MS


def row_ok(row: dict) -> bool:
    limit = limit_for(row["name"])
    return row["failures"] == 0 and (limit is None or row["p95"] <= limit)


def read_rows(path: Path) -> tuple[list[dict], dict | None]:
    """The per-kind rows of locust's ``*_stats.csv`` and its aggregated row."""
    rows, total = [], None
    with path.open(newline="", encoding="utf-8") as handle:
        for raw in csv.DictReader(handle):
            row = {
                "name": raw["Name"],
                "method": raw["Type"],
                "requests": int(raw["Request Count"]),
                "failures": int(raw["Failure Count"]),
                "median": float(raw["50%"] or 0),
                "p95": float(raw["95%"] or 0),
                "rps": float(raw["Requests/s"] or 0),
            }
            if raw["Name"] == "Aggregated":
                total = row
            else:
                rows.append(row)
    rows.sort(key=lambda r: (limit_for(r["name"]) or 0, r["name"]))
    return rows, total


def table(rows: list[dict], total: dict | None) -> str:
    lines = [
        "| page kind | requests | failures | median ms | p95 ms | requests/s | bar (p95) |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        limit = limit_for(r["name"])
        bar = "no failure" if limit is None else f"≤ {limit} ms"
        lines.append(
            f"| {r['name']} ({r['method']}) | {r['requests']} | {r['failures']} | "
            f"{r['median']:.0f} | {r['p95']:.0f} | {r['rps']:.1f} | "
            f"{bar} {'met' if row_ok(r) else 'MISSED'} |"
        )
    if total is not None:
        lines.append(
            f"| **all** | {total['requests']} | {total['failures']} | {total['median']:.0f} | "
            f"{total['p95']:.0f} | {total['rps']:.1f} | |"
        )
    return "\n".join(lines)


def bar_met(rows: list[dict]) -> bool:
    return bool(rows) and all(row_ok(r) for r in rows)


def capacity_section(*, rows, total, users: int, duration: str, size: str, cores: int) -> str:
    met = bar_met(rows)
    workers = os.environ.get("GUNICORN_WORKERS", "3")
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    verdict = (
        f"The bar is **met** at {users} simulated people: about {users // cores} people per core."
        if met
        else f"The bar is **missed** at {users} simulated people ({cores} cores): fewer than "
        f"{max(users // cores, 1)} people per core; the rows marked MISSED say where."
    )
    low, high = os.environ.get("LOADTEST_WAIT", "5,15").split(",")
    before = os.environ.get("LOADTEST_LOAD_BEFORE", "?")
    after = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"""## Capacity

Measured by `make loadtest` on {today}, on this {cores}-core machine with
locust, PostgreSQL, Redis, gunicorn (production settings, {workers} gthread
workers) and the task worker all on the same machine (so locust takes part of the
CPU it measures), loopback addresses only. Data: `generate_load_data --size {size}`
plus the demo data. {users} simulated people for {duration} (about 60 % anonymous
readers in six languages, 38 % learners each with an account of their own who read
modules and take and submit quizzes, 2 % secretariat running the participation
report and its CSV/XLSX exports), each waiting {low} to {high} s between actions
(`LOADTEST_WAIT`). Load average (1, 5, 15 min) {before} before the run, {after}
after it: above {cores} means other work shared the machine, so read the figures as
a lower bound.

Bar (issue 15): no failed request; p95 at most {PAGE_P95_MS} ms for pages and
{SLOW_KIND_P95_MS} ms for quiz submits and reports. The log-in (each learner and
staff member logs in once, at the start) hashes the password on purpose and is
held to "no failure" only. {verdict}

{table(rows, total)}

Run it again with `make loadtest` (`USERS=200 DURATION=5m SIZE=L` are the
defaults; the accounts' password is `flyway-load-2026`, or `LOAD_PASSWORD`).
"""


def write_section(doc: Path, section: str) -> None:
    """Replace the "## Capacity" section of ``doc`` (up to the next heading), or append it."""
    text = doc.read_text(encoding="utf-8")
    pattern = re.compile(r"^## Capacity\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    doc.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("stats", type=Path)
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--duration", required=True)
    parser.add_argument("--size", default="L")
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    rows, total = read_rows(args.stats)
    print(table(rows, total))
    print()
    print("Bar met." if bar_met(rows) else "Bar MISSED (see the rows marked MISSED).")
    if args.write:
        write_section(
            args.write,
            capacity_section(
                rows=rows,
                total=total,
                users=args.users,
                duration=args.duration,
                size=args.size,
                cores=args.cores,
            ),
        )
        print(f"Capacity section written to {args.write}.")


if __name__ == "__main__":
    main()
