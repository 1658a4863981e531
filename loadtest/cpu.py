"""CPU seconds spent so far by the load test's server processes, from /proc.

``python loadtest/cpu.py PORT DB`` prints two numbers: the CPU seconds (user +
system) of the gunicorn processes serving PORT and of the PostgreSQL backends
connected to database DB. Taken before and after the run, the difference divided
by the requests served is what one request costs, whatever else runs on the
machine: a figure other engineers' work does not change, unlike the latencies.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: str) -> float:
    """User and system CPU of ``pid`` and of its children that have ended.

    gunicorn replaces a worker after ``max_requests`` (gunicorn.conf.py): the
    ended worker's CPU is then only in its master's cutime and cstime.
    """
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(fields[i]) for i in (11, 12, 13, 14)) / TICKS  # utime, stime, cutime, cstime


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
    return gunicorn, postgres


if __name__ == "__main__":
    g, p = cpu(sys.argv[1], sys.argv[2])
    print(f"{g:.2f} {p:.2f}")
