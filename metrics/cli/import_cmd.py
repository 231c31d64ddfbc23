"""`abasto import PATH [PATH...]`: load canonical files (and formats Abasto recognises)."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from metrics import ingest
from metrics.ingest import profile
from metrics.cli.options import add_db
from metrics.cli.output import print_problems, problem_counts, write_problems
from metrics.exceptions import AbastoError, ImportRejected, NothingToImport

HELP = ("Importa archivos CSV/XLSX/Parquet o carpetas en un solo lote, todo o nada / "
        "import CSV/XLSX/Parquet files or folders as one all-or-nothing batch")
PROGRESS_BYTES = 5 * 1024 * 1024     # show a progress bar when the files are bigger than this


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files and/or folders (CSV, XLSX, Parquet; see docs/import-format.md)")
    add_db(parser)
    parser.add_argument("--user", help="who imports (recorded with the batch; default: login name)")
    parser.add_argument("--check", action="store_true",
                        help="only validate and report problems; write nothing")
    parser.add_argument("--quiet", action="store_true",
                        help="no progress bar, no warning table: only errors and one summary line")
    parser.add_argument("--problems", metavar="FILE.csv",
                        help="also write every problem (errors and warnings) to this CSV file "
                             "(UTF-8 with BOM: severity, file, row, column, value, problem, code); "
                             "with or without --check")
    parser.add_argument("--profile", action="store_true",
                        help="print each step's wall and CPU seconds and peak memory to stderr "
                             "(same as ABASTO_IMPORT_PROFILE=1)")


def _size(paths) -> int:
    total = 0
    for given in paths:
        path = Path(given)
        if path.is_file():
            total += path.stat().st_size
        elif path.is_dir():
            total += sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return total


class _Bar:
    """A rich progress bar on stderr driven by ingest's progress(label, fraction)."""

    def __init__(self):
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(TextColumn("{task.description:<40}"), BarColumn(),
                                 TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn(),
                                 console=Console(stderr=True), transient=True)
        self.task = None

    def __enter__(self):
        self.progress.__enter__()
        self.task = self.progress.add_task("importing", total=1.0)
        return self

    def __exit__(self, *exc):
        return self.progress.__exit__(*exc)

    def __call__(self, label: str, fraction: float) -> None:
        self.progress.update(self.task, completed=min(max(fraction, 0.0), 1.0), description=label[:40])


def _progress(args):
    if args.quiet or not sys.stderr.isatty() or _size(args.paths) < PROGRESS_BYTES:
        return None
    return _Bar()


SHOW_WARNINGS = 20     # above this, warnings are shown as counts per file, column and kind


def _warnings(frame: pd.DataFrame, counts: pd.DataFrame | None, quiet: bool,
              rows: bool = False) -> None:
    if frame.empty or quiet:
        return
    total = int(counts["n"].sum()) if counts is not None and not counts.empty else len(frame)
    print(f"{total:,} warning(s):")
    if rows or total <= SHOW_WARNINGS or counts is None or counts.empty:
        print_problems(frame, file=sys.stdout)
    else:
        for row in counts.itertuples(index=False):
            where = " ".join(str(v) for v in (row.file, row.column) if isinstance(v, str) and v)
            print(f"{row.n:>8,}  {where}: {str(row.problem)[:140]}")
        print("(abasto import --problems FILE.csv lists them all, row by row)")


def _problems_file(args) -> None:
    """--problems FILE.csv: a .csv that is not one of the files imported."""
    if not args.problems:
        return
    out = Path(args.problems)
    if out.suffix.lower() != ".csv":
        raise AbastoError(f"--problems {args.problems}: the problem list is written as CSV: "
                          f"name a .csv file")
    if out.exists() and any(out.resolve() == Path(p).resolve() for p in args.paths):
        raise AbastoError(f"--problems {args.problems} is one of the files to import: "
                          f"name another file")


def _check(args) -> int:
    bar = _progress(args)
    keep = bool(args.problems)
    if bar:
        with bar:
            frame = ingest.check_paths(args.paths, args.db, progress=bar, all_problems=keep)
    else:
        frame = ingest.check_paths(args.paths, args.db, all_problems=keep)
    if args.problems:
        write_problems(frame, args.problems)
    counts = frame.attrs.get("counts")
    errors = frame[frame["severity"] == "error"]
    warnings = frame[frame["severity"] == "warning"]
    n_errors = int(counts.loc[counts["severity"] == "error", "n"].sum()) if counts is not None else len(errors)
    rows = sum(f.get("rows") or 0 for f in frame.attrs.get("files", []))
    if not errors.empty:
        print_problems(frame, file=sys.stderr, written_to=args.problems)
        print(f"abasto: check failed: {n_errors:,} error(s); an import of these files would be "
              f"rejected", file=sys.stderr)
        return 1
    _warnings(warnings, counts[counts["severity"] == "warning"] if counts is not None else None,
              args.quiet, rows=True)
    print(f"check passed: {len(frame.attrs.get('files', []))} file(s), {rows:,} row(s) would import "
          f"({len(warnings):,} warning(s)); nothing was written")
    return 0


def _rejected(args, exc: ImportRejected) -> int:
    if args.problems:
        write_problems(exc.problems, args.problems)
    frame = exc.problems
    print_problems(frame, file=sys.stderr, written_to=args.problems)
    counts = problem_counts(frame)
    errors = int(counts.loc[counts["severity"] == "error", "n"].sum())
    files = frame.loc[frame["severity"] == "error", "file"].nunique()
    # the counts above and this line are the batch's true totals (the library's message also
    # says how many rows its problem table keeps: not what is printed here)
    print(f"abasto: import rejected: {errors:,} error(s) in {files:,} file(s); nothing was "
          f"written", file=sys.stderr)
    return 1


def run(args) -> int:
    if args.profile:
        profile.enable()
    _problems_file(args)
    if args.check:
        return _check(args)
    bar = _progress(args)
    keep = bool(args.problems)
    try:
        if bar:
            with bar:
                report = ingest.import_paths(args.paths, args.db, user=args.user, progress=bar,
                                             all_problems=keep)
        else:
            report = ingest.import_paths(args.paths, args.db, user=args.user, all_problems=keep)
    except ImportRejected as exc:
        return _rejected(args, exc)
    except NothingToImport as exc:
        if args.problems:
            write_problems(exc.problems, args.problems)
        frame = exc.problems
        warnings = frame[frame["severity"] == "warning"]
        counts = frame.attrs.get("counts")
        _warnings(warnings, counts[counts["severity"] == "warning"] if counts is not None else None,
                  args.quiet)
        raise
    if args.problems:
        write_problems(report.warnings, args.problems)
    _warnings(report.warnings, report.warning_counts, args.quiet)
    n_warn = int(report.warning_counts["n"].sum()) if not report.warning_counts.empty else 0
    print(f"batch {report.batch_id}: {len(report.files)} file(s), {report.added:,} row(s) added, "
          f"{report.updated:,} updated, {n_warn:,} warning(s)")
    if not args.quiet and report.tables:
        table = pd.DataFrame([(t, a, u) for t, (a, u) in report.tables.items()],
                             columns=["table", "added", "updated"])
        print(table.to_string(index=False))
    return 0
