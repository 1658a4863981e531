"""CPU seconds spent so far by the load test's server processes, from /proc.

``python loadtest/cpu.py PORT DB`` prints two numbers: the CPU seconds (user +
system) of the gunicorn processes serving PORT and of the PostgreSQL backends
connected to database DB, with those that ended (counted in the postmaster,
with any other database's on the same server: run it on a quiet machine).
Taken before and after the run, the difference divided by the requests served
is what one request costs, whatever else runs on the machine: a figure other
engineers' work does not change, unlike the latencies.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: str, *, own: bool = True) -> float:
    """User and system CPU of ``pid`` (unless ``own`` is false) and of its children
    that have ended.

    gunicorn replaces a worker after ``max_requests`` (gunicorn.conf.py): the
    ended worker's CPU is then only in its master's cutime and cstime. So is a
    PostgreSQL backend's once its connection closes (Django keeps one for 60 s,
    ``CONN_MAX_AGE``): that is in the postmaster's.
    """
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    indices = (11, 12, 13, 14) if own else (13, 14)  # utime, stime, cutime, cstime
    return sum(int(fields[i]) for i in indices) / TICKS


def cpu(port: str, database: str) -> tuple[float, float]:
    gunicorn = postgres = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            seconds = _cpu_seconds(entry.name)
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        environ = ""
        if "gunicorn" in cmdline:
            try:
                environ = (entry / "environ").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if f"GUNICORN_BIND=127.0.0.1:{port}\0" in environ:
                gunicorn += seconds
        elif cmdline.startswith("postgres: ") and f" {database} " in cmdline:
            postgres += seconds
        elif "bin/postgres " in cmdline and " -D " in cmdline:
            # The postmaster: the backends that ended (of any database on this
            # server, and its autovacuum workers: on a quiet machine, the run's).
            try:
                postgres += _cpu_seconds(entry.name, own=False)
            except (OSError, IndexError, ValueError):
                continue
    return gunicorn, postgres


if __name__ == "__main__":
    g, p = cpu(sys.argv[1], sys.argv[2])
    print(f"{g:.2f} {p:.2f}")
