"""The files of a batch: finding them, telling which table each holds, reading it into the
staging tables (canonical files through readers.py, other formats through their
metrics.sources adapter), and what lineage records about each (sha256, table, rows, format).
"""
from __future__ import annotations

import hashlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

from metrics import sources
from metrics.exceptions import AbastoError
from metrics.ingest import contract, headerless, problems, profile, readers, staging
from metrics.ingest.profile import step

SKIPPED_IN_FOLDERS = {".md", ".rst", ".html", ".pdf", ".png", ".jpg", ".duckdb", ".wal", ".lock"}


def _wanted_in_folder(path: Path) -> bool:
    name = path.name
    return not (name.startswith((".", "~$")) or path.suffix.lower() in SKIPPED_IN_FOLDERS
                or name.lower().startswith("readme"))


def _broken_link(path: Path) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return f"a link to {target}, which does not exist (moved or deleted?)"


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
            inside, broken = [], []
            for p in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in p.relative_to(path).parts) \
                        or not _wanted_in_folder(p):
                    continue
                if p.is_file():
                    inside.append(p)
                elif p.is_symlink() and not p.exists():     # a link to nothing: never skipped
                    broken.append(p)
            for p in broken:
                notes.append(("error", str(p), _broken_link(p)))
            if not inside and not broken:
                notes.append(("error", str(given), "the folder holds no file to import"))
            found += [(str(p.relative_to(path)), p) for p in inside]
        elif path.is_file():
            found.append((path.name, path))
        elif path.is_symlink():
            notes.append(("error", str(given), _broken_link(path)))
        elif path.exists():
            notes.append(("error", str(given), "not a regular file or folder"))
        else:
            notes.append(("error", str(given), "no such file or folder"))
    names = [name for name, _ in found]
    found = [(str(p) if names.count(name) > 1 else name, p) for name, p in found]
    return found, notes


def sha256(path: Path, progress=None, also=None, stop: threading.Event | None = None) -> str:
    """The file's SHA-256; `also(chunk)`, when given, sees every chunk too (one read).
    `stop`, when set (from another thread), abandons the read: the result is then meaningless."""
    digest = hashlib.sha256()
    size = max(path.stat().st_size, 1)
    done = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(8 * 1024 * 1024):
            if stop is not None and stop.is_set():
                break
            digest.update(chunk)
            if also:
                also(chunk)
            done += len(chunk)
            if progress:
                progress(done / size)
    return digest.hexdigest()


def fingerprint(path: Path, stop: threading.Event | None = None) -> tuple[str, bool | None]:
    """(sha256, whether a CSV has an inner blank line; None for other kinds): one read."""
    blank_scan = readers.BlankLineScan() if readers.kind(path) == "csv" else None
    digest = sha256(path, also=blank_scan.feed if blank_scan else None, stop=stop)
    return digest, (blank_scan.found if blank_scan else None)


class Fingerprints:
    """Fingerprints of the batch's files computed in one background thread, in order, while
    DuckDB reads earlier files (hashlib and file reads release the GIL, and so does DuckDB):
    at 10M lines the hashing no longer adds its seconds to the import. Each file's digest is
    still known before the file is read, so a repeated file is skipped unread as before.
    Use as a context manager; leaving it stops the thread after its current chunk."""

    def __init__(self, paths: list[Path]):
        self._paths = paths
        self._stop = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="abasto-sha256")
        self._futures = []

    def __enter__(self):
        self._futures = [self._pool.submit(fingerprint, p, self._stop) for p in self._paths]
        return self

    def ready(self, index: int) -> bool:
        return self._futures[index].done()

    def get(self, index: int) -> tuple[str, bool | None]:
        """The index-th file's fingerprint; raises the OSError its read raised."""
        return self._futures[index].result()

    def __exit__(self, *exc):
        self._stop.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
        return False


# ---------------------------------------------------------------- headers

def _fitting(headers: list[str]) -> dict[str, int]:
    """Tables whose required columns all appear in `headers`, with how many columns matched."""
    keys = {contract.norm_header(h) for h in headers if h}
    fits = {}
    for tbl in contract.TABLES:
        lookup = contract.header_lookup(tbl)
        matched = {lookup[k] for k in keys if k in lookup}
        if set(tbl.required) <= matched:
            fits[tbl.name] = len(matched)
    return fits


