"""The supplier scorecard report: one to three A4 pages a buyer can attach to a file.

Page 1: who, for which scope, the score with its interval and tier, the KPI cards, the
monthly OTIF p-chart. Then breakdowns by institution and item, the compliance ledger, and
the methodology (weights, version, scope). Every number comes from the library functions
the dashboard and `abasto scores` use, so the report matches them exactly.
"""
from __future__ import annotations

import dataclasses

import pandas as pd

from dashboard.exports import chart_sets
from dashboard.exports import charts as chart_export
from dashboard.exports import columns as cols
from dashboard.exports.reports.document import TIER_COLORS, Card, Column, Report
from dashboard.exports.reports.texts import tr
from dashboard.exports.tables import scope_rows
from metrics import fmt, records, words
from metrics.exceptions import NotFound



def supplier_identity(con, supplier_id: str) -> dict:
    """name, rfc, company_size, state of a supplier; NotFound when the id is unknown."""
    found = records.supplier(con, supplier_id)
    if found is None:
        raise NotFound(f"supplier '{supplier_id}' is not in the database "
                       f"(list them with `abasto scores`)")
    return found


def _kpi_label(key: str, lang: str) -> str:
    from metrics.kpis import KPIS
    return KPIS[key].label(lang) if key in KPIS else cols.label(key, lang)


def _value(row: pd.Series, key: str, lang: str) -> str:
    return cols.format_value(row.get(key), cols.kind(key), lang)


def kpi_cards(row: pd.Series, reasons: dict, settings, lang: str) -> list[Card]:
    """The report's KPI cards for one scorecard row (values as `abasto scores` gives them)."""
    n = fmt.number(row.get("lines"), 0, lang)
    cards: list[Card] = []
    tier = row.get("tier")
    score = row.get("score")
    if isinstance(tier, str) and tier in TIER_COLORS:
        note = tr("card.score_note", lang, low=fmt.number(row.get("score_low"), 1, lang),
                  high=fmt.number(row.get("score_high"), 1, lang), tier=tier)
        color = TIER_COLORS[tier]
    else:
        note = tr("card.insufficient", lang, n=settings.min_lines)
        color = (158, 158, 158)
    cards.append(Card(tr("card.score", lang), fmt.number(score, 1, lang), note, color))

    def kpi(key: str, note: str = "") -> Card:
        if reasons.get(key):
            return Card(_kpi_label(key, lang), tr("card.not_computable", lang), words.reason(reasons[key], lang)[:70])
        return Card(_kpi_label(key, lang), _value(row, key, lang), note)

    cards.append(kpi("otif_rate", tr("card.adjusted", lang, value=fmt.percent(row.get("otif_rate_shrunk"), 1, lang), n=n)
                     if pd.notna(row.get("otif_rate_shrunk")) else tr("card.lines", lang, n=n)))
    cards.append(kpi("fill_rate", tr("card.adjusted", lang, value=fmt.percent(row.get("fill_rate_shrunk"), 1, lang), n=n)
                     if pd.notna(row.get("fill_rate_shrunk")) else tr("card.lines", lang, n=n)))
    cards.append(kpi("undelivered_share", tr("card.lines", lang, n=n)))
    cards.append(kpi("on_time_rate", tr("card.lines", lang, n=n)))
    cards.append(kpi("days_late_mean", tr("card.p90", lang, value=fmt.number(row.get("days_late_p90"), 1, lang))))
    cards.append(kpi("rejection_rate"))
    cards.append(kpi("price_index"))
    cards.append(kpi("open_overdue_lines", tr("card.backlog", lang, qty=fmt.number(row.get("backlog_qty"), 0, lang))))
    gap_note = tr("card.gap_note", lang, due=fmt.money(row.get("penalties_due"), lang),
                  applied=fmt.money(row.get("penalties_applied"), lang))
    cards.append(kpi("penalty_gap", gap_note))
    cards.append(Card(tr("card.peer", lang), fmt.number(row.get("peer_percentile"), 0, lang),
                      tr("card.peer_note", lang, group=group_name(row.get("peer_group"), lang))))
    trend = row.get("trend")
    trend_text = words.word("trend", trend, lang) if trend in words.TRENDS else "—"
    cards.append(Card(tr("card.trend", lang, months=settings.trend_months), trend_text,
                      tr("card.trend_note", lang, slope=fmt.number(row.get("trend_slope"), 2, lang),
                         p=fmt.number(row.get("trend_p"), 3, lang))
                      if pd.notna(row.get("trend_slope")) else ""))
    return cards


def group_name(group, lang: str) -> str:
    """An item group id in words (the dashboard's labels), '—' when missing."""
    if group is None or (isinstance(group, float) and group != group):
        return "—"
    return str(words.word("group", group, lang))


def scope_lines(resolved, lang: str) -> list[str]:
    """The line under a report's title: window, as-of, filters and grace days."""
    from dashboard.charts.base import scope_text
    return [scope_text(resolved.scope, lang, resolved_as_of=resolved.as_of) + " · "
            + tr("grace_line", lang, n=resolved.grace_days)]


