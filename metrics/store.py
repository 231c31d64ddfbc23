"""The DuckDB store: where the database is, how it is opened, and how it is changed safely.

Writes never touch the live file. A writer copies the database aside, changes the copy in
one process (under an exclusive lock file), checkpoints it and renames it over the original
(atomic on POSIX). So: readers (the dashboard, any number of processes) keep a read-only
connection and never block an import; an import killed at any point, or one that fails on a
full disk, leaves the live database exactly as it was; readers see the new data by reopening
when the file's identity changes (`Reader`).
"""
from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

from metrics import sqlfiles
from metrics.exceptions import DatabaseError

DEFAULT_DB = Path("data") / "abasto.duckdb"
SCHEMA_VERSION = sqlfiles.migrations()[-1][0]
LOCK_TIMEOUT_S = float(os.environ.get("ABASTO_LOCK_TIMEOUT", "600"))


def db_path(arg: str | os.PathLike | None = None) -> Path:
    """--db PATH, else $ABASTO_DB, else data/abasto.duckdb."""
    return Path(arg or os.environ.get("ABASTO_DB") or DEFAULT_DB)


def data_version(path: Path) -> tuple:
    """Changes whenever a writer switches in a new file: a cache key for readers."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return (0, 0)
    return (st.st_ino, st.st_mtime_ns)


# ---------------------------------------------------------------- schema

def schema_version(con) -> int | None:
    """Version of an open database; None when it holds no Abasto schema at all."""
    has = con.execute("SELECT count(*) FROM information_schema.tables "
                      "WHERE table_name = 'schema_version' AND table_schema = 'main' "
                      "AND table_catalog = current_database()").fetchone()[0]
    if not has:
        return None
    return con.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0


# Only the database file's own tables: temp tables (catalog `temp`, type LOCAL TEMPORARY) and
# attached databases live in other catalogs and must not make a file look foreign or non-empty.
_OWN_TABLES = ("FROM information_schema.tables WHERE table_schema = 'main' "
               "AND table_catalog = current_database() AND table_type = 'BASE TABLE'")


def _user_tables(con) -> int:
    return con.execute(f"SELECT count(*) {_OWN_TABLES}").fetchone()[0]


def _refreshes_facts(number: int) -> bool:
    """Migration 2 created line_facts; later ones that change it say `@refresh-line-facts`."""
    name = dict(sqlfiles.migrations())[number]
    return number == 2 or "@refresh-line-facts" in sqlfiles.load(f"migrations/{name}")


MIGRATE_MEMORY = "1200MB"   # as the importer's default cap (metrics.ingest.DEFAULT_MEMORY)


def _refreshes_rollups(number: int) -> tuple[str, ...]:
    """The rollup modules (metrics.rollups.MODULES) a migration changes: it says
    `@refresh-rollups` (all of them) or `@refresh-rollups: name name`."""
    from metrics import rollups
    name = dict(sqlfiles.migrations())[number]
    found = re.search(r"@refresh-rollups(?::([ \w]+))?", sqlfiles.load(f"migrations/{name}"))
    if not found:
        return ()
    return tuple(found.group(1).split()) if found.group(1) else rollups.MODULES


def migrate(con, path: Path | str = "database") -> list[int]:
    """Apply every migration newer than the database's version; return those applied."""
    version = schema_version(con)
    if version is None and _user_tables(con):
        raise DatabaseError(f"{path} is a DuckDB file but not an Abasto database "
                            f"(it has tables but no schema_version). Choose another --db.")
    version = version or 0
    if version > SCHEMA_VERSION:
        raise DatabaseError(f"{path} was written by a newer Abasto (schema {version}, this one "
                            f"knows {SCHEMA_VERSION}). Upgrade Abasto to open it.")
    applied = []
    for number, name in sqlfiles.migrations():
        if number <= version:
            continue
        con.execute(sqlfiles.load(f"migrations/{name}"))
        con.execute("INSERT INTO schema_version VALUES (?, ?)", [number, datetime.now()])
        applied.append(number)
    if version >= 1 and applied:
        # refreshing facts or rollups of a large database: bounded like an import (it spills)
        con.execute(f"SET memory_limit = '{MIGRATE_MEMORY}'")
        con.execute("SET enable_progress_bar = false")   # a dashboard or command opened it
    if version >= 1 and any(_refreshes_facts(n) for n in applied):
        # a migration created or changed line_facts: recompute it from the stored orders.
        from metrics import facts
        facts.refresh(con)
    elif version >= 1:
        from metrics import rollups
        changed = {m for n in applied for m in _refreshes_rollups(n)}
        if changed:
            rollups.refresh(con, modules=[m for m in rollups.MODULES if m in changed])
    return applied


