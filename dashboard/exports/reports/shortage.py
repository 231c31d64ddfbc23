"""The shortage review report: headline, trend of short items, the worst items, episodes,
worsening items, items at risk (concentrated on a weak supplier) and the suppliers behind the
shortages, with the methodology. Numbers come from metrics.shortages, as in `abasto shortages`."""
from __future__ import annotations

import pandas as pd

from dashboard.exports import chart_sets
from dashboard.exports import charts as chart_export
from dashboard.exports import columns as cols
from dashboard.exports.reports.document import Card, Column, Report
from dashboard.exports.reports.supplier import scope_lines
from dashboard.exports.reports.texts import tr
from dashboard.exports.tables import scope_rows
from metrics import fmt, words

ROWS = 15


def trend_figure(con, resolved, lang: str, settings):
    """Short items by month, as on the dashboard's shortage page."""
    from dashboard.charts import shortages as shortage_charts
    from metrics.shortages import trend
    frame = trend(con, chart_sets.concrete(resolved), settings)
    return shortage_charts.trend(frame, **chart_sets.shortage_caption(con, resolved, lang))


def _cols(names_widths, lang: str, labels: dict, kinds: dict) -> list[Column]:
    return [Column(name, cols.label(name, lang, labels), cols.kind(name, None, kinds), width=w)
            for name, w in names_widths]