def identify(headers: list[str]) -> tuple[str | None, str]:
    """The table whose required columns all appear in `headers` (most columns matched);
    (None, why) when none or several fit equally."""
    scored = sorted(((n, name) for name, n in _fitting(headers).items()), reverse=True)
    if not scored:
        return None, ("cannot tell which table this file holds: name the file after its table "
                      "(orders.csv, contratos.xlsx, entregas_2025-03.csv ...) or use the column "
                      "names of docs/import-format.md")
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None, (f"the header fits both {scored[0][1]} and {scored[1][1]}: "
                      f"name the file after its table")
    return scored[0][1], ""


def map_header(con, tbl: contract.Table, file: str, headers: list[str], header_row: int = 1):
    """Canonical column of each header cell; records header problems at `header_row` (a
    sheet's own row when its table starts lower down). -> (mapping, extras)."""
    lookup = contract.header_lookup(tbl)
    mapping: dict[int, str] = {}
    extras: dict[int, str] = {}
    seen: dict[str, str] = {}
    named = {lookup.get(contract.norm_header(h)) for h in headers if h.strip()}
    if not set(tbl.required) <= named and headerless.data_cells(headers):
        return _no_header(con, tbl, file, headers, header_row)
    for i, header in enumerate(headers):
        canonical = lookup.get(contract.norm_header(header)) if header.strip() else None
        if canonical is None:
            extras[i] = header.strip() or f"column {i + 1}"
            problems.add(con, "warning", file, header_row, extras[i], header,
                         f"column '{extras[i]}' is not part of the {tbl.name} format: "
                         f"kept in the extra field", "extra_column")
        elif canonical in seen:
            problems.add(con, "error", file, header_row, canonical, header,
                         f"columns '{seen[canonical]}' and '{header}' both mean {canonical}",
                         "duplicate_column")
        else:
            seen[canonical] = header
            mapping[i] = canonical
    for name in tbl.required:
        if name not in seen:
            col = tbl.column(name)
            accepted = ", ".join([col.name, *col.aliases])
            problems.add(con, "error", file, header_row, name, None,
                         f"required column {name} is missing from the {tbl.name} file "
                         f"(accepted headers: {accepted})", "missing_column")
            con.execute("INSERT INTO absent_columns VALUES ($f, $t, $c)",
                        {"f": file, "t": tbl.name, "c": name})
    return mapping, extras


def _no_header(con, tbl: contract.Table, file: str, headers: list[str], header_row: int):
    """A first row of data read as the header: one error saying so (not a warning per cell
    and an error per missing column); every cell goes to extra, and the required columns
    count as absent, so the rows are not each reported empty."""
    problems.add(con, "error", file, header_row, None, ", ".join(headers)[:200],
                 headerless.problem(headers, tbl), "no_header")
    for name in tbl.required:
        con.execute("INSERT INTO absent_columns VALUES ($f, $t, $c)",
                    {"f": file, "t": tbl.name, "c": name})
    return {}, {i: f"column {i + 1}" for i in range(len(headers))}


# ---------------------------------------------------------------- staging a file

def _staged_counts(con) -> dict[str, int]:
    return {t.name: con.execute(f"SELECT count(*) FROM stg_{t.name}").fetchall()[0][0]
            for t in contract.TABLES}


def _unexpected(exc: Exception) -> str:
    """A reader's unforeseen failure, as one line for the problem table (never a traceback)."""
    lines = str(exc).strip().splitlines()
    detail = f": {lines[0][:200]}" if lines else ""
    return f"cannot read the file ({type(exc).__name__}{detail})"


