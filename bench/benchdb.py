"""The database a benchmark runs on, chosen by ``bench/run.py``.

Without ``BENCH_DATABASE_URL`` a benchmark builds a fresh SQLite file in its
temporary folder (the embedded default), with the cache and sessions in
memory. With it, the benchmark runs on that PostgreSQL database (``run.py``
creates an empty one for each benchmark and drops it afterwards) and, when
``BENCH_REDIS_URL`` is set, keeps the cache and sessions in Redis: production's
set-up (docs/operations.md).

A benchmark calls :func:`configure` before ``django.setup()`` and prints its
one-line summary with :func:`result`; ``run.py`` puts that line in its table.
"""

from __future__ import annotations

import os


def configure(tmp) -> dict[str, str]:
    """Point the settings at this benchmark's database and cache.

    Args:
        tmp: the benchmark's temporary folder (the SQLite file goes there).

    Returns:
        The environment variables set, for a server the benchmark starts.
    """
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings.test", "FLYWAY_VAR_DIR": str(tmp)}
    url = os.environ.get("BENCH_DATABASE_URL", "").strip()
    redis = os.environ.get("BENCH_REDIS_URL", "").strip()
    if url:
        env["DATABASE_URL"] = url
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    if url and redis:
        env["REDIS_URL"] = redis
    else:
        os.environ.pop("REDIS_URL", None)
    os.environ.update(env)
    return env


def vendor() -> str:
    """``"postgresql"`` or ``"sqlite"``: the database :func:`configure` chose."""
    return "postgresql" if os.environ.get("BENCH_DATABASE_URL", "").strip() else "sqlite"


def quick() -> bool:
    """True for a smoke run (``run.py --quick``): smaller data, figures not for the bars."""
    return bool(os.environ.get("BENCH_QUICK"))


def result(text: str) -> None:
    """Print the benchmark's summary line, the one ``run.py`` shows in its table."""
    print(f"RESULT: {text}", flush=True)
