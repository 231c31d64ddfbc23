"""The sets of figures `abasto export charts` writes: the overview's and the shortage page's
charts (and a supplier's p-chart), for one scope, built with the dashboard's own builders so
an exported image is the one people see on screen, captioned to stand alone."""
from __future__ import annotations

import math
from pathlib import Path

from dashboard.charts.base import Caption, scope_text

# figure key -> file name (es, en)
FILE_NAMES = {
    "monthly_trend": ("otif_surtimiento_mensual", "otif_fill_rate_monthly"),
    "tiers": ("niveles_proveedores", "supplier_tiers"),
    "top": ("mejores_proveedores", "best_suppliers"),
    "bottom": ("peores_proveedores", "worst_suppliers"),
    "shortage_trend": ("desabasto_mensual", "shortages_monthly"),
    "shortage_trend_group": ("desabasto_mensual_grupo", "shortages_monthly_by_group"),
    "shortage_trend_institution": ("desabasto_mensual_institucion", "shortages_monthly_by_institution"),
    "shortage_trend_state": ("desabasto_mensual_estado", "shortages_monthly_by_state"),
    "heatmap": ("surtimiento_insumo_mes", "fill_rate_item_month"),
    "attribution": ("proveedores_detras_del_desabasto", "suppliers_behind_shortages"),
    "pchart": ("control_otif_{id}", "otif_control_{id}"),
}


def file_name(key: str, lang: str, **values) -> str:
    return FILE_NAMES[key][0 if lang == "es" else 1].format(**values)


def source_name(con, lang: str) -> str | None:
    """Where the data came from (the latest import: demo, or its file names), for source lines."""
    from metrics import coverage
    batches = coverage.history(con)
    if batches.empty:
        return None
    latest = batches.iloc[0]
    if latest.get("origin") == "demo":
        return "demostración (sintéticos)" if lang == "es" else "demo (synthetic)"
    files = coverage.batch_files(con, batch_id=int(latest["batch_id"]))
    names = [Path(str(f)).name for f in files["file"].dropna().tolist()] if "file" in files else []
    if not names:
        return None
    return ", ".join(names[:3]) + (" …" if len(names) > 3 else "")


def caption(con, resolved, lang: str) -> Caption:
    return Caption(lang, scope_text(resolved.scope, lang, resolved_as_of=resolved.as_of),
                   resolved.as_of, source_name(con, lang))


def concrete(resolved):
    """The Scope with as-of and grace pinned (for library functions that take a Scope)."""
    return resolved.scope.with_(as_of=resolved.as_of, grace_days=resolved.grace_days)


def shortage_caption(con, resolved, lang: str) -> dict:
    """The caption as the keyword arguments charts/shortages.py builders take."""
    cap = caption(con, resolved, lang)
    return dict(lang=lang, scope_text=cap.scope_text, data_date=cap.data_date, source=cap.source)


def overview_figures(con, resolved, lang: str, settings) -> dict:
    """Monthly OTIF and fill rate, suppliers per tier, best and worst suppliers."""
    from dashboard.charts import overview
    from dashboard.i18n import t
    from metrics.scorecard import scorecard

    cap = caption(con, resolved, lang)
    figs = {}
    by_month = scorecard(con, resolved, group_by=("month",), settings=settings)
    figs[file_name("monthly_trend", lang)] = overview.monthly_trend(by_month, cap)
    by_supplier = scorecard(con, resolved, settings=settings)
    tiers = (by_supplier["tier"].where(by_supplier["tier"].isin(["A", "B", "C", "D"]))
             .value_counts(dropna=False).rename_axis("tier").reset_index(name="suppliers"))
    figs[file_name("tiers", lang)] = overview.tier_distribution(tiers, cap)
    ranked = by_supplier[by_supplier["tier"].isin(["A", "B", "C", "D"])].copy()
    if len(ranked):
        ranked["name"] = ranked["supplier_name"].fillna(ranked["supplier_id"])
        ranked = ranked.sort_values(["score", "lines"], ascending=[False, False])
        n = min(5, max(1, len(ranked) // 2)) if len(ranked) > 1 else 1
        figs[file_name("top", lang)] = overview.ranked_suppliers(
            ranked.head(n), cap, title=t("overview.top_title", lang, n=n))
        if len(ranked) > n:
            figs[file_name("bottom", lang)] = overview.ranked_suppliers(
                ranked.tail(n).iloc[::-1], cap, title=t("overview.bottom_title", lang, n=n))
    return figs


def shortage_figures(con, resolved, lang: str, settings) -> dict:
    """Short items by month (total, by group, institution, state), the item × month heat map
    and the suppliers behind the shortages."""
    from dashboard.charts import shortages as charts
    from dashboard.i18n import t
    from metrics import shortages

    kw = shortage_caption(con, resolved, lang)
    scope = concrete(resolved)
    figs = {file_name("shortage_trend", lang): charts.trend(shortages.trend(con, scope, settings), **kw)}
    for by, column, label in (("group", "item_group", "shortages.by_group"),
                              ("institution", "institution_id", "shortages.by_institution"),
                              ("state", "state", "shortages.by_state")):
        frame = shortages.trend(con, scope, settings, by=by)
        figs[file_name(f"shortage_trend_{by}", lang)] = charts.trend(
            frame, by=column, by_label=t(label, lang), **kw)
    supply = shortages.supply(con, scope, settings, by=("item", "month"))
    if len(supply) and supply["short"].any():
        figs[file_name("heatmap", lang)] = charts.heatmap(
            supply, threshold=settings.shortage_threshold, **kw)
    behind = shortages.attribution(con, scope, settings)
    if len(behind):
        figs[file_name("attribution", lang)] = charts.attribution(behind, **kw)
    return figs


def supplier_figures(con, resolved, supplier_id: str, lang: str, settings, name: str | None = None) -> dict:
    """One supplier's monthly OTIF p-chart (the dashboard's builder)."""
    from dashboard.charts.suppliers import pchart as pchart_figure
    from metrics.performance import pchart
    frame = pchart(con, resolved, supplier_id, settings)
    fig = pchart_figure(frame, caption(con, resolved, lang), name=name or supplier_id)
    return {file_name("pchart", lang, id=supplier_id): thin_month_ticks(fig, len(frame))}


def thin_month_ticks(fig, months: int, most: int = 8):
    """At most `most` horizontal month labels on a category axis: a printed chart is narrower
    than the screen, and rotated labels would run into the footer."""
    if months > most:
        fig.update_xaxes(tickangle=0, dtick=math.ceil(months / most))
    return fig


def caption_warnings(figs: dict) -> list[str]:
    """'name: lacks ...' for every figure that would not stand alone once exported."""
    from dashboard.exports.charts import caption_problems
    out = []
    for name, fig in figs.items():
        problems = caption_problems(fig)
        if problems and not _is_empty_state(fig):
            out.append(f"{name}: lacks {', '.join(problems)}")
    return out


def _is_empty_state(fig) -> bool:
    """charts.base.empty_figure: a message instead of data (no caption expected)."""
    return not fig.data and bool(fig.layout.annotations)

