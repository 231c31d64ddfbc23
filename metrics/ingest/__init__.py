"""Importing files into the store: the canonical CSV/XLSX/Parquet files of DATA_CONTRACT.md,
and any format a `metrics.sources` adapter recognises.

    import_paths(paths, db=None, *, user=None, origin="cli", progress=None) -> ImportReport
    check_paths(paths, db=None, *, progress=None) -> problems DataFrame (nothing written)

Pipeline (all in DuckDB): each file is found and read (files.py, readers.py) into text
staging tables (staging.py); the whole batch is validated in SQL against itself plus what
is stored (validate.py) into one problem table (problems.py); only when no error was found
is it upserted inside one `store.writer` (load.py), recorded in import_batches, and the
line facts refreshed.
`progress`, when given, is called as progress(label: str, fraction: float in [0, 1]).
"""
from __future__ import annotations

import getpass
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from metrics import facts, store
from metrics.exceptions import AbastoError, ImportRejected, NothingToImport
from metrics.ingest import load, problems, profile, readers, staging, validate
from metrics.ingest.files import stage_paths

# DuckDB's cap during an import. 1GB failed committing a 10M-line batch while orders and
# deliveries had primary-key indexes; since migration 11 it completes, at 1.52 GB peak but
# 122 s against 114 s at 1200MB (line facts 44 vs 40 s, rollups 21 vs 20): 1200MB peaks at 1.67 GB.
DEFAULT_MEMORY = "1200MB"


def _memory_limit() -> str:
    """$ABASTO_IMPORT_MEMORY (e.g. 2GB, 800MB) when well formed, else DEFAULT_MEMORY."""
    return store.memory_setting("ABASTO_IMPORT_MEMORY", DEFAULT_MEMORY)


@dataclass
class ImportReport:
    batch_id: int
    tables: dict[str, tuple[int, int]]          # table -> (added, updated)
    warnings: pd.DataFrame                      # kept warning rows (see problems.frame)
    files: list[dict]                           # file, sha256, table, rows, format, added, updated
    warning_counts: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def added(self) -> int:
        return sum(a for a, _ in self.tables.values())

    @property
    def updated(self) -> int:
        return sum(u for _, u in self.tables.values())


# ---------------------------------------------------------------- running

@contextmanager
def _memory_errors():
    """Running out of the memory cap while committing (the primary-key indexes are built in
    memory) is the user's to fix: say how. store.writer has discarded the copy by then."""
    try:
        yield
    except duckdb.OutOfMemoryException as exc:
        raise _out_of_memory(exc) from None


@contextmanager
def _spill_folder():
    """A private folder for DuckDB to spill to; removed after the connection is closed."""
    spill = tempfile.mkdtemp(prefix="abasto-import-")
    try:
        yield spill
    finally:
        shutil.rmtree(spill, ignore_errors=True)


def _tune(con, spill: str) -> None:
    con.execute(f"SET memory_limit = '{_memory_limit()}'")     # a checked size, see above
    con.execute(f"SET temp_directory = '{spill}'")         # mkdtemp's path: no quotes in it
    con.execute("SET preserve_insertion_order = true")     # CSV row numbers come from rowid
    con.execute("SET enable_progress_bar = false")         # the caller draws progress


def _validate(con, paths, progress, all_problems: bool = False) -> list[dict]:
    problems.create(con)
    problems.keep_all(con, all_problems)
    staging.create(con)
    validate.prepare(con)
    files = stage_paths(con, paths, progress)
    if progress:
        progress("checking", 0.6)
    validate.run(con, lambda label, f: progress(label, 0.6 + 0.25 * f) if progress else None)
    return files


def _frame_with_counts(con, files) -> pd.DataFrame:
    frame = problems.frame(con)
    frame.attrs["counts"] = problems.counts(con)
    frame.attrs["files"] = files
    return frame


def _internal(exc: duckdb.Error) -> AbastoError:
    if isinstance(exc, duckdb.OutOfMemoryException):
        return _out_of_memory(exc)
    return AbastoError(f"the import failed inside the database engine "
                       f"({readers.duck_message(exc)}); nothing was changed")


def _out_of_memory(exc: duckdb.Error) -> AbastoError:
    return AbastoError(f"the import needed more memory than it may use ({_memory_limit()}: "
                       f"{readers.duck_message(exc)}); nothing was changed. Allow more with the "
                       f"ABASTO_IMPORT_MEMORY variable (e.g. ABASTO_IMPORT_MEMORY=2GB), or "
                       f"import the files in smaller parts")