def _stage_csv_direct(con, name: str, path: Path, info: dict, hint: str | None,
                      accept=None) -> bool:
    """Stage a CSV straight from the parser (readers.read_csv_direct) inside a transaction;
    True when done. Anything unusual (a rejected line, an error, an unknown table, `accept()`
    saying no or raising) rolls it all back (staged rows, problems) and returns False: the
    general path then reads the file again and reports exactly what it always reported."""
    try:
        con.execute("BEGIN TRANSACTION")
    except duckdb.TransactionException:      # the caller's own transaction: take the general path
        return False
    try:
        source = readers.read_csv_direct(con, path)
        table = hint or identify(source.headers)[0]
        if table is not None:
            mapping, extras = map_header(con, contract.table(table), name, source.headers)
            rows = staging.insert(con, table, name, source.sql, mapping, extras,
                                  source.row_expr, source.where, source.params)
            if not readers.rejected_any(con) and (accept is None or accept()):
                info.update(format=source.format, table=table, rows=rows)
                if rows == 0:
                    problems.add(con, "warning", name, None, None, None,
                                 "the file has a header but no rows", "no_rows")
                readers.drop(con, source)
                con.execute("COMMIT")
                return True
    except duckdb.OutOfMemoryException:
        con.execute("ROLLBACK")
        raise      # the memory cap, not the file: the import says how to allow more
    except Exception:        # noqa: BLE001 - the general path reads the file again and reports it
        pass
    con.execute("ROLLBACK")
    return False


def _read_while_hashing(con, name: str, path: Path, info: dict, prints: Fingerprints,
                        index: int, seen: dict) -> bool:
    """Stage a CSV whose fingerprint is not ready yet straight away (_stage_csv_direct), so
    that hashing it overlaps reading it; the fingerprint is awaited before committing, and a
    file with the content of an earlier one, or with an inner blank line, is rolled back and
    left to the general path (which skips it, or reads it the general way). True when staged."""
    try:
        if sources.detect(path) is not None:
            return False
    except AbastoError:
        return False
    reading = profile.start(f"read {name}")

    def accept() -> bool:
        reading()                                   # the read ends where the wait begins
        with step(f"sha256 {name}"):
            digest, inner_blank = prints.get(index)
        return digest not in seen and inner_blank is False

    return _stage_csv_direct(con, name, path, info, contract.table_for_name(path.stem), accept)


def _stage_canonical(con, name: str, path: Path, info: dict, inner_blank: bool | None = None,
                     tried_direct: bool = False) -> None:
    hint = contract.table_for_name(path.stem)
    if inner_blank is False and not tried_direct and readers.kind(path) == "csv" \
            and _stage_csv_direct(con, name, path, info, hint):
        return
    try:
        sources = readers.read(con, path, hint, inner_blank)
    except readers.Unreadable as exc:
        problems.add(con, "error", name, None, None, None, str(exc), "unreadable")
        return
    except duckdb.OutOfMemoryException:
        raise      # the memory cap, not the file: the import says how to allow more
    except Exception as exc:         # a damaged file can fail inside any library: report it
        problems.add(con, "error", name, None, None, None, _unexpected(exc), "unreadable")
        return
    sheets = [f"'{s.sheet}'" for s in sources if s.sheet]
    info["format"] = sources[0].format + (f", sheet{'s' * (len(sheets) > 1)} {', '.join(sheets)}"
                                          if sheets else "")
    tables, info["rows"] = [], 0
    try:
        for source in sources:
            table = _stage_source(con, name, path, source, hint, info)
            if table and table not in tables:
                tables.append(table)
    finally:
        for source in sources:
            readers.drop(con, source)
    info["table"] = ", ".join(tables) or None


def _stage_source(con, name: str, path: Path, source: readers.Source, hint: str | None,
                  info: dict) -> str | None:
    """Stage one table of a file (a workbook's sheet is shown as 'file [sheet]' when the
    workbook has others); return its table."""
    shown = f"{name} [{source.sheet}]" if source.several_sheets else name
    try:
        for row, column, value, problem, code in source.problems:
            problems.add(con, "error", shown, row, column, value, problem, code)
        table = source.table or hint
        if table is None:
            table, why = identify(source.headers)
            if table is None:
                if headerless.data_cells(source.headers):
                    why, code = headerless.problem(source.headers, None), "no_header"
                else:
                    code = "unknown_table"
                problems.add(con, "error", shown, source.header_row, None,
                             ", ".join(source.headers)[:200], why, code)
                _other_sheets_that_fit(con, shown, path, source, None)
                return None
        tbl = contract.table(table)
        mapping, extras = map_header(con, tbl, shown, source.headers, source.header_row)
        if not set(tbl.required) <= set(mapping.values()):
            _other_sheets_that_fit(con, shown, path, source, table)
        for row, index, text in source.cell_errors:
            column = mapping.get(index) or extras.get(index)
            problems.add(con, "error", shown, row, column, text,
                         f"the cell holds an Excel error ({text}): correct the formula or type "
                         f"the value", "excel_error")
            con.execute("INSERT INTO cell_errors VALUES ($f, $r, $c)",
                        {"f": shown, "r": row, "c": column})
        rows = staging.insert(con, table, shown, source.sql, mapping, extras,
                              source.row_expr, source.where, source.params)
        info["rows"] += rows
        if rows == 0 and not source.problems:
            problems.add(con, "warning", shown, None, None, None, "the file has a header but no rows",
                         "no_rows")
        return table
    except duckdb.OutOfMemoryException:
        raise      # the memory cap, not the file: the import says how to allow more
    except duckdb.Error as exc:
        problems.add(con, "error", shown, None, None, None,
                     f"cannot read the file: {readers.duck_message(exc)}", "unreadable")
        return None