# ---------------------------------------------------------------- writing

def _connect(path: Path, read_only: bool, shown: Path | None = None):
    """Open `path`; errors name `shown` (the user's database when `path` is a private link
    or copy of it), with the private file name replaced in DuckDB's own text too."""
    shown = shown or path
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        text = str(exc).splitlines()[0].replace(str(path), str(shown))
        if "lock" in text.lower():
            raise DatabaseError(f"{shown} is locked by another program ({text}).") from None
        raise DatabaseError(f"{shown} cannot be opened as an Abasto database: it is damaged or "
                            f"not a DuckDB file ({text}).") from None


@contextmanager
def _exclusive(path: Path):
    """One writer per database: an flock on PATH.lock, waited for up to LOCK_TIMEOUT_S."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + ".lock")
    with open(lock_path, "a+") as handle:
        deadline = time.monotonic() + LOCK_TIMEOUT_S
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise DatabaseError(f"{path}: another import has held the database for over "
                                        f"{LOCK_TIMEOUT_S:.0f} s; try again later.") from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _aside(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")


def _remove_stale(path: Path) -> None:
    """Copies left by writers that were killed (only called while holding the lock), with
    their WAL files and DuckDB's spill folders (`.<db>.<pid>.<tid>.tmp.tmp/`)."""
    for stale in path.parent.glob(f".{path.name}.*.tmp*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)


_FULL_DISK_WORDS = ("space", "disk", "file too large", "quota")


def disk_full(message: str) -> bool:
    """Whether a DuckDB error text means the disk (or a file-size limit, EFBIG: "File too
    large") stopped a write."""
    return any(w in message.lower() for w in _FULL_DISK_WORDS)


@contextmanager
def writer(path: Path | str | None = None, *, fresh: bool = False):
    """A read-write connection to a private copy of the database, switched in on success.

    `fresh=True` starts from an empty database instead of a copy (used by `abasto demo`).
    On any exception the copy is discarded and the live database is untouched.
    """
    path = db_path(path)
    with _exclusive(path):
        _remove_stale(path)
        tmp = _aside(path)
        try:
            if path.exists() and not fresh:
                if path.with_name(path.name + ".wal").exists():
                    # a WAL beside the live file: fold it in first so the copy is complete
                    _connect(path, read_only=False).close()
                shutil.copyfile(path, tmp)
            con = _connect(tmp, read_only=False, shown=path)
            try:
                migrate(con, path)
                yield con
                con.execute("CHECKPOINT")
            finally:
                con.close()
            _fsync(tmp)
            os.replace(tmp, path)
            _fsync(path.parent)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
                raise DatabaseError(f"{path}: the disk is full ({exc.strerror}); nothing was "
                                    f"changed.") from None
            raise DatabaseError(f"{path}: could not write the database ({exc.strerror or exc}); "
                                f"nothing was changed.") from None
        except duckdb.Error as exc:
            message = str(exc).splitlines()[0]
            if disk_full(message):
                raise DatabaseError(f"{path}: the disk is full ({message}); nothing was changed."
                                    ) from None
            raise
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
                leftover.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ---------------------------------------------------------------- reading

def ensure_current(path: Path | str | None = None) -> Path:
    """Create the database if missing, migrate it if older; return its path."""
    path = db_path(path)
    if not path.exists():
        with writer(path):
            pass
        return path
    con = _open_snapshot(path)
    try:
        version = schema_version(con)
        if version is None and _user_tables(con):
            raise DatabaseError(f"{path} is a DuckDB file but not an Abasto database. "
                                f"Choose another --db.")
    finally:
        con.close()
    if version is None or version < SCHEMA_VERSION:
        with writer(path):
            pass
    elif version > SCHEMA_VERSION:
        raise DatabaseError(f"{path} was written by a newer Abasto (schema {version}). "
                            f"Upgrade Abasto to open it.")
    return path


def system_arrow_pool() -> None:
    """Arrow allocates from the system allocator in this process from now on.

    Arrow's default pool (mimalloc) reserves memory per thread that it keeps: converting the
    few megabytes of a scorecard's query results cost ~20 MB of peak memory (at 10M lines
    the all-supplier scorecard: +139 MB above the opened database with mimalloc, +115–124 MB
    with the system pool). Set before the first query of a read connection."""
    import pyarrow
    if pyarrow.default_memory_pool().backend_name != "system":
        pyarrow.set_memory_pool(pyarrow.system_memory_pool())


def _open_snapshot(path: Path):
    """Read-only connection to the file now at `path`, through a private hard link.

    DuckDB caches database instances by path within a process, so reopening `path` after a
    writer switched files would hand back the old instance. A fresh link name per open gives
    the current file; the link is removed at once (the open file stays readable).
    """
    for stale in path.parent.glob(f".{path.name}.*.ro"):
        try:
            if time.time() - stale.stat().st_mtime > 60:
                stale.unlink(missing_ok=True)
        except OSError:
            pass
    system_arrow_pool()
    link = path.with_name(f".{path.name}.{uuid.uuid4().hex}.ro")
    try:
        os.link(path, link)
    except OSError:          # a filesystem without hard links: open the path itself
        return _connect(path, read_only=True)
    try:
        return _connect(link, read_only=True, shown=path)
    finally:
        link.unlink(missing_ok=True)


def connect_read(path: Path | str | None = None):
    """A read-only connection to a current database (created or migrated first if needed)."""
    path = ensure_current(path)
    return _open_snapshot(path)


def connect_existing(arg: Path | str | None = None):
    """connect_read for the commands that only report: a clear error when there is no
    database at --db / $ABASTO_DB yet, instead of creating an empty one and reporting
    nothing (a mistyped path looked like a database without data)."""
    path = db_path(arg)
    if not path.exists():
        raise DatabaseError(f"{path} does not exist: import data first (`abasto import FILES`) "
                            f"or build a demo (`abasto demo`), or point --db at a database.")
    return connect_read(path)


READ_MEMORY = "1GB"


def memory_setting(variable: str, default: str) -> str:
    """$<variable> (a DuckDB memory size such as 2GB or 800MB) when well formed, else
    `default`: safe to put into a SET statement."""
    value = os.environ.get(variable, default).strip()
    return value if re.fullmatch(r"\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)", value, re.I) else default


def read_memory() -> str:
    """The dashboard's DuckDB cap: $ABASTO_READ_MEMORY, else READ_MEMORY."""
    return memory_setting("ABASTO_READ_MEMORY", READ_MEMORY)


def _read_spill_folder() -> str:
    """Where the dashboard's queries spill beyond the cap: one folder per user and process's
    temp dir (DuckDB removes its files when the connection closes)."""
    import tempfile
    folder = Path(tempfile.gettempdir()) / f"abasto-read-{os.getpid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return str(folder)


class Reader:
    """A process-wide read-only connection that follows the live file.

    `cursor()` gives a fresh cursor per query/thread; when a writer has switched in a new file
    since the connection was opened, the connection is reopened first.
    """

    def __init__(self, path: Path | str | None = None, memory: str | None = None):
        self.path = db_path(path)
        self._lock = threading.Lock()
        self._con = None
        self._version = None
        # DuckDB's cap for the queries of every session together (else 80% of the RAM,
        # which concurrent sessions' cached blocks fill); beyond it they spill to disk
        self.memory = memory or read_memory()

    @property
    def version(self) -> tuple:
        return data_version(self.path)

    def cursor(self):
        with self._lock:
            current = data_version(self.path)
            if self._con is None or current != self._version:
                old = self._con
                self._con = connect_read(self.path)
                self._con.execute(f"SET memory_limit = '{self.memory}'")   # a checked size
                self._con.execute("SET temp_directory = $t", {"t": _read_spill_folder()})
                self._version = data_version(self.path)
                if old is not None:
                    try:
                        old.close()
                    except duckdb.Error:
                        pass
            return self._con.cursor()

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


# ---------------------------------------------------------------- inspection

DATA_TABLES = ("suppliers", "institutions", "units", "items", "contracts", "contract_items",
               "orders", "deliveries", "penalties", "tender_items", "prescriptions")


def fingerprint(con) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent checksum of every table (tests use it to prove
    that a failed import changed nothing)."""
    out = {}
    tables = [r[0] for r in con.execute(
        f"SELECT table_name {_OWN_TABLES} ORDER BY table_name").fetchall()]
    for table in tables:
        rows, digest = con.execute(
            f'SELECT count(*), coalesce(sum(hash(t)::HUGEINT), 0)::VARCHAR FROM "{table}" t').fetchone()
        out[table] = (rows, digest)
    return out
