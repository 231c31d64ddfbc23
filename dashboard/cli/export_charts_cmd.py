"""`abasto export charts --out DIR`: the overview and shortage charts of a scope as files."""
from __future__ import annotations

import argparse
import time

from dashboard.cli import add_lang, open_database, output_folder, progress_bar, say
from metrics.cli import options
from metrics.cli.settings_option import add_settings_override, settings_from_args

HELP = ("Exporta las gráficas del resumen y del desabasto (PNG/SVG/PDF) / "
        "export the overview and shortage charts as PNG, SVG or PDF files")

SETS = ("overview", "shortages")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    options.add_scope(parser)
    add_settings_override(parser)
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the chart files")
    parser.add_argument("--format", choices=("png", "svg", "pdf"), default="png",
                        help="image format (default png)")
    parser.add_argument("--charts", default=",".join(SETS), metavar="SETS",
                        help=f"which sets, comma-separated: {', '.join(SETS)} (default both)")
    parser.add_argument("--pchart", action="append", metavar="SUPPLIER", default=[],
                        help="also a supplier's monthly OTIF p-chart (repeatable)")
    parser.add_argument("--width-cm", type=float, metavar="CM",
                        help="printed width (default 24 cm, the width the charts are laid out for)")
    parser.add_argument("--height-cm", type=float, metavar="CM",
                        help="printed height (default: each chart's own height)")
    parser.add_argument("--dpi", type=int, default=300, help="PNG resolution (default 300)")
    add_lang(parser)
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")


def run(args: argparse.Namespace) -> int:
    from dashboard.exports import chart_sets, charts
    from dashboard.exports.reports.supplier import supplier_identity
    from metrics.exceptions import InvalidFilter
    from metrics.scorecard import resolve

    sets = [s.strip() for s in args.charts.split(",") if s.strip()]
    unknown = [s for s in sets if s not in SETS]
    if unknown:
        raise InvalidFilter(f"--charts: unknown set {', '.join(unknown)} (use {', '.join(SETS)})")
    if args.dpi <= 0 or (args.width_cm is not None and args.width_cm <= 0) or \
            (args.height_cm is not None and args.height_cm <= 0):
        raise InvalidFilter("--dpi, --width-cm and --height-cm must be positive")
    scope = options.scope_from_args(args)
    settings = settings_from_args(args)
    out = output_folder(args.out)
    if not charts.available():
        raise charts.ExportUnavailable(charts.HOW_TO_ENABLE)
    started = time.perf_counter()
    with open_database(args.db, scope) as con:
        resolved = resolve(con, scope, settings)
        figs = {}
        if "overview" in sets:
            figs.update(chart_sets.overview_figures(con, resolved, args.lang, settings))
        if "shortages" in sets:
            figs.update(chart_sets.shortage_figures(con, resolved, args.lang, settings))
        for supplier_id in args.pchart:
            who = supplier_identity(con, supplier_id)          # NotFound for an unknown id
            figs.update(chart_sets.supplier_figures(con, resolved, supplier_id, args.lang, settings,
                                                    name=who.get("name") or supplier_id))
    for warning in chart_sets.caption_warnings(figs):
        say(f"abasto: warning: {warning}", args.quiet)
    size = {"width": charts.cm_to_px(args.width_cm) if args.width_cm else None,
            "height": charts.cm_to_px(args.height_cm) if args.height_cm else None,
            "scale": args.dpi / charts.CSS_DPI if args.format == "png" else None}
    with progress_bar(f"charts → {args.format}", len(figs), args.quiet) as progress:
        paths = charts.write_figures(figs, out, args.format, progress, **size)
    say(f"{len(paths)} charts written to {out} ({time.perf_counter() - started:.1f} s)", args.quiet)
    return 0