def shortage_report(con, scope, *, lang: str = "es", settings=None, with_charts: bool = True,
                    overridden=()) -> bytes:
    """The PDF as bytes (ExportUnavailable when charts are wanted and there is no Chromium).
    overridden: the settings --set changed, named in the methodology (tables.scope_rows)."""
    from metrics import shortages
    from metrics.scorecard import resolve
    from metrics.settings import load_settings

    settings = settings or load_settings()
    if with_charts and not chart_export.available():
        raise chart_export.ExportUnavailable(chart_export.HOW_TO_ENABLE +
                                             " Or leave the chart out with --no-charts.")
    resolved = resolve(con, scope, settings)
    concrete = chart_sets.concrete(resolved)     # metrics.shortages takes a Scope
    labels, kinds = cols.shortage_labels()
    threshold = fmt.percent(settings.shortage_threshold, 0, lang)
    more = tr("more_rows", lang)

    doc = Report(tr("shortages.title", lang), lang)
    doc.title_block(tr("shortages.title", lang), tr("shortages.subtitle", lang, threshold=threshold),
                    scope_lines(resolved, lang))
    head = shortages.headline(con, concrete, settings).iloc[0]
    if not int(head.get("lines") or 0):
        doc.paragraph(tr("shortages.no_lines", lang), bold=True)
        _methodology(doc, resolved, lang, settings, overridden)
        return doc.output_bytes()

    latest = head.get("latest_month")
    doc.cards([
        Card(tr("shortages.undelivered", lang), fmt.percent(head["undelivered_share"], 1, lang),
             tr("shortages.undelivered_note", lang, qty=fmt.number(head["qty_undelivered"], 0, lang),
                ordered=fmt.number(head["qty_ordered"], 0, lang))),
        Card(tr("shortages.short_now", lang), fmt.number(head["short_items_now"], 0, lang),
             tr("shortages.short_now_note", lang, items=fmt.number(head["items_latest_month"], 0, lang),
                month=fmt.month(pd.Timestamp(latest).date(), lang) if pd.notna(latest) else "—")),
        Card(tr("shortages.item_months", lang), fmt.number(head["short_item_months"], 0, lang),
             tr("shortages.item_months_note", lang, items=fmt.number(head["items"], 0, lang),
                n=int(head["items"] or 0))),
        Card(tr("shortages.lines", lang), fmt.number(head["lines"], 0, lang)),
    ])

    doc.section(tr("shortages.trend", lang), keep=75)
    if with_charts:
        fig = trend_figure(con, resolved, lang, settings)
        doc.chart(fig)
    else:
        doc.note(tr("chart_missing", lang, reason="--no-charts"))

    worst = shortages.supply(con, concrete, settings, by=("item",))
    worst = worst[worst["short_months"] > 0].sort_values(
        ["short_months", "fill_rate", "item_code"], ascending=[False, True, True])
    doc.section(tr("shortages.worst", lang))
    doc.data_table(worst, _cols([("item_code", 1.5), ("description", 3.0), ("months", 0.8),
                                 ("short_months", 1.1), ("fill_rate", 1.2), ("fill_rate_by_due", 1.2),
                                 ("undelivered_qty", 1.2)], lang, labels, kinds),
                   max_rows=ROWS, more=more, empty=tr("no_rows", lang))

    eps = shortages.episodes(con, concrete, settings)
    if len(eps):      # ongoing first, then the longest and largest
        order = [c for c in ("ongoing", "months", "undelivered_qty") if c in eps]
        eps = eps.sort_values(order, ascending=False, kind="stable")
    doc.section(tr("shortages.episodes", lang))
    doc.data_table(eps, _cols([("item_code", 1.5), ("description", 3.0), ("start_month", 1.0),
                               ("end_month", 1.0), ("months", 0.8), ("ongoing", 1.0),
                               ("fill_rate", 1.2), ("undelivered_qty", 1.2)], lang, labels, kinds),
                   max_rows=ROWS, more=more, empty=tr("no_rows", lang))

    worse = shortages.worsening(con, concrete, settings)
    worse = worse[worse["status"] == "worsening"] if "status" in worse else worse.iloc[0:0]
    doc.section(tr("shortages.worsening", lang, alpha=fmt.number(settings.trend_alpha, 2, lang)))
    doc.data_table(words.in_words(worse, lang),
                   _cols([("item_code", 1.5), ("description", 3.0), ("months", 0.8),
                          ("mean_fill_rate", 1.2), ("latest_fill_rate", 1.2), ("trend_slope", 1.3),
                          ("trend_p", 0.7)], lang, labels, kinds),
                   max_rows=ROWS, more=more, empty=tr("shortages.none_worsening", lang))

    at_risk = shortages.risk(con, concrete, settings)
    doc.section(tr("shortages.risk", lang))
    doc.data_table(words.in_words(at_risk, lang),
                   _cols([("item_code", 1.5), ("description", 2.6), ("supplier_name", 2.6),
                          ("share", 1.3), ("single_source", 1.1), ("tier", 0.6), ("trend", 1.2)],
                         lang, labels, kinds),
                   max_rows=ROWS, more=more, empty=tr("shortages.none_risk", lang))

    behind = shortages.supplier_contribution(con, concrete, settings)
    if not behind.empty:
        behind = _with_supplier_names(con, behind)
        behind = behind.sort_values("shortage_contribution", ascending=False)
    doc.section(tr("shortages.suppliers", lang))
    doc.data_table(behind, _cols([("supplier_id", 1.2), ("supplier_name", 3.2),
                                  ("shortage_contribution", 1.3), ("short_item_months", 1.3),
                                  ("shortage_qty", 1.3)], lang, labels, kinds),
                   max_rows=10, more=more, empty=tr("no_rows", lang))

    _methodology(doc, resolved, lang, settings, overridden)
    return doc.output_bytes()


def _with_supplier_names(con, frame: pd.DataFrame) -> pd.DataFrame:
    """supplier_contribution carries ids only; add the names the shortage views use."""
    from metrics.shortages.common import add_names
    return add_names(con, frame.copy(), ("supplier",))


def _methodology(doc: Report, resolved, lang: str, settings, overridden=()) -> None:
    doc.section(tr("shortages.method", lang), keep=40)
    doc.paragraph(tr("shortages.method_text", lang, grace=resolved.grace_days,
                     threshold=fmt.percent(settings.shortage_threshold, 0, lang)), size=7.5)
    doc.key_values(scope_rows(resolved, lang=lang, settings=settings, overridden=overridden))
