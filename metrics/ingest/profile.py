"""Step timings of an import, for finding where its time goes.

With ABASTO_IMPORT_PROFILE=1 (or `abasto import --profile`), every step the pipeline wraps
in `step(name)` is timed and the list is printed to stderr at the end of the import:
wall seconds per step, and the process's peak memory so far. Off, `step` costs nothing
measurable (one dictionary lookup).
"""
from __future__ import annotations

import os
import resource
import sys
import time
from contextlib import contextmanager

_steps: list[tuple[str, float, float, float]] = []   # (name, wall s, CPU s, peak MB at the end)
_forced = False


def enabled() -> bool:
    return _forced or os.environ.get("ABASTO_IMPORT_PROFILE", "") not in ("", "0")


def enable(on: bool = True) -> None:
    global _forced
    _forced = on


def _cpu() -> float:
    """CPU seconds of the process so far (every DuckDB thread included)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def step(name: str):
    if not enabled():
        yield
        return
    started, cpu = time.perf_counter(), _cpu()
    try:
        yield
    finally:
        _steps.append((name, time.perf_counter() - started, _cpu() - cpu, _peak_mb()))


def start(name: str):
    """For a step that ends outside a `with` block: call the returned function at its end."""
    started, cpu = time.perf_counter(), _cpu()

    def done() -> None:
        if enabled():
            _steps.append((name, time.perf_counter() - started, _cpu() - cpu, _peak_mb()))
    return done


def steps() -> list[tuple[str, float, float, float]]:
    return list(_steps)


def reset() -> None:
    _steps.clear()


def report(out=None) -> None:
    """Print the recorded steps (they stay readable through steps() until reset())."""
    if not enabled() or not _steps:
        return
    out = out or sys.stderr
    print(f"{'import step':<40} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}", file=out)
    for name, seconds, cpu, peak in _steps:
        print(f"{name:<40} {seconds:8.2f} {cpu:8.2f} {peak:8.0f}", file=out)
    print(f"{'(sum of steps)':<40} {sum(s[1] for s in _steps):8.2f} "
          f"{sum(s[2] for s in _steps):8.2f}", file=out)
