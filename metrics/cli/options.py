"""Options shared by the subcommands: --db, the scope filters, and output format."""
from __future__ import annotations

import argparse

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
                       help=f"{label} filter (repeat or comma-separate)")


def scope_from_args(args: argparse.Namespace) -> Scope:
    values = {"date_from": args.date_from, "date_to": args.date_to, "as_of": args.as_of,
              "grace_days": args.grace_days}
    for name in FILTERS:
        raw = getattr(args, name, None) or []
        values[name] = [part for chunk in raw for part in chunk.split(",")]
    return Scope.make(**values)


def add_output(parser: argparse.ArgumentParser, formats=("table", "csv", "json")) -> None:
    parser.add_argument("--format", choices=formats, default=formats[0], help="output format")
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of the screen")
    parser.add_argument("--lang", choices=("es", "en"), default="es",
                        help="language of the table format (default es)")
