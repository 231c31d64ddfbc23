"""`abasto report supplier ID --out FILE.pdf` and `abasto report shortages --out FILE.pdf`."""
from __future__ import annotations

import argparse
import re
import time

from dashboard.cli import add_lang, open_database, output_file, say
from metrics.cli import options
from metrics.cli.settings_option import add_settings_override, overrides_from_args, settings_from_args

HELP = ("Informe PDF: ficha de proveedor o revisión de desabasto / "
        "PDF report: supplier scorecard or shortage review")


def _common(parser: argparse.ArgumentParser) -> None:
    options.add_scope(parser)
    add_settings_override(parser)
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    add_lang(parser)
    parser.add_argument("--no-charts", dest="charts", action="store_false",
                        help="leave the charts out (no Chromium needed)")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    kinds = parser.add_subparsers(dest="report_kind", metavar="KIND")
    kinds.required = True
    supplier = kinds.add_parser("supplier", help="Ficha de un proveedor / one supplier's scorecard",
                                description="One to three A4 pages: score with interval and tier, "
                                            "KPI cards, monthly p-chart, breakdowns, ledger, methodology.")
    supplier.add_argument("supplier_id", metavar="ID", help="supplier id (as in `abasto scores`)")
    _common(supplier)
    shortages = kinds.add_parser("shortages", help="Revisión de desabasto / shortage review",
                                 description="Headline, monthly trend, worst items, episodes, "
                                             "worsening items, items at risk, suppliers behind.")
    _common(shortages)


def run(args: argparse.Namespace) -> int:
    from dashboard.exports.tables import write_bytes

    out = output_file(args.out, (".pdf",))
    scope = options.scope_from_args(args)
    settings = settings_from_args(args)
    overridden = tuple(overrides_from_args(args))
    started = time.perf_counter()
    with open_database(args.db, scope) as con:
        if args.report_kind == "supplier":
            from dashboard.exports.reports.supplier import supplier_report
            pdf = supplier_report(con, scope, args.supplier_id, lang=args.lang, settings=settings,
                                  with_charts=args.charts, overridden=overridden)
        else:
            from dashboard.exports.reports.shortage import shortage_report
            pdf = shortage_report(con, scope, lang=args.lang, settings=settings, with_charts=args.charts,
                                  overridden=overridden)
    write_bytes(pdf, out)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    say(f"{out}: {pages} pages, "
        f"{len(pdf) / 1024:,.0f} KB ({time.perf_counter() - started:.1f} s)", args.quiet)
    return 0
