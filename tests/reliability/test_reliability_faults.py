"""Faults around the store: imports while the dashboard reads, an import killed halfway,
damaged or foreign database files, and a disk that fills up during an import.

The promise (metrics/store.py): writers build a copy aside and rename it in; readers never
block and never see half an import; a failed or killed import leaves the live file exactly
as it was; errors are one clear line and exit code 1, never a traceback.
"""
from __future__ import annotations

import resource
import signal
import threading
import time
from pathlib import Path

import duckdb
import pytest

from metrics import store
from tests.ingest.ingest_helpers import copy_base
from tests.reliability.reliability_helpers import (abasto, big_folder, fingerprint, leftovers,
                                                   popen_abasto)

BIG = 60_000           # order lines of the generated import: a few seconds of work on 2 cores


@pytest.fixture
def based(db, tmp_path) -> Path:
    """The empty test database with the base fixture set imported (the 'before')."""
    result = abasto("import", "--db", db, "--quiet", copy_base(tmp_path / "base"))
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture
def big(tmp_path) -> Path:
    return big_folder(tmp_path / "big", BIG)


def _orders(cursor) -> int:
    return cursor.execute("SELECT count(*) FROM orders").fetchone()[0]


def test_readers_keep_answering_during_an_import_and_then_see_it(based, big):
    reader = store.Reader(based)
    before = _orders(reader.cursor())
    seen: dict[int, list[int]] = {}
    errors: list[BaseException] = []
    done = threading.Event()

    def read(n: int) -> None:
        counts = seen.setdefault(n, [])
        try:
            while True:
                finished = done.is_set()
                cur = reader.cursor()
                try:
                    counts.append(_orders(cur))
                    cur.execute("SELECT supplier_id, count(*) FROM line_facts GROUP BY ALL").fetchall()
                finally:
                    cur.close()
                if finished:
                    return
        except BaseException as exc:          # noqa: BLE001 - the test reports any failure
            errors.append(exc)

    threads = [threading.Thread(target=read, args=(n,)) for n in range(4)]
    for th in threads:
        th.start()
    proc = popen_abasto("import", "--db", based, "--quiet", big)
    out, err = proc.communicate(timeout=300)
    done.set()
    for th in threads:
        th.join(timeout=60)
    reader.close()
    assert proc.returncode == 0, err
    assert not errors, errors
    after = before + BIG
    for counts in seen.values():
        assert len(counts) >= 2
        assert set(counts) <= {before, after}             # never half an import
        assert counts == sorted(counts)                   # once new, never old again
        assert counts[-1] == after                        # the last read saw the import


@pytest.mark.parametrize("moment", ["copy", "wal"])
def test_an_import_killed_halfway_changes_nothing(based, big, moment):
    before = fingerprint(based)
    proc = popen_abasto("import", "--db", based, "--quiet", big)
    pattern = f".{based.name}.*.tmp" + (".wal" if moment == "wal" else "")
    deadline = time.monotonic() + 120
    while not list(based.parent.glob(pattern)):
        assert proc.poll() is None, f"the import ended before the moment to kill it: {proc.stderr.read()}"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert fingerprint(based) == before                  # row counts and checksums of every table
    assert leftovers(based)                              # the killed writer's copy is still there ...
    again = abasto("import", "--db", based, "--quiet", big)
    assert again.returncode == 0, again.stderr           # ... the lock died with it: next import works
    assert fingerprint(based)["orders"][0] == before["orders"][0] + BIG
    assert not leftovers(based)                          # and cleaned the stale copy up


def _no_traceback(result) -> None:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("content", [b"", b"not a database at all\n" * 100, bytes(range(256)) * 64,
                                     b"SQLite format 3\x00" + bytes(4096)])
@pytest.mark.parametrize("command", [["scores"], ["import", "IMPORT"], ["shortages"]])
def test_a_damaged_database_file_is_a_clear_message(tmp_path, content, command):
    bad = tmp_path / "abasto.duckdb"
    bad.write_bytes(content)
    args = [str(copy_base(tmp_path / "in")) if a == "IMPORT" else a for a in command]
    result = abasto(*args, "--db", bad, env={"ABASTO_CONFIG": str(tmp_path / "a.toml")})
    _no_traceback(result)
    assert str(bad) in result.stderr and "damaged or not a DuckDB file" in result.stderr
    assert bad.read_bytes() == content                    # left exactly as it was


@pytest.mark.parametrize("command", [["scores"], ["import", "IMPORT"]])
def test_a_foreign_duckdb_file_is_refused_and_left_alone(tmp_path, command):
    foreign = tmp_path / "other.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE invoices AS SELECT range AS id FROM range(10)")
    con.close()
    before = foreign.read_bytes()
    args = [str(copy_base(tmp_path / "in")) if a == "IMPORT" else a for a in command]
    result = abasto(*args, "--db", foreign, env={"ABASTO_CONFIG": str(tmp_path / "a.toml")})
    _no_traceback(result)
    assert "not an Abasto database" in result.stderr
    assert foreign.read_bytes() == before


def test_a_full_disk_during_an_import_is_reported_and_nothing_half_written_remains(based, big):
    """RLIMIT_FSIZE caps every file the import process writes (works unprivileged, in CI):
    the copy of the database fits, the import's growth does not. SIGXFSZ is ignored so the
    write fails with EFBIG like on a full disk instead of killing the process."""
    before = fingerprint(based)
    limit = based.stat().st_size + 256 * 1024

    def cap():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = abasto("import", "--db", based, "--quiet", big, preexec_fn=cap)
    _no_traceback(result)
    message = result.stderr.lower()
    assert "nothing was changed" in message
    assert "disk is full" in message                      # says why, in the user's terms
    assert fingerprint(based) == before
    assert not leftovers(based)                           # the writer removed its copy


def test_an_import_that_runs_out_of_its_memory_cap_says_how_to_allow_more(based, big):
    """DuckDB's cap during an import (ABASTO_IMPORT_MEMORY) is what a very large batch can
    hit (its primary-key indexes are built in memory at commit): one clear line naming the
    cap and the variable, and the database as it was."""
    before = fingerprint(based)
    result = abasto("import", "--db", based, "--quiet", big, env={"ABASTO_IMPORT_MEMORY": "4MB"})
    _no_traceback(result)
    assert result.returncode == 1
    message = result.stderr
    assert "needed more memory than it may use (4MB" in message
    assert "ABASTO_IMPORT_MEMORY" in message and "nothing was changed" in message
    assert fingerprint(based) == before
    assert not leftovers(based)
