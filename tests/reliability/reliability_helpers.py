"""Shared pieces of the reliability tests: a generated import folder of any size (the base
fixture set plus N extra order lines with deliveries), the `abasto` command as a
subprocess, and a database's fingerprint read through a fresh read-only connection."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from metrics import store
from tests.ingest.ingest_helpers import copy_base

ABASTO = str(Path(sys.executable).with_name("abasto"))


def big_folder(folder: Path, lines: int, prefix: str = "G") -> Path:
    """The base set with `lines` more orders (and one delivery each) on contract C1."""
    copy_base(folder)
    start = date(2025, 1, 1)
    with open(folder / "orders.csv", "a", encoding="utf-8", newline="") as orders, \
            open(folder / "deliveries.csv", "a", encoding="utf-8", newline="") as deliveries:
        o, d = csv.writer(orders, lineterminator="\n"), csv.writer(deliveries, lineterminator="\n")
        for n in range(lines):
            day = start + timedelta(days=n % 500)
            o.writerow([f"{prefix}{n}", "C1", "010.000.0104.00", "U1" if n % 2 else "U2",
                        day.isoformat(), (day + timedelta(days=14)).isoformat(), 100 + n % 50, "false"])
            d.writerow([f"{prefix}D{n}", f"{prefix}{n}", (day + timedelta(days=10 + n % 9)).isoformat(),
                        100 + n % 50 - n % 3, n % 4 == 0 and 1 or 0, "", "", ""])
    return folder


def abasto(*args, env=None, preexec_fn=None, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([ABASTO, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, preexec_fn=preexec_fn)


def popen_abasto(*args, env=None, preexec_fn=None) -> subprocess.Popen:
    return subprocess.Popen([ABASTO, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, **(env or {})}, preexec_fn=preexec_fn)


def fingerprint(path: Path) -> dict:
    con = store._open_snapshot(Path(path)) if Path(path).exists() else None
    try:
        return store.fingerprint(con)
    finally:
        con.close()


def leftovers(path: Path) -> list[Path]:
    """Copies or WAL files a writer left beside the database."""
    return sorted(p for p in Path(path).parent.glob(f".{Path(path).name}.*.tmp*"))
