"""abasto export ocds: the stored contracts as an OCDS 1.1 release package with delivery milestones."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb

from metrics import store
from metrics.exceptions import AbastoError
from metrics.cli.options import add_scope, check_not_database, scope_from_args
from metrics.export_ocds import DEFAULT_PREFIX, write_release_package

MEMORY_LIMIT = os.environ.get("ABASTO_EXPORT_MEMORY", "512MB")
HELP = ("Exporta contratos, partidas y entregas como paquete OCDS 1.1 / "
        "export contracts, items and deliveries as an OCDS 1.1 release package")


def add_arguments(parser) -> None:
    parser.add_argument("--out", required=True, metavar="FILE.json", help="file to write")
    parser.add_argument("--ocid-prefix", default=DEFAULT_PREFIX, metavar="PREFIX",
                        help=f"your registered OCDS prefix (default {DEFAULT_PREFIX}); ocid = PREFIX-<contract>")
    parser.add_argument("--publisher", default="Abasto", help="publisher name written in the package")
    add_scope(parser)


def run(args) -> int:
    scope = scope_from_args(args)
    check_not_database(Path(args.out))
    if Path(args.out).suffix.lower() != ".json":
        raise AbastoError(f"--out {args.out}: the file name must end in .json (an OCDS release package)")
    con = store.connect_existing(args.db)
    spill = tempfile.mkdtemp(prefix="abasto-export-")
    try:
        # the ordered line stream is sorted by DuckDB: cap its memory, spill to a private folder
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        con.execute(f"SET temp_directory = '{spill}'")      # mkdtemp's path: no quotes in it
        counts = write_release_package(con, scope, args.out, prefix=args.ocid_prefix,
                                       publisher=args.publisher)
    except duckdb.Error as exc:
        raise AbastoError(f"the export failed inside the database engine "
                          f"({str(exc).splitlines()[0]}); nothing was written. A larger "
                          f"ABASTO_EXPORT_MEMORY (now {MEMORY_LIMIT}) may help.") from None
    finally:
        con.close()
        shutil.rmtree(spill, ignore_errors=True)
    print(f"{counts['releases']:,} contracts, {counts['items']:,} items and "
          f"{counts['milestones']:,} delivery milestones written to {args.out}", file=sys.stderr)
    return 0
