"""abasto export ocds: the stored contracts as an OCDS 1.1 release package with delivery milestones."""
from __future__ import annotations

import sys

from metrics import store
from metrics.cli.options import add_scope, scope_from_args
from metrics.export_ocds import DEFAULT_PREFIX, write_release_package

HELP = ("exportar contratos, partidas y entregas como paquete OCDS 1.1 / "
        "export contracts, items and deliveries as an OCDS 1.1 release package")


def add_arguments(parser) -> None:
    parser.add_argument("--out", required=True, metavar="FILE.json", help="file to write")
    parser.add_argument("--ocid-prefix", default=DEFAULT_PREFIX, metavar="PREFIX",
                        help=f"your registered OCDS prefix (default {DEFAULT_PREFIX}); ocid = PREFIX-<contract>")
    parser.add_argument("--publisher", default="Abasto", help="publisher name written in the package")
    add_scope(parser)


def run(args) -> int:
    scope = scope_from_args(args)
    con = store.connect_read(args.db)
    try:
        counts = write_release_package(con, scope, args.out, prefix=args.ocid_prefix,
                                       publisher=args.publisher)
    finally:
        con.close()
    print(f"{counts['releases']:,} contracts, {counts['items']:,} items and "
          f"{counts['milestones']:,} delivery milestones written to {args.out}", file=sys.stderr)
    return 0