def _other_sheets_that_fit(con, shown: str, path: Path, source: readers.Source,
                           table: str | None) -> None:
    """The sheet read does not fit its table: name the workbook's other sheets that would
    (a template's 'Instrucciones' first and its 'Datos' second)."""
    if not source.several_sheets:
        return
    try:
        others = readers.sheet_headers(path, source.sheet)
    except readers.Unreadable:
        return
    for sheet, headers in others.items():
        fits = _fitting(headers)
        fit = table if table in fits else (identify(headers)[0] if table is None else None)
        if fit:
            names = ", ".join([*contract.table(fit).aliases[:1], fit])
            problems.add(con, "error", shown, None, None, sheet,
                         f"sheet '{sheet}' has the {fit} columns but was not read: a workbook is "
                         f"read from the sheet named after its table ({names}), else from its "
                         f"first sheet; rename that sheet or move it first", "sheet_not_read")


def _stage_adapter(con, name: str, path: Path, adapter, info: dict) -> None:
    before = _staged_counts(con)
    try:
        adapter.stage(con, path)
    except AbastoError as exc:
        problems.add(con, "error", name, None, None, None, str(exc), "unreadable")
    except duckdb.OutOfMemoryException:
        raise      # the memory cap, not the file: the import says how to allow more
    except Exception as exc:         # the adapter's own failure stays this file's problem
        problems.add(con, "error", name, None, None, None, _unexpected(exc), "unreadable")
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
    with Fingerprints([p for _, p in found]) as prints:
        for index, (name, path) in enumerate(found):
            size = path.stat().st_size
            if progress:
                progress(f"reading {name}", 0.6 * done / total)
            info = {"file": name, "sha256": None, "table": None, "rows": 0, "format": None}
            tried = readers.kind(path) == "csv" and not prints.ready(index)
            if tried and _read_while_hashing(con, name, path, info, prints, index, seen):
                info["sha256"] = prints.get(index)[0]
                seen[info["sha256"]] = name
                files.append(info)
                done += size
                if progress:
                    progress(f"read {name}", 0.6 * done / total)
                continue
            try:
                with step(f"sha256 {name}"):          # the wait for the background digest
                    info["sha256"], inner_blank = prints.get(index)
            except OSError as exc:
                problems.add(con, "error", name, None, None, None,
                             f"cannot open the file ({exc.strerror or exc})", "unreadable")
                files.append(info)
                done += size
                continue
            if info["sha256"] in seen:
                problems.add(con, "warning", name, None, None, None,
                             f"same content as {seen[info['sha256']]}: read once", "same_file")
                done += size
                continue
            seen[info["sha256"]] = name
            try:
                adapter = sources.detect(path)
            except AbastoError as exc:
                problems.add(con, "error", name, None, None, None, str(exc), "unreadable")
                files.append(info)
                done += size
                continue
            if adapter is not None:
                with step(f"read {name}"):
                    _stage_adapter(con, name, path, adapter, info)
            elif readers.kind(path) is None:
                problems.add(con, "error", name, None, None, None,
                             f"unknown file type '{path.suffix or '(none)'}': use .csv, .xlsx or "
                             f".parquet (or a format Abasto recognises, such as OCDS JSON)",
                             "unknown_type")
            else:
                with step(f"read {name}"):
                    _stage_canonical(con, name, path, info, inner_blank, tried_direct=tried)
            files.append(info)
            done += size
            if progress:
                progress(f"read {name}", 0.6 * done / total)
    return files
