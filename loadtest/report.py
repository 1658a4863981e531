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
import json
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


def read_ramp_up(path: Path | None) -> dict | None:
    """What locust counted while people arrived (``loadtest/locustfile.py``), or None."""
    if path is None or not path.exists():
        return None
    ramp = json.loads(path.read_text(encoding="utf-8"))
    ramp["rows"].sort(key=lambda r: r["name"])
    ramp["requests"] = sum(r["requests"] for r in ramp["rows"])
    ramp["failures"] = sum(r["failures"] for r in ramp["rows"])
    return ramp


def ramp_up_table(ramp: dict) -> str:
    """The ramp-up's rows, held to "no failed request" only (people still arriving)."""
    lines = [
        "| page kind | requests | failures | median ms | p95 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in ramp["rows"]:
        lines.append(
            f"| {r['name']} ({r['method']}) | {r['requests']} | {r['failures']} | "
            f"{r['median']:.0f} | {r['p95']:.0f} |"
        )
    return "\n".join(lines)


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


def bar_met(rows: list[dict], ramp: dict | None = None) -> bool:
    return bool(rows) and all(row_ok(r) for r in rows) and not (ramp and ramp["failures"])


def cpu_per_request(total: dict | None, ramp: dict | None = None) -> tuple[float, float] | None:
    """CPU milliseconds per request of gunicorn and of PostgreSQL during the run.

    From ``LOADTEST_CPU_BEFORE`` / ``LOADTEST_CPU_AFTER`` (``loadtest/cpu.py``),
    taken around the whole run, so the ramp-up's requests are counted too.
    """
    before, after = os.environ.get("LOADTEST_CPU_BEFORE"), os.environ.get("LOADTEST_CPU_AFTER")
    if not (before and after and total and total["requests"]):
        return None
    (g0, p0), (g1, p1) = (map(float, before.split())), (map(float, after.split()))
    n = total["requests"] + (ramp["requests"] if ramp else 0)
    return (g1 - g0) * 1000 / n, (p1 - p0) * 1000 / n


# Requests that are part of one action with the request before them (taking a
# quiz is page, start, save, submit; logging in is page and post): no think time
# before them.
FOLLOW_ON_KINDS = {"quiz start", "quiz save", "quiz submit", "log in"}


def cpu_paragraph(rows: list[dict], total: dict | None, ramp: dict | None = None) -> str:
    """What a request costs in CPU, and the people per core that follows from it.

    A person makes ``requests per action / mean think time`` requests a second
    when the server keeps up, so a core fully busy with requests serves
    ``1000 / (CPU ms per request * that rate)`` people.
    """
    cost = cpu_per_request(total, ramp)
    if cost is None:
        return ""
    gunicorn, postgres = cost
    low, high = (float(x) for x in os.environ.get("LOADTEST_WAIT", "5,15").split(","))
    actions = sum(r["requests"] for r in rows if r["name"] not in FOLLOW_ON_KINDS)
    per_person = total["requests"] / max(actions, 1) / ((low + high) / 2)
    people = 1000 / ((gunicorn + postgres) * per_person)
    return (
        f"CPU per request, measured from /proc around the run (what else ran on the machine "
        f"slows requests down but hardly changes this): **{gunicorn:.1f} ms in gunicorn + "
        f"{postgres:.1f} ms in PostgreSQL**. A person makes about {per_person:.3f} requests a "
        f"second at this think time, so one core busy with nothing else serves about "
        f"**{people:.0f} people** (Redis and locust not counted)."
    )


def capacity_section(
    *, rows, total, users: int, duration: str, size: str, cores: int, ramp: dict | None = None
) -> str:
    met = bar_met(rows, ramp)
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
    ramp_words = (
        f", all present at once, after a ramp-up of {ramp['seconds']:.0f} s in which they "
        "arrived and logged in"
        if ramp
        else ""
    )
    ramp_section = (
        f"""
The ramp-up ({ramp["users"]} people arriving, each learner and staff member logging
in once; not held to the p95 bars, which are for the steady state, but to no
failed request): {ramp["requests"]} requests, {ramp["failures"]} failed.

{ramp_up_table(ramp)}
"""
        if ramp
        else ""
    )
    after = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"""## Capacity

Measured by `make loadtest` on {today}, on this {cores}-core machine with
locust, PostgreSQL, Redis, gunicorn (production settings, {workers} gthread
workers) and the task worker all on the same machine (so locust takes part of the
CPU it measures), loopback addresses only. Data: `generate_load_data --size {size}`
plus the demo data. {users} simulated people for {duration}{ramp_words} (about 60 % anonymous
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
{ramp_section}
{cpu_paragraph(rows, total, ramp)}

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
    parser.add_argument("--ramp-up", type=Path, help="the ramp-up's figures the locustfile kept")
    args = parser.parse_args()
    rows, total = read_rows(args.stats)
    ramp = read_ramp_up(args.ramp_up)
    print(table(rows, total))
    if ramp:
        print(f"\nRamp-up: {ramp['requests']} requests, {ramp['failures']} failed")
        print(ramp_up_table(ramp))
    print()
    print(cpu_paragraph(rows, total, ramp))
    print("Bar met." if bar_met(rows, ramp) else "Bar MISSED (see the rows marked MISSED).")
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
                ramp=ramp,
            ),
        )
        print(f"Capacity section written to {args.write}.")


if __name__ == "__main__":
    main()
