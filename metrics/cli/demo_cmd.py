"""`abasto demo`: build a realistic synthetic database (replaces the one at --db)."""
from __future__ import annotations

import argparse
import sys

from metrics import demo
from metrics.cli.options import add_db
from metrics.scope import parse_date

HELP = ("Crea una base de demostración realista (reemplaza la de --db) / "
        "build a realistic demo database (replaces the one at --db)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db(parser)
    parser.add_argument("--lines", type=int, default=demo.DEFAULT_LINES, metavar="N",
                        help=f"order lines to generate (default {demo.DEFAULT_LINES:,})")
    parser.add_argument("--seed", type=int, default=demo.DEFAULT_SEED, metavar="S",
                        help=f"random seed: the same seed gives the same database (default {demo.DEFAULT_SEED})")
    parser.add_argument("--today", metavar="DATE",
                        help="pretend today is DATE (YYYY-MM-DD or DD/MM/YYYY; default: today); "
                             "orders end in the last full month before it")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")


def run(args: argparse.Namespace) -> int:
    today = parse_date(args.today, "--today")
    say = None if args.quiet else (lambda message: print(f"  … {message}", file=sys.stderr))
    result = demo.generate(args.db, lines=args.lines, seed=args.seed, today=today, progress=say)
    if not args.quiet:
        print(f"Demo database {result['path']}: {result['lines']:,} order lines, seed {result['seed']}, "
              f"orders {result['first_month']:%Y-%m}…{result['last_month']:%Y-%m}, deliveries to "
              f"{result['as_of']:%d/%m/%Y} ({result['seconds']:.1f} s)")
        width = max(len(t) for t in result["rows"])
        for table, count in result["rows"].items():
            print(f"  {table:<{width}}  {count:>12,}")
    return 0
