"""Run every benchmark under bench/ (files named bench_*.py) on SQLite and on PostgreSQL.

Each benchmark measures its subject against a baseline in the same run, because
this machine is shared and noisy: the figures are ratios, not wall-clock limits.
A benchmark exits non-zero when its bar is not met.

Every benchmark runs twice: on a fresh SQLite file (the embedded default) and
on a fresh PostgreSQL database with the cache and sessions in Redis
(production's set-up). The PostgreSQL database is created for the one
benchmark and dropped after it (``flyway_bench_<pid>_<n>``, the prefix
``BENCH_DATABASE_PREFIX`` if set, on the server of ``BENCH_POSTGRES_URL``); the
Redis database of ``BENCH_REDIS_URL`` is emptied before each benchmark, so give
it one nothing else uses. At the end a table
shows each benchmark's summary line on both databases and whether its bar was met.

Usage: ``bench/run.py [--database sqlite|postgresql] [--quick] [name ...]``;
names filter the benchmarks by part of their file name; ``--quick`` is a smoke
run of the benchmarks that have one (smaller data: its figures do not answer
the bars, and it fails only when a benchmark does not run to the end; CI runs it).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATABASES = ("sqlite", "postgresql")
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")


class Outcome:
    def __init__(self, met: bool, summary: str, seconds: float, *, ran: bool = False):
        # ``ran``: the benchmark measured to the end and printed its result, whether
        # or not its bar was met (a crash, or a database that did not answer, is not).
        self.met, self.summary, self.seconds, self.ran = met, summary, seconds, ran or met

    def cell(self) -> str:
        if not self.ran:
            return f"DID NOT RUN: {self.summary}"
        return f"{'met' if self.met else 'NOT met'}: {self.summary}"


def run_script(script: Path, env: dict[str, str]) -> Outcome:
    """Run one benchmark, echoing its output; its last ``RESULT:`` line is its summary."""
    started = time.monotonic()
    summary = "(no summary printed)"
    printed = False
    with subprocess.Popen(
        [sys.executable, str(script)],
        cwd=HERE.parent,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as process:
        for line in process.stdout:
            print(line, end="", flush=True)
            if line.startswith("RESULT: "):
                summary = line.removeprefix("RESULT: ").strip()
                printed = True
    # A benchmark exits 1 when a bar is not met; any other failure prints no result.
    ran = printed and process.returncode in (0, 1)
    return Outcome(process.returncode == 0, summary, time.monotonic() - started, ran=ran)


def on_sqlite(script: Path) -> Outcome:
    return run_script(script, {"BENCH_DATABASE_URL": "", "BENCH_REDIS_URL": ""})


def on_postgresql(script: Path, number: int) -> Outcome:
    """Run ``script`` on a PostgreSQL database made for it, then drop that database."""
    import psycopg
    import redis

    prefix = os.environ.get("BENCH_DATABASE_PREFIX", "flyway_bench")
    name = f"{prefix}_{os.getpid()}_{number}"
    try:
        admin = psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True)
    except psycopg.OperationalError as error:
        return Outcome(False, f"not run: PostgreSQL at {POSTGRES_URL} does not answer ({error})", 0)
    try:
        if REDIS_URL:  # BENCH_REDIS_URL set empty: PostgreSQL alone, cache in memory
            redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.RedisError as error:
        admin.close()
        return Outcome(False, f"not run: Redis at {REDIS_URL} does not answer ({error})", 0)
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        return run_script(
            script,
            {"BENCH_DATABASE_URL": f"{POSTGRES_URL}/{name}", "BENCH_REDIS_URL": REDIS_URL},
        )
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=DATABASES, action="append")
    parser.add_argument("--quick", action="store_true", help="a smoke run with smaller data")
    parser.add_argument("names", nargs="*", help="run only benchmarks whose file name has one")
    args = parser.parse_args()
    databases = args.database or list(DATABASES)
    if args.quick:
        os.environ["BENCH_QUICK"] = "1"
    scripts = sorted(HERE.glob("bench_*.py"))
    if args.names:
        scripts = [s for s in scripts if any(name in s.name for name in args.names)]

    outcomes: dict[tuple[str, str], Outcome] = {}
    for number, script in enumerate(scripts):
        for database in databases:
            print(f"\n=== {script.name} on {database}", flush=True)
            outcome = on_sqlite(script) if database == "sqlite" else on_postgresql(script, number)
            outcomes[script.name, database] = outcome
            print(f"--- {outcome.seconds:.0f} s", flush=True)

    print("\n" + "=" * 72)
    for script in scripts:
        print(f"\n{script.name}")
        for database in databases:
            print(f"  {database:<11} {outcomes[script.name, database].cell()}")
    failures = [key for key, outcome in outcomes.items() if not outcome.met]
    broken = [key for key, outcome in outcomes.items() if not outcome.ran]
    print(f"\n{len(outcomes) - len(failures)} runs met their bar, {len(failures)} did not.")
    for name, database in failures:
        what = "did not run" if (name, database) in broken else "not met"
        print(f"  {what}: {name} on {database}")
    if args.quick:
        # A smoke run's smaller data answers no bar: it fails only when a benchmark
        # no longer runs to the end (the CI step that keeps them from rotting).
        print("Smoke run: the bars are not judged on its smaller data.")
        return 1 if broken else 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