def supplier_report(con, scope, supplier_id: str, *, lang: str = "es", settings=None,
                    with_charts: bool = True, overridden=()) -> bytes:
    """The PDF as bytes. Raises NotFound for an unknown supplier and ExportUnavailable when
    charts are wanted but no Chromium is installed (with_charts=False leaves them out).
    overridden: the settings --set changed, named in the methodology (tables.scope_rows)."""
    from metrics.ledger import ledger
    from metrics.scorecard import resolve, scorecard
    from metrics.settings import load_settings

    settings = settings or load_settings()
    who = supplier_identity(con, supplier_id)
    if with_charts and not chart_export.available():
        raise chart_export.ExportUnavailable(chart_export.HOW_TO_ENABLE +
                                             " Or leave the chart out with --no-charts.")
    resolved = resolve(con, scope, settings)
    board = scorecard(con, resolved, settings=settings)
    reasons = board.attrs.get("not_computable", {})
    mine = board[board["supplier_id"] == str(supplier_id)]

    doc = Report(tr("supplier.doc_title", lang, name=who["name"]), lang)
    subtitle = " · ".join(x for x in (tr("supplier.title", lang), tr("supplier.id_line", lang, id=who["supplier_id"]),
                                      tr("supplier.rfc", lang, rfc=who["rfc"]) if who.get("rfc") else None,
                                      who.get("state")) if x)
    doc.title_block(who["name"], subtitle, scope_lines(resolved, lang))
    if mine.empty or not int(mine.iloc[0].get("lines") or 0):
        doc.paragraph(tr("supplier.no_lines", lang), bold=True)
        _methodology(doc, resolved, lang, settings, overridden)
        return doc.output_bytes()
    row = mine.iloc[0]

    doc.cards(kpi_cards(row, reasons, settings, lang))
    doc.section(tr("supplier.trend", lang), keep=70)
    if with_charts:
        (fig,) = chart_sets.supplier_figures(con, resolved, supplier_id, lang, settings,
                                              name=who["name"]).values()
        doc.chart(fig)
    else:
        doc.note(tr("chart_missing", lang, reason="--no-charts"))
    doc.note(tr("supplier.trend_note", lang))

    narrowed = resolved.scope.with_(supplier=(str(supplier_id),))
    narrowed_resolved = dataclasses.replace(resolved, scope=narrowed)
    # the rows a table leaves out: the command that lists them all for this supplier, in this
    # report's scope, cut-off date and --set settings
    from metrics.cli.options import scope_flags
    same = " ".join([scope_flags(narrowed.with_(as_of=resolved.as_of)),
                     *(f"--set {name}={getattr(settings, name):g}" for name in overridden)])

    def more(command: str, rest: str = "") -> str:
        return tr("more_rows_command", lang, command=f"abasto {command} {same} {rest}".strip())
    by_inst = scorecard(con, narrowed_resolved, group_by=("institution",), settings=settings)
    doc.section(tr("supplier.by_institution", lang))
    doc.data_table(by_inst.sort_values("lines", ascending=False), [
        Column("institution_id", cols.label("institution_id", lang), width=1.6),   # IMSS-BIENESTAR on one line
        Column("institution_name", cols.label("institution_name", lang), width=2.7),
        *_kpi_columns(("lines", "otif_rate", "fill_rate", "days_late_mean", "penalties_due"), lang),
    ], max_rows=12, more=more("scores", "--group-by institution"), empty=tr("no_rows", lang))

    by_item = scorecard(con, narrowed_resolved, group_by=("item",), settings=settings)
    doc.section(tr("supplier.by_item", lang))
    doc.data_table(by_item.sort_values(["lines", "item_code"], ascending=[False, True]), [
        Column("item_code", cols.label("item_code", lang), width=1.5),
        Column("item_description", cols.label("description", lang), width=3.0),
        *_kpi_columns(("lines", "otif_rate", "fill_rate", "undelivered_share"), lang),
    ], max_rows=12, more=more("scores", "--group-by item"), empty=tr("no_rows", lang))

    contracts = ledger(con, narrowed_resolved, settings)
    doc.section(tr("supplier.ledger", lang))
    doc.data_table(contracts, [          # contract ids run to ~28 characters: smaller type
        # widths for a 28-character id (IMSS-BIENESTAR-AE-2025-00055), "Guarantee" and "rescission" whole
        Column("contract_id", cols.label("contract_id", lang), width=2.55),
        Column("institution_id", cols.label("institution_id", lang), width=1.45),  # IMSS-BIENESTAR
        Column("amount", cols.label("amount", lang), "money", width=1.35),
        Column("penalties_due", cols.label("penalties_due", lang), "money", width=1.1),
        Column("penalties_applied", cols.label("penalties_applied", lang), "money", width=1.1),
        Column("penalty_gap", cols.label("penalty_gap", lang), "money", width=1.1),
        Column("cap_used", cols.label("cap_used", lang), "percent", width=1.05),
        Column("near_rescission", cols.label("near_rescission", lang), "bool", width=1.1),
    ], max_rows=15, more=more("ledger"),
       empty=tr("no_rows", lang), font_size=6.5)
    doc.note(tr("supplier.ledger_note", lang, threshold=fmt.percent(settings.rescission_threshold, 0, lang)))

    _methodology(doc, resolved, lang, settings, overridden)
    return doc.output_bytes()


def _kpi_columns(keys, lang: str) -> list[Column]:
    return [Column(k, _kpi_label(k, lang), cols.kind(k), width=1.3) for k in keys]


def _methodology(doc: Report, resolved, lang: str, settings, overridden=()) -> None:
    doc.section(tr("supplier.method", lang), keep=40)
    doc.paragraph(tr("supplier.method_text", lang, days=fmt.number(settings.timeliness_days, 0, lang),
                     min_lines=settings.min_lines), size=7.5)
    doc.key_values(scope_rows(resolved, lang=lang, settings=settings, overridden=overridden))
