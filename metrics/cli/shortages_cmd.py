"""abasto shortages [VIEW]: shortage analytics (METRICS.md "Shortages") on the command line.

VIEW is one of VIEWS (default: supply). --by groups the views that accept it; the scope
options and --set (one-off settings, e.g. shortage_threshold) are the same as every other
command's. The table format is labelled in Spanish or English (--lang) with Mexican number
and date formats; csv and json keep raw columns.
"""
from __future__ import annotations

import sys

from metrics import shortages, store
from metrics.cli import options, output
from metrics.cli.settings_option import add_settings_override, settings_from_args
from metrics.exceptions import InvalidFilter
from metrics.shortages import labels

HELP = ("Desabasto: insumos en desabasto, episodios, tendencias, proveedores detrás / "
        "shortages: short items, episodes, trends, suppliers behind them")

# view -> (function, default --by or None when the view takes no --by, help)
VIEWS = {
    "supply": (shortages.supply, "month",
               "surtimiento por --by (item, month, group, institution, state, unit; combinable: item,month)"),
    "trend": (shortages.trend, "month", "insumos en desabasto por mes y --by (month|group|institution|state|unit)"),
    "headline": (shortages.headline, None, "piezas contratadas no entregadas e insumos en desabasto ahora"),
    "episodes": (shortages.episodes, "item", "episodios de desabasto (meses consecutivos)"),
    "worsening": (shortages.worsening, None, "insumos que empeoran / mejoran (Mann–Kendall, Theil–Sen)"),
    "attribution": (shortages.attribution, None, "piezas no entregadas de cada insumo-mes en desabasto, por proveedor"),
    "contribution": (shortages.supplier_contribution, None, "contribución de cada proveedor al desabasto"),
    "concentration": (shortages.concentration, None, "concentración de proveedores por insumo (IHH)"),
    "risk": (shortages.risk, None, "insumos en riesgo: proveedor único o dominante de nivel C/D o que empeora"),
    "prescriptions": (shortages.prescriptions, "month", "surtimiento de recetas por --by (month, item, unit, state)"),
    "funnel": (shortages.funnel, "procedure,institution", "embudo de compra por --by (procedure, institution, item)"),
}


def add_arguments(parser) -> None:
    parser.add_argument("view", nargs="?", default="supply", choices=list(VIEWS), metavar="VIEW",
                        help="; ".join(f"{k}: {v[2]}" for k, v in VIEWS.items()) + " (default: supply)")
    parser.add_argument("--by", metavar="KEYS",
                        help="grouping, comma-separated, or 'total' (supply default: month — one "
                             "row per month with short_items; trend: one dimension)")
    options.add_scope(parser)
    add_settings_override(parser)
    options.add_output(parser)


def run(args) -> int:
    function, default_by, _ = VIEWS[args.view]
    if args.by and default_by is None:
        raise InvalidFilter(f"--by does not apply to 'abasto shortages {args.view}'")
    options.settle_output(args)
    scope = options.scope_from_args(args)
    settings = settings_from_args(args)
    with store.connect_existing(args.db) as con:
        options.check_filters(con, scope)
        if default_by is None:
            frame = function(con, scope, settings=settings)
        else:
            by = () if args.by == "total" else (args.by or default_by)
            frame = function(con, scope, settings=settings, by=by)
        empty_why = options.no_orders_note(con, args.lang) if frame.empty else None
    reason = empty_why or frame.attrs.get("reason_es" if args.lang == "es" else "reason") or frame.attrs.get("reason")
    if reason and frame.empty:
        print(f"abasto: {reason}", file=sys.stderr)
    ignored = frame.attrs.get("ignored_filters")
    if ignored:
        print(f"abasto: filters that do not apply to {args.view}: {', '.join(ignored)}", file=sys.stderr)
    if args.format == "table":
        shown = labels.vertical(frame, args.lang) if args.view == "headline" else labels.for_people(frame, args.lang)
        output.write(shown, "table", args.out, args.lang)
    else:
        output.write(frame, args.format, args.out)
    return 0
