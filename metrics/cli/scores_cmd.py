"""`abasto scores`: the supplier scorecard (or any grouping) for a scope."""
from __future__ import annotations

import argparse
import sys

from metrics import store, words
from metrics.cli import options
from metrics.cli.display import table_text
from metrics.cli.output import write, write_text
from metrics.scorecard import GROUPINGS, LINE_SELECTIONS, lines, parse_group_by, scorecard
from metrics.cli.settings_option import add_settings_override, settings_from_args

HELP = ("Calificación de proveedores y KPIs de entrega por grupo / "
        "supplier scorecard and delivery KPIs for any grouping")

GROUP_CHOICES = ("supplier", "supplier,month", "supplier,item", "institution", "unit", "state",
                 "item_group", "contract", "month", "procedure_type")


SCREEN_LINES = 200           # --lines as a table on the screen, unless --limit says otherwise


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return value


def add_arguments(parser) -> None:
    options.add_scope(parser)
    parser.add_argument("--group-by", dest="group_by", default="supplier", metavar="DIMS",
                        help=f"one of {' | '.join(GROUP_CHOICES)}, or any comma-separated "
                             f"combination of {', '.join(GROUPINGS)} (default supplier)")
    parser.add_argument("--lines", dest="line_selection", nargs="?", const="all", metavar="WHICH",
                        choices=tuple(LINE_SELECTIONS),
                        help=f"print the order lines behind the figures instead "
                             f"({', '.join(LINE_SELECTIONS)}; default all)")
    parser.add_argument("--limit", type=_positive, default=None, metavar="N",
                        help=f"maximum lines with --lines (default: every line to --out or as csv "
                             f"/ json, the first {SCREEN_LINES:,} as a table on the screen)")
    add_settings_override(parser)
    options.add_output(parser)


def run(args) -> int:
    options.settle_output(args)
    scope = options.scope_from_args(args)
    groups = parse_group_by(args.group_by)
    settings = settings_from_args(args)
    with store.connect_existing(args.db) as con:
        options.check_filters(con, scope)
        if args.line_selection:
            limit = args.limit or (SCREEN_LINES if args.format == "table" and not args.out else None)
            frame = lines(con, scope, limit=limit, only=args.line_selection, settings=settings)
            if limit is not None and len(frame) == limit:
                print(f"abasto: the first {limit:,} lines; --limit N for more, or --out FILE.csv "
                      f"for every line", file=sys.stderr)
            if args.format == "table":     # for people: labels, words, dates as the language writes them
                write_text(table_text(frame, args.lang, kind="lines"), args.out, len(frame))
            else:
                write(frame, args.format, args.out)
            return 0
        frame = scorecard(con, scope, group_by=groups, settings=settings)
    if args.format == "table":     # the table's footer says what is not computable
        write_text(table_text(frame, args.lang, kind="scores"), args.out, len(frame))
    else:
        for line in words.reasons_text(frame.attrs.get("not_computable", {}), args.lang,
                                       frame.attrs.get("contracts")):
            print(f"abasto: {line}", file=sys.stderr)
        write(frame, args.format, args.out)
    return 0
