"""Options shared by the subcommands: --db, the scope filters, and output format."""
from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from metrics import words
from metrics.exceptions import AbastoError, InvalidFilter
from metrics.scope import FILTERS, Scope


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH",
                        help="database file (default: $ABASTO_DB or data/abasto.duckdb)")


def add_scope(parser: argparse.ArgumentParser) -> None:
    """--from --to --as-of --grace-days and one repeatable/comma-separated option per filter."""
    add_db(parser)
    g = parser.add_argument_group("scope")
    g.add_argument("--from", dest="date_from", metavar="DATE", help="first due date (YYYY-MM-DD or DD/MM/YYYY)")
    g.add_argument("--to", dest="date_to", metavar="DATE", help="last due date")
    g.add_argument("--as-of", dest="as_of", metavar="DATE",
                   help="judge deliveries up to this date (default: latest delivery stored)")
    g.add_argument("--grace-days", dest="grace_days", type=int, metavar="N",
                   help="days of grace after the due date (default: setting grace_days)")
    for name, (_, _, label) in FILTERS.items():
        flag = "--" + name.replace("_", "-")
        g.add_argument(flag, dest=name, action="append", metavar="ID",
                       help=f"{label.lower()} filter (repeat or comma-separate)")


_FLAGS = {"date_from": "--from", "date_to": "--to", "as_of": "--as-of"}


def scope_flags(scope: Scope) -> str:
    """The options of add_scope that give `scope` back (scope_from_args' inverse), quoted
    for a shell: for a report's note naming the command that lists all of a cut table."""
    parts: list[str] = []
    for field, flag in _FLAGS.items():
        value = getattr(scope, field)
        if value is not None:
            parts += [flag, value.isoformat()]
    if scope.grace_days is not None:
        parts += ["--grace-days", str(scope.grace_days)]
    for name, values in scope.active_filters().items():
        parts += ["--" + name.replace("_", "-"), ",".join(values)]
    return shlex.join(parts)


def scope_from_args(args: argparse.Namespace) -> Scope:
    values = {"date_from": args.date_from, "date_to": args.date_to, "as_of": args.as_of,
              "grace_days": args.grace_days}
    for name in FILTERS:
        raw = getattr(args, name, None) or []
        values[name] = [part for chunk in raw for part in chunk.split(",")]
    # coded filters also take the words the tables show ("Medicamento", "Licitación pública")
    for name, table in (("item_group", words.GROUPS), ("procedure_type", words.PROCEDURES)):
        values[name] = [words.code_of(table, v) for v in values[name]]
    try:
        return Scope.make(**values)
    except InvalidFilter as exc:        # name the option the user typed, not the field
        text = str(exc)
        field = text.split(":", 1)[0]
        raise InvalidFilter(_FLAGS[field] + text[len(field):] if field in _FLAGS else text) from None


def check_filters(con, scope: Scope) -> None:
    """Refuse filter values that name nothing in the database (metrics.catalogs), instead of
    printing an empty result that looks like a real one."""
    from metrics.catalogs import unknown_filter_values
    problems = unknown_filter_values(con, scope)
    if problems:
        raise InvalidFilter("; ".join(problems))


def no_orders_note(con, lang: str) -> str | None:
    """Why an empty result is empty when the database holds no order at all (contracts alone,
    as the CompraNet and OCDS files give): what to import. None when it holds orders."""
    from metrics.catalogs import data_info
    info = data_info(con)
    return None if info["orders"] else words.no_orders_text(int(info["contracts"] or 0), lang)


def add_output(parser: argparse.ArgumentParser, formats=("table", "csv", "json")) -> None:
    parser.add_argument("--format", choices=formats, default=None,
                        help="output format (default: from --out's .csv / .json, else table)")
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of the screen")
    parser.add_argument("--lang", choices=("es", "en"), default="es",
                        help="language of the table format (default es)")


# --out names the other commands write (a text table saved under them would not open)
_NOT_TEXT = {".xlsx": "abasto export tables", ".xls": "abasto export tables",
             ".pdf": "abasto report", ".parquet": None, ".duckdb": None}


def settle_output(args: argparse.Namespace) -> str:
    """The output format of add_output's options, checked before any work: --format, else
    what --out's name says (.csv, .json), else table. Refuses an --out this command cannot
    write (a spreadsheet, a PDF) and one that is a database file (it would be overwritten)."""
    out = Path(args.out) if args.out else None
    if out is not None:
        check_not_database(out)
        suffix = out.suffix.lower()
        if suffix in _NOT_TEXT:
            other = _NOT_TEXT[suffix]
            raise AbastoError(f"--out {args.out}: this command writes text (table, csv or json)"
                              + (f"; for {suffix} use `{other}`" if other else ""))
    if args.format is None:
        args.format = {".csv": "csv", ".json": "json"}.get(out.suffix.lower() if out else "", "table")
    return args.format


def check_not_database(out: Path) -> None:
    """Refuse an output file that holds a DuckDB database (its header says DUCK at byte 8):
    `--out` pointed at --db would destroy it."""
    try:
        with open(out, "rb") as handle:
            head = handle.read(12)
    except OSError:             # absent or unreadable: the write itself reports a real problem
        head = b""
    if head[8:12] == b"DUCK" or out.name.lower().endswith((".duckdb.wal", ".wal")):   # or its log
        raise AbastoError(f"--out {out} is a database file; choose another file name "
                          f"(nothing was written)")
