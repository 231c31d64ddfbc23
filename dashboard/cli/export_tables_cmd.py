"""`abasto export tables --out FILE.xlsx`: scorecard, ledger and shortage tables in one
formatted workbook (or one table as CSV)."""
from __future__ import annotations

import argparse
import time

from dashboard.cli import add_lang, open_database, output_file, progress_bar, say
from metrics.cli import options
from metrics.cli.settings_option import add_settings_override, overrides_from_args, settings_from_args

HELP = ("Exporta calificaciones, penas y desabasto a Excel (XLSX) o CSV / "
        "export scorecard, ledger and shortage tables to XLSX or CSV")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from dashboard.exports.table_sets import TABLES
    options.add_scope(parser)
    add_settings_override(parser)
    parser.add_argument("--out", required=True, metavar="FILE.xlsx",
                        help="workbook (.xlsx: every table, one sheet each) or .csv (one table)")
    parser.add_argument("--tables", metavar="NAMES",
                        help=f"comma-separated, from: {', '.join(TABLES)} (default all; "
                             f"exactly one for .csv)")
    add_lang(parser)
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")


def run(args: argparse.Namespace) -> int:
    from dashboard.exports import chart_sets, table_sets, tables
    from metrics.exceptions import InvalidFilter
    from metrics.scorecard import resolve

    out = output_file(args.out, (".xlsx", ".csv"))
    keys = [k.strip() for k in (args.tables or "").split(",") if k.strip()] or list(table_sets.TABLES)
    unknown = [k for k in keys if k not in table_sets.TABLES]
    if unknown:
        raise InvalidFilter(f"--tables: unknown table {', '.join(unknown)} "
                            f"(use {', '.join(table_sets.TABLES)})")
    csv = out.suffix.lower() == ".csv"
    if csv and len(keys) != 1:
        raise InvalidFilter("a .csv file holds one table: choose it with --tables "
                            f"({', '.join(table_sets.TABLES)})")
    scope = options.scope_from_args(args)
    settings = settings_from_args(args)
    overridden = tuple(overrides_from_args(args))
    started = time.perf_counter()
    with open_database(args.db, scope) as con:
        resolved = resolve(con, scope, settings)
        with progress_bar("tables", len(keys), args.quiet) as progress:
            frames, wording = table_sets.compute(con, resolved, settings, keys, args.lang, progress)
        source = chart_sets.source_name(con, args.lang)
    if csv:
        ((name, frame),) = frames.items()
        labels, kinds = wording.get(name, ({}, {}))
        data = tables.to_csv_bytes(frame, args.lang, labels=labels, kinds=kinds)
    else:
        data = tables.to_xlsx_bytes(frames, scope=resolved, lang=args.lang, settings=settings,
                                    source=source, sheet_columns=wording, overridden=overridden)
    tables.write_bytes(data, out)
    rows = sum(len(f) for f in frames.values())
    say(f"{out}: {len(frames)} table(s), {rows:,} rows ({time.perf_counter() - started:.1f} s)", args.quiet)
    return 0
