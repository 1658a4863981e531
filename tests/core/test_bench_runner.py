"""bench/run.py tells a benchmark that missed its bar from one that no longer runs.

CI runs the benchmarks as a smoke run (``--quick``, smaller data): it must fail
when a benchmark breaks, and only then, since small data answers no bar.
"""

import importlib.util
from pathlib import Path

RUN = Path(__file__).resolve().parents[2] / "bench" / "run.py"


def _runner():
    spec = importlib.util.spec_from_file_location("bench_run", RUN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_missed_bar_ran_and_a_crash_did_not(tmp_path, capsys):
    run = _runner()
    missed = tmp_path / "bench_missed.py"
    missed.write_text("import sys\nprint('RESULT: 1.5x (bar 1.3x)')\nsys.exit(1)\n")
    crashed = tmp_path / "bench_crashed.py"
    crashed.write_text("raise RuntimeError('a model field was renamed')\n")
    met = tmp_path / "bench_met.py"
    met.write_text("print('RESULT: 1.1x (bar 1.3x)')\n")

    outcomes = {path.stem: run.run_script(path, {}) for path in (missed, crashed, met)}

    assert (outcomes["bench_missed"].ran, outcomes["bench_missed"].met) == (True, False)
    assert outcomes["bench_missed"].cell() == "NOT met: 1.5x (bar 1.3x)"
    assert (outcomes["bench_crashed"].ran, outcomes["bench_crashed"].met) == (False, False)
    assert outcomes["bench_crashed"].cell().startswith("DID NOT RUN")
    assert (outcomes["bench_met"].ran, outcomes["bench_met"].met) == (True, True)
    assert "a model field was renamed" in capsys.readouterr().out