@contextmanager
def _check_connection(db):
    path = store.db_path(db)
    if path.exists():
        con = store.connect_read(path)
    else:
        con = duckdb.connect()
        store.migrate(con)
    try:
        yield con
    finally:
        con.close()


def check_paths(paths, db=None, *, progress=None, all_problems=False) -> pd.DataFrame:
    """Validate `paths` against the database without writing anything; return the problem
    frame (severity, file, row, column, value, problem, code). `frame.attrs` holds
    `counts` (true number of each problem) and `files` (file, table, rows, format, sha256).
    The frame keeps at most problems.CAP rows per file, column and kind unless
    `all_problems` (then every one: memory grows with them)."""
    with _spill_folder() as spill, _check_connection(db) as con:
        _tune(con, spill)
        try:
            files = _validate(con, paths, progress, all_problems)
            return _frame_with_counts(con, files)
        except duckdb.Error as exc:
            raise _internal(exc) from None


def _rejection(con, files) -> ImportRejected:
    frame = _frame_with_counts(con, files)
    errors = problems.error_count(con)
    bad_files = frame.loc[frame["severity"] == "error", "file"].nunique()
    listed = int((frame["severity"] == "error").sum())
    more = f" ({listed:,} listed in the problem table)" if listed < errors else ""
    return ImportRejected(f"import rejected: {errors:,} error(s){more} in {bad_files} file(s); "
                          f"nothing was written", frame)


def _empty_file(info: dict) -> str:
    """Why one file gave no row, by the format that read it (an adapter's name, files.py): a
    table file has a header and no rows; a source file's records were all skipped."""
    from metrics.sources import CompranetAdapter, OcdsAdapter    # (sources imports ingest)
    said = {OcdsAdapter.name: "{file} holds no contract or tender item that could be imported "
                              "(its warnings say what was skipped and why)",
            CompranetAdapter.name: "{file} holds no contract that could be imported (its "
                                   "warnings say what was skipped and why)"}
    return said.get(info.get("format"), "{file} has a header but no rows").format(file=info["file"])


def _nothing(con, files) -> NothingToImport:
    """No file of the batch holds a row: name them (their warnings ride along)."""
    names = [f["file"] for f in files]
    listed = ", ".join(names[:10]) + (f" and {len(names) - 10:,} more" if len(names) > 10 else "")
    if len(names) == 1:
        what = _empty_file(files[0])
    else:
        what = f"no file holds a row ({listed})"
    return NothingToImport(f"nothing to import: {what}; nothing was written",
                           _frame_with_counts(con, files))


def import_paths(paths, db=None, *, user=None, origin="cli", progress=None,
                 all_problems=False) -> ImportReport:
    """Validate and load `paths` (files and folders) as one all-or-nothing batch.
    `all_problems`: keep every problem row, not problems.CAP per file, column and kind."""
    started = datetime.now()
    profile.reset()
    if user is None:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = None
    with _memory_errors(), _spill_folder() as spill, store.writer(db) as con:
        _tune(con, spill)
        try:
            files = _validate(con, paths, progress, all_problems)
            if problems.error_count(con):
                raise _rejection(con, files)
            if not any(f["rows"] for f in files):
                raise _nothing(con, files)
            if progress:
                progress("writing", 0.85)
            batch_id = load.next_batch_id(con)
            per_table = load.load(con, batch_id)
            for info in files:
                info["added"] = sum(t.get(info["file"], (0, 0))[0] for t in per_table.values())
                info["updated"] = sum(t.get(info["file"], (0, 0))[1] for t in per_table.values())
            tables = {t: (sum(a for a, _ in per.values()), sum(u for _, u in per.values()))
                      for t, per in per_table.items()}
            if any(a or u for a, u in tables.values()):      # an unchanged batch leaves facts be
                if progress:
                    progress("refreshing line facts", 0.92)
                facts.refresh(con, batch_id=batch_id)
            warnings = problems.frame(con)
            warnings = warnings[warnings["severity"] == "warning"].reset_index(drop=True)
            load.record_batch(con, batch_id, started, user, origin, files, tables,
                              problems.warning_count(con))
            counts = problems.counts(con)
            report = ImportReport(batch_id, tables, warnings, files,
                                  counts[counts["severity"] == "warning"].reset_index(drop=True))
        except duckdb.Error as exc:
            if any(word in str(exc).lower() for word in store._FULL_DISK_WORDS):
                raise         # store.writer reports it as a full disk, in the user's terms
            raise _internal(exc) from None
        committing = profile.start("commit (checkpoint, switch)")
    committing()
    profile.report()
    if progress:
        progress("done", 1.0)
    return report
