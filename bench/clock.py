"""The clock a measured child process uses to time its own operation.

A case's time is the operation itself, after the interpreter started, the libraries were
imported and the database was opened: those fixed ~0.5 s would otherwise swamp a 50 ms
query. The child wraps its work in `timed()` (or calls `record`), and the times are written
as JSON to the file the harness names in $ABASTO_BENCH_TIMES when the child exits
(bench.common reads it; the process wall time is kept beside it).

Deliberately tiny and stdlib-only: it is imported by every measured child.
"""
from __future__ import annotations

import atexit
import json
import os
import time
from contextlib import contextmanager

ENV = "ABASTO_BENCH_TIMES"
_times: dict[str, list[float]] = {}


def record(name: str, seconds: float) -> None:
    """Add one timing under name (a child may time several things: each becomes a list)."""
    _times.setdefault(name, []).append(float(seconds))


@contextmanager
def timed(name: str = "op"):
    """with timed(): <the operation>  — records its wall time under name."""
    started = time.perf_counter()
    try:
        yield
    finally:
        record(name, time.perf_counter() - started)


def _write() -> None:
    path = os.environ.get(ENV)
    if path and _times:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(_times, handle)


atexit.register(_write)
