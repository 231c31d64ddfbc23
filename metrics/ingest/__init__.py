"""Importing files into the store: the canonical CSV/XLSX/Parquet files of DATA_CONTRACT.md,
and any format a `metrics.sources` adapter recognises.

    import_paths(paths, db=None, *, user=None, origin="cli", progress=None) -> ImportReport
    check_paths(paths, db=None, *, progress=None) -> problems DataFrame (nothing written)

Pipeline (all in DuckDB): each file is read into text staging tables (staging.py), the
whole batch is validated in SQL against itself plus what is stored (validate.py) into one
problem table (problems.py); only when no error was found is it upserted inside one
`store.writer` (load.py), recorded in import_batches, and the line facts refreshed.
`progress`, when given, is called as progress(label: str, fraction: float in [0, 1]).
"""
from __future__ import annotations

import getpass
import hashlib
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from metrics import facts, sources, store
from metrics.exceptions import AbastoError, ImportRejected
from metrics.ingest import contract, load, problems, readers, staging, validate

MEMORY_LIMIT = os.environ.get("ABASTO_IMPORT_MEMORY", "1GB")
SKIPPED_IN_FOLDERS = {".md", ".rst", ".html", ".pdf", ".png", ".jpg", ".duckdb", ".wal", ".lock"}


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


# ---------------------------------------------------------------- files

def _wanted_in_folder(path: Path) -> bool:
    name = path.name
    return not (name.startswith((".", "~$")) or path.suffix.lower() in SKIPPED_IN_FOLDERS
                or name.lower().startswith("readme"))


