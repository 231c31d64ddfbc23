"""`abasto report` and `abasto export charts|tables`: the dashboard's exports on the command
line (plugins of metrics.cli, declared in pyproject.toml). Each command module has HELP,
add_arguments(parser) and run(args); errors are AbastoError messages, never tracebacks."""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

from metrics import store
from metrics.exceptions import AbastoError


def open_database(arg, scope=None):
    """A read connection to --db / $ABASTO_DB (store.connect_existing: an error when there is
    no database yet); with `scope`, its filter values must name something in it
    (metrics.cli.options.check_filters: else the export is empty and looks real)."""
    from metrics.cli.options import check_filters
    con = store.connect_existing(arg)
    if scope is not None:
        try:
            check_filters(con, scope)
        except AbastoError:
            con.close()
            raise
    return con


def output_file(arg: str, suffixes: tuple[str, ...]) -> Path:
    """Check --out before any work: known suffix, not a folder, folder writable."""
    path = Path(arg)
    if path.suffix.lower() not in suffixes:
        raise AbastoError(f"--out {arg}: the file name must end in {' or '.join(suffixes)}")
    if path.is_dir():
        raise AbastoError(f"--out {arg} is a folder; give a file name")
    parent = path.parent if str(path.parent) else Path(".")
    if parent.exists() and not os.access(parent, os.W_OK):
        raise AbastoError(f"cannot write {arg}: folder {parent} is not writable")
    if path.exists() and not os.access(path, os.W_OK):
        raise AbastoError(f"cannot write {arg}: the file is read-only")
    return path


def output_folder(arg: str) -> Path:
    path = Path(arg)
    if path.exists() and not path.is_dir():
        raise AbastoError(f"--out {arg} is a file; give a folder for the charts")
    probe = path
    while not probe.exists():
        probe = probe.parent
    if not os.access(probe, os.W_OK):
        raise AbastoError(f"cannot write into {arg}: {probe} is not writable")
    return path


def add_lang(parser) -> None:
    parser.add_argument("--lang", choices=("es", "en"), default="es",
                        help="language of the labels and number/date formats (default es)")


@contextmanager
def progress_bar(description: str, total: int, quiet: bool = False):
    """A rich progress bar on stderr; yields progress(done, total, name)."""
    if quiet or total <= 0:
        yield lambda done, total_, name: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    console = Console(stderr=True)
    bar = Progress(TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[current]}"), TimeElapsedColumn(),
                   console=console, transient=not console.is_terminal)
    with bar:
        task = bar.add_task(description, total=total, current="")

        def advance(done: int, total_: int, name: str) -> None:
            bar.update(task, completed=done, total=total_, current=str(name)[:40])
        yield advance


def say(message: str, quiet: bool = False) -> None:
    if not quiet:
        print(message, file=sys.stderr)
