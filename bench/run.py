"""Run every benchmark under bench/ (files named bench_*.py) and print their figures.

Each benchmark measures its subject against a baseline in the same run, because
this machine is shared and noisy: the figures are ratios, not wall-clock limits.
A benchmark exits non-zero when its bar is not met.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if len(sys.argv) > 1:
        scripts = [s for s in scripts if any(name in s.name for name in sys.argv[1:])]
    failures = []
    for script in scripts:
        print(f"\n=== {script.name}", flush=True)
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False)
        if result.returncode != 0:
            failures.append(script.name)
    print(f"\n{len(scripts) - len(failures)} benchmarks met their bar, {len(failures)} did not.")
    for name in failures:
        print(f"  not met: {name}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