def discover(paths) -> tuple[list[tuple[str, Path]], list[tuple]]:
    """(display name, path) of every file named or inside a named folder; problems
    (severity, file, problem) for paths that do not exist or folders with nothing to read."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    found: list[tuple[str, Path]] = []
    notes: list[tuple] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file()
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
            chosen = [p for p in inside if _wanted_in_folder(p)]
            if not chosen:
                notes.append(("error", str(given), "the folder holds no file to import"))
            found += [(str(p.relative_to(path)), p) for p in chosen]
        elif path.is_file():
            found.append((path.name, path))
        elif path.exists():
            notes.append(("error", str(given), "not a regular file or folder"))
        else:
            notes.append(("error", str(given), "no such file or folder"))
    names = [name for name, _ in found]
    found = [(str(p) if names.count(name) > 1 else name, p) for name, p in found]
    return found, notes


def sha256(path: Path, progress=None) -> str:
    digest = hashlib.sha256()
    size = max(path.stat().st_size, 1)
    done = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(8 * 1024 * 1024):
            digest.update(chunk)
            done += len(chunk)
            if progress:
                progress(done / size)
    return digest.hexdigest()


# ---------------------------------------------------------------- headers

def identify(headers: list[str]) -> tuple[str | None, str]:
    """The table whose required columns all appear in `headers` (most columns matched);
    (None, why) when none or several fit equally."""
    keys = {contract.norm_header(h) for h in headers if h}
    scored = []
    for tbl in contract.TABLES:
        lookup = contract.header_lookup(tbl)
        matched = {lookup[k] for k in keys if k in lookup}
        if set(tbl.required) <= matched:
            scored.append((len(matched), tbl.name))
    if not scored:
        return None, ("cannot tell which table this file holds: name the file after its table "
                      "(orders.csv, contratos.xlsx, entregas_2025-03.csv ...) or use the column "
                      "names of docs/import-format.md")
    scored.sort(reverse=True)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None, (f"the header fits both {scored[0][1]} and {scored[1][1]}: "
                      f"name the file after its table")
    return scored[0][1], ""


def map_header(con, tbl: contract.Table, file: str, headers: list[str]):
    """Canonical column of each header cell; records header problems. -> (mapping, extras)."""
    lookup = contract.header_lookup(tbl)
    mapping: dict[int, str] = {}
    extras: dict[int, str] = {}
    seen: dict[str, str] = {}
    for i, header in enumerate(headers):
        canonical = lookup.get(contract.norm_header(header)) if header.strip() else None
        if canonical is None:
            extras[i] = header.strip() or f"column {i + 1}"
            problems.add(con, "warning", file, 1, extras[i], header,
                         f"column '{extras[i]}' is not part of the {tbl.name} format: "
                         f"kept in the extra field", "extra_column")
        elif canonical in seen:
            problems.add(con, "error", file, 1, canonical, header,
                         f"columns '{seen[canonical]}' and '{header}' both mean {canonical}",
                         "duplicate_column")
        else:
            seen[canonical] = header
            mapping[i] = canonical
    for name in tbl.required:
        if name not in seen:
            col = tbl.column(name)
            accepted = ", ".join([col.name, *col.aliases])
            problems.add(con, "error", file, 1, name, None,
                         f"required column {name} is missing from the {tbl.name} file "
                         f"(accepted headers: {accepted})", "missing_column")
            con.execute("INSERT INTO absent_columns VALUES ($f, $t, $c)",
                        {"f": file, "t": tbl.name, "c": name})
    return mapping, extras


# ---------------------------------------------------------------- staging a file

def _staged_counts(con) -> dict[str, int]:
    return {t.name: con.execute(f"SELECT count(*) FROM stg_{t.name}").fetchall()[0][0]
            for t in contract.TABLES}


def _stage_canonical(con, name: str, path: Path, info: dict) -> None:
    hint = contract.table_for_name(path.stem)
    try:
        source = readers.read(con, path, hint)
    except readers.Unreadable as exc:
        problems.add(con, "error", name, None, None, None, str(exc), "unreadable")
        return
    try:
        info["format"] = source.format + (f", sheet '{source.sheet}'" if source.sheet else "")
        for row, column, value, problem, code in source.problems:
            problems.add(con, "error", name, row, column, value, problem, code)
        table = hint
        if table is None:
            table, why = identify(source.headers)
            if table is None:
                problems.add(con, "error", name, 1, None, ", ".join(source.headers)[:200], why,
                             "unknown_table")
                return
        info["table"] = table
        mapping, extras = map_header(con, contract.table(table), name, source.headers)
        info["rows"] = staging.insert(con, table, name, source.sql, mapping, extras,
                                      source.row_expr, source.where, source.params)
        if info["rows"] == 0 and not source.problems:
            problems.add(con, "warning", name, None, None, None, "the file has a header but no rows",
                         "no_rows")
    except duckdb.Error as exc:
        problems.add(con, "error", name, None, None, None,
                     f"cannot read the file: {readers._duck_message(exc)}", "unreadable")
    finally:
        readers.drop(con, source)


def _stage_adapter(con, name: str, path: Path, adapter, info: dict) -> None:
    before = _staged_counts(con)
    try:
        adapter.stage(con, path)
    except AbastoError as exc:
        problems.add(con, "error", name, None, None, None, str(exc), "unreadable")
    after = _staged_counts(con)
    grown = {t: after[t] - before[t] for t in after if after[t] > before[t]}
    info["format"] = getattr(adapter, "name", type(adapter).__name__)
    info["table"] = ", ".join(grown) or None
    info["rows"] = sum(grown.values())


def stage_paths(con, paths, progress=None) -> list[dict]:
    """Read every file into the staging tables; return per-file info for lineage."""
    found, notes = discover(paths)
    for severity, file, problem in notes:
        problems.add(con, severity, file, None, None, None, problem, "no_file")
    total = sum(p.stat().st_size for _, p in found) or 1
    done = 0
    files, seen = [], {}
    for name, path in found:
        size = path.stat().st_size

        def tick(fraction, _done=done, _size=size, _name=name):
            if progress:
                progress(f"reading {_name}", 0.6 * (_done + 0.3 * fraction * _size) / total)

        info = {"file": name, "sha256": sha256(path, tick), "table": None, "rows": 0, "format": None}
        if info["sha256"] in seen:
            problems.add(con, "warning", name, None, None, None,
                         f"same content as {seen[info['sha256']]}: read once", "same_file")
            done += size
            continue
        seen[info["sha256"]] = name
        tick(1.0)
        try:
            adapter = sources.detect(path)
        except AbastoError as exc:
            problems.add(con, "error", name, None, None, None, str(exc), "unreadable")
            adapter = None
            files.append(info)
            done += size
            continue
        if adapter is not None:
            _stage_adapter(con, name, path, adapter, info)
        elif readers.kind(path) is None:
            problems.add(con, "error", name, None, None, None,
                         f"unknown file type '{path.suffix or '(none)'}': use .csv, .xlsx or "
                         f".parquet (or a format Abasto recognises, such as OCDS JSON)", "unknown_type")
        else:
            _stage_canonical(con, name, path, info)
        files.append(info)
        done += size
        if progress:
            progress(f"read {name}", 0.6 * done / total)
    return files


# ---------------------------------------------------------------- running

@contextmanager
def _spill_folder():
    """A private folder for DuckDB to spill to; removed after the connection is closed."""
    spill = tempfile.mkdtemp(prefix="abasto-import-")
    try:
        yield spill
    finally:
        shutil.rmtree(spill, ignore_errors=True)


def _tune(con, spill: str) -> None:
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute(f"SET temp_directory = '{spill}'")         # mkdtemp's path: no quotes in it
    con.execute("SET preserve_insertion_order = true")     # CSV row numbers come from rowid
    con.execute("SET enable_progress_bar = false")         # the caller draws progress


def _validate(con, paths, progress) -> list[dict]:
    problems.create(con)
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
    return AbastoError(f"the import failed inside the database engine "
                       f"({readers._duck_message(exc)}); nothing was changed")


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


def check_paths(paths, db=None, *, progress=None) -> pd.DataFrame:
    """Validate `paths` against the database without writing anything; return the problem
    frame (severity, file, row, column, value, problem, code). `frame.attrs` holds
    `counts` (true number of each problem) and `files` (file, table, rows, format, sha256)."""
    with _spill_folder() as spill, _check_connection(db) as con:
        _tune(con, spill)
        try:
            files = _validate(con, paths, progress)
            return _frame_with_counts(con, files)
        except duckdb.Error as exc:
            raise _internal(exc) from None


def _rejection(con, files) -> ImportRejected:
    frame = _frame_with_counts(con, files)
    errors = problems.error_count(con)
    bad_files = frame.loc[frame["severity"] == "error", "file"].nunique()
    shown = int((frame["severity"] == "error").sum())
    more = f" ({shown:,} shown)" if shown < errors else ""
    return ImportRejected(f"import rejected: {errors:,} error(s){more} in {bad_files} file(s); "
                          f"nothing was written", frame)


def import_paths(paths, db=None, *, user=None, origin="cli", progress=None) -> ImportReport:
    """Validate and load `paths` (files and folders) as one all-or-nothing batch."""
    started = datetime.now()
    if user is None:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = None
    with _spill_folder() as spill, store.writer(db) as con:
        _tune(con, spill)
        try:
            files = _validate(con, paths, progress)
            if problems.error_count(con):
                raise _rejection(con, files)
            if not any(f["rows"] for f in files):
                raise AbastoError("nothing to import: the files hold no rows")
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
            raise _internal(exc) from None
    if progress:
        progress("done", 1.0)
    return report
