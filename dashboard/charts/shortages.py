"""Plotly figures of the Shortages and Item pages (no Streamlit: the CLI and reports reuse them).

Every builder takes the small frame a metrics.shortages function returned, the language, the
scope text, the data date and the source, and returns a figure that stands alone when
exported (title with units, scope, data date and source through charts.base.base_layout).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.base import SEQUENCE, bar_labels, base_layout, empty_figure, month_labels
from dashboard.i18n import has, t
from metrics import fmt

BAD, GOOD, LIGHT = "#c62828", "#0b5394", "#c9d6e3"
MAX_SERIES = 8


def _months(values, lang: str) -> list[str]:
    return month_labels([pd.Timestamp(v).date() for v in values], lang)


def month_ticks(fig, values, labels, *, max_ticks: int = 14) -> None:
    """Month axis: at most `max_ticks` horizontal labels (every k-th month), no axis title
    (the labels say they are months), so the footer line never collides with them."""
    step = max(1, -(-len(values) // max_ticks))
    fig.update_xaxes(tickmode="array", tickvals=list(values)[::step], ticktext=list(labels)[::step],
                     tickangle=0, title_text=None)


def fill_scale(threshold: float) -> list:
    """Reds below the shortage threshold, blues from it up: the break is the threshold."""
    thr = min(max(float(threshold), 0.02), 0.99)
    return [[0.0, "#8e0c1f"], [thr * 0.5, "#d6604d"], [thr - 0.001, "#f7c6b5"],
            [thr, "#d1e5f0"], [1.0, "#2166ac"]]


def _finish(fig, title, *, lang, scope_text, data_date, source, units=None, height=380):
    return base_layout(fig, title, lang=lang, scope_text=scope_text, data_date=data_date,
                       source=source, units=units, height=height)


def trend(frame: pd.DataFrame, *, lang: str, scope_text: str, data_date=None, source=None,
          by: str | None = None, by_label: str | None = None) -> go.Figure:
    """Short items per month: bars for the total, or one line per value of the id column `by`
    (item_group / institution_id / state; the MAX_SERIES with most short items, said so on the chart).

    frame: metrics.shortages.trend — month, short_items and the `by` column (+ its *_name).
    """
    title = t("shortages.trend_title", lang)
    if frame is None or frame.empty:
        return empty_figure(t("shortages.empty", lang), title=title)
    fig = go.Figure()
    if by and by in frame.columns:
        name_col = next((c for c in (by.replace("_id", "_name"), by) if c in frame.columns), by)
        labels = frame[name_col].fillna(frame[by]).fillna("—").astype(str)
        if by == "item_group":
            labels = frame[by].map(lambda g: t(f"group.{g}", lang) if pd.notna(g) and has(f"group.{g}") else str(g))
        data = frame.assign(_series=labels)
        totals = data.groupby("_series")["short_items"].sum().sort_values(ascending=False, kind="stable")
        keep = list(totals.index[:MAX_SERIES])     # a sum of the rest would dwarf every line
        data = data[data["_series"].isin(keep)].groupby(["month", "_series"], as_index=False)["short_items"].sum()
        for i, series in enumerate(keep):
            part = data[data["_series"] == series].sort_values("month")
            fig.add_trace(go.Scatter(
                x=part["month"], y=part["short_items"], mode="lines+markers", name=series,
                line={"color": SEQUENCE[i % len(SEQUENCE)], "width": 2},
                customdata=_months(part["month"], lang),
                hovertemplate="%{customdata}: %{y:,.0f}<extra>%{fullData.name}</extra>"))
        if len(totals) > len(keep):
            fig.add_annotation(text=t("shortages.top_series", lang, n=len(keep), total=len(totals)),
                               xref="paper", yref="paper", x=0, y=1.0, yanchor="bottom",
                               showarrow=False, font={"size": 11, "color": "#555"})
    else:
        data = frame.groupby("month", as_index=False)["short_items"].sum().sort_values("month")
        fig.add_trace(go.Bar(x=data["month"], y=data["short_items"], marker_color=BAD,
                             name=t("shortages.short_items", lang),
                             customdata=_months(data["month"], lang),
                             hovertemplate="%{customdata}: %{y:,.0f}<extra></extra>"))
    months = sorted(frame["month"].unique())
    month_ticks(fig, months, _months(months, lang), max_ticks=9 if by else 14)
    fig.update_yaxes(title_text=t("shortages.short_items", lang), rangemode="tozero")
    fig = _finish(fig, title, lang=lang, scope_text=scope_text, data_date=data_date,
                  source=source, units=t("shortages.count_items_unit", lang), height=420)
    if by and by in frame.columns:   # many series: the legend goes right, after base_layout's default
        fig.update_layout(legend={"title": {"text": by_label or ""}, "orientation": "v", "x": 1.01,
                                  "y": 1, "xanchor": "left", "yanchor": "top"}, margin={"r": 190},
                          showlegend=True)   # even one series says whose it is
    return fig


def heatmap(frame: pd.DataFrame, *, lang: str, scope_text: str, data_date=None, source=None,
            threshold: float = 0.9, top: int = 30) -> go.Figure:
    """Fill rate by item (rows) and month (columns) for the `top` items with most short months.

    frame: metrics.shortages.supply by (item, month) — item_code, description, month,
    fill_rate, short.
    """
    title = t("shortages.heatmap_title", lang)
    if frame is None or frame.empty:
        return empty_figure(t("shortages.empty", lang), title=title)
    short_months = frame.groupby("item_code")["short"].sum().sort_values(ascending=False, kind="stable")
    items = [c for c in short_months.index[:top] if short_months[c] > 0] or list(short_months.index[:top])
    data = frame[frame["item_code"].isin(items)]
    grid = data.pivot_table(index="item_code", columns="month", values="fill_rate", aggfunc="mean")
    grid = grid.reindex(items)
    if "description" in data.columns:
        desc = data.drop_duplicates("item_code").set_index("item_code")["description"]
        labels = [f"{c} · {str(desc.get(c) or '')[:30]}".rstrip(" ·") for c in grid.index]
    else:
        labels = list(grid.index)
    months = list(grid.columns)
    month_text = _months(months, lang)
    fig = go.Figure(go.Heatmap(
        z=grid.values, x=month_text, y=labels, zmin=0, zmax=1, colorscale=fill_scale(threshold),
        colorbar={"title": {"text": t("shortages.fill_rate", lang)}, "tickformat": ".0%"},
        hovertemplate="%{y}<br>%{x}: %{z:.1%}<extra></extra>", xgap=1, ygap=1))
    fig.update_yaxes(autorange="reversed", automargin=True, type="category")
    fig.update_xaxes(type="category")
    month_ticks(fig, month_text, month_text, max_ticks=9)
    note = t("shortages.heatmap_note", lang, n=len(labels), threshold=fmt.percent(threshold, 0, lang))
    fig.add_annotation(text=note, xref="paper", yref="paper", x=0, y=1.0, yanchor="bottom",
                       showarrow=False, font={"size": 11, "color": "#555"})
    return _finish(fig, title, lang=lang, scope_text=scope_text, data_date=data_date,
                   source=source, units="%", height=max(400, 22 * len(labels) + 220))


def item_history(frame: pd.DataFrame, *, code: str, lang: str, scope_text: str, data_date=None,
                 source=None, threshold: float = 0.9) -> go.Figure:
    """One item's pieces ordered / accepted by the as-of date per month (bars) and its fill
    rate (line, short months in red) with the shortage threshold line.

    frame: metrics.shortages.supply by (item, month) for one item — month, qty_ordered,
    qty_accepted, fill_rate.
    """
    title = t("item.history_title", lang, code=code)
    if frame is None or frame.empty:
        return empty_figure(t("item.not_found", lang, code=code), title=title)
    data = frame.sort_values("month")
    x = _months(data["month"], lang)
    fig = go.Figure()
    fig.add_trace(go.Bar(x=x, y=data["qty_ordered"], name=t("item.qty_ordered", lang),
                         marker_color=LIGHT,
                         hovertemplate="%{x}: %{y:,.0f}<extra>%{fullData.name}</extra>"))
    fig.add_trace(go.Bar(x=x, y=data["qty_accepted"], name=t("item.qty_accepted", lang),
                         marker_color=GOOD,
                         hovertemplate="%{x}: %{y:,.0f}<extra>%{fullData.name}</extra>"))
    short = data["fill_rate"] < threshold
    fig.add_trace(go.Scatter(
        x=x, y=data["fill_rate"], name=t("shortages.fill_rate", lang), yaxis="y2",
        mode="lines+markers", line={"color": "#333", "width": 2},
        marker={"color": [BAD if s else "#333" for s in short], "size": 9},
        hovertemplate="%{x}: %{y:.1%}<extra>%{fullData.name}</extra>"))
    fig.add_trace(go.Scatter(
        x=[x[0], x[-1]], y=[threshold, threshold], yaxis="y2", mode="lines",
        line={"color": BAD, "dash": "dash", "width": 1.5}, hoverinfo="skip",
        name=t("item.threshold", lang, value=fmt.percent(threshold, 0, lang))))
    fig.update_layout(
        barmode="overlay",
        xaxis={"type": "category"},
        yaxis={"title": {"text": t("contract.pieces", lang)}, "rangemode": "tozero"},
        yaxis2={"title": {"text": t("shortages.fill_rate", lang)}, "overlaying": "y",
                "side": "right", "range": [0, 1.05], "tickformat": ".0%", "showgrid": False,
                "tickmode": "array", "tickvals": [0, 0.25, 0.5, 0.75, 1.0]})
    month_ticks(fig, x, x)
    fig = _finish(fig, title, lang=lang, scope_text=scope_text, data_date=data_date,
                  source=source, units=t("shortages.units_pieces_pct", lang), height=440)
    # four legend entries: give them their own line between the scope line and the plot
    return fig.update_layout(margin={"t": 115}, legend={"y": 1.03, "x": 0, "xanchor": "left"})


def _hbar(data, value_col, label_col, *, color, value_format, axis_title, key_col=None):
    data = data.sort_values(value_col, ascending=True)
    full = data[label_col].astype(str)
    labels = bar_labels(full, data[key_col] if key_col else None)
    fig = go.Figure(go.Bar(x=data[value_col], y=labels, orientation="h",
                           marker_color=color, customdata=full,
                           hovertemplate="%{customdata}: %{x:" + value_format + "}<extra></extra>"))
    fig.update_xaxes(title_text=axis_title, tickformat=value_format)
    fig.update_yaxes(automargin=True, type="category", categoryorder="array", categoryarray=labels)
    fig.update_layout(showlegend=False)
    return fig


def attribution(frame: pd.DataFrame, *, lang: str, scope_text: str, data_date=None, source=None,
                top: int = 15) -> go.Figure:
    """Supplier-attributable undelivered pieces in short months, by supplier.

    frame: metrics.shortages.attribution — supplier_id, supplier_name, attributable_qty.
    """
    title = t("item.suppliers_title", lang)
    if frame is None or frame.empty or not (frame["attributable_qty"] > 0).any():
        return empty_figure(t("shortages.none_short", lang), title=title)
    label = "supplier_name" if "supplier_name" in frame.columns else "supplier_id"
    # by supplier id: two suppliers may share a name
    data = (frame.assign(_label=frame[label].fillna(frame["supplier_id"]))
            .groupby("supplier_id", as_index=False).agg(_label=("_label", "first"),
                                                        attributable_qty=("attributable_qty", "sum")))
    data = data[data["attributable_qty"] > 0].nlargest(top, "attributable_qty")
    fig = _hbar(data, "attributable_qty", "_label", color=BAD, value_format=",.0f",
                axis_title=t("item.undelivered", lang), key_col="supplier_id")
    return _finish(fig, title, lang=lang, scope_text=scope_text, data_date=data_date,
                   source=source, units=t("contract.pieces", lang).lower(),
                   height=max(320, 30 * len(data) + 200))


def shares(frame: pd.DataFrame, *, lang: str, scope_text: str, data_date=None, source=None,
           hhi=None, top: int = 15) -> go.Figure:
    """Suppliers' share of one item's accepted pieces, with its HHI.

    frame: supplier_id, supplier_name, share (0–1).
    """
    title = t("item.shares_title", lang)
    if frame is None or frame.empty:
        return empty_figure(t("item.no_shares", lang), title=title)
    label = "supplier_name" if "supplier_name" in frame.columns else "supplier_id"
    data = frame.assign(_label=frame[label].fillna(frame["supplier_id"])).nlargest(top, "share")
    fig = _hbar(data, "share", "_label", color=GOOD, value_format=".1%",
                axis_title=t("item.share", lang), key_col="supplier_id")
    if hhi is not None and pd.notna(hhi):
        fig.add_annotation(text=f"{t('item.hhi', lang)}: {fmt.number(hhi, 0, lang)}",
                           xref="paper", yref="paper", x=1, y=1, xanchor="right",
                           yanchor="bottom", showarrow=False, font={"size": 12})
    return _finish(fig, title, lang=lang, scope_text=scope_text, data_date=data_date,
                   source=source, units="%", height=max(300, 30 * len(data) + 200))


def prescriptions(frame: pd.DataFrame, *, lang: str, scope_text: str, data_date=None,
                  source=None) -> go.Figure:
    """Prescriptions filled and unfilled by month (stacked). frame: month, issued, filled."""
    title = t("shortages.prescriptions_title", lang)
    if frame is None or frame.empty:
        return empty_figure(t("shortages.prescriptions_missing", lang), title=title)
    data = frame.assign(month=pd.to_datetime(frame["month"].astype(str).str[:7] + "-01"))
    data = data.groupby("month", as_index=False)[["issued", "filled"]].sum().sort_values("month")
    x = _months(data["month"], lang)
    fig = go.Figure()
    fig.add_trace(go.Bar(x=x, y=data["filled"], name=t("shortages.filled", lang),
                         marker_color=GOOD,
                         hovertemplate="%{x}: %{y:,.0f}<extra>%{fullData.name}</extra>"))
    fig.add_trace(go.Bar(x=x, y=data["issued"] - data["filled"], name=t("shortages.unfilled", lang),
                         marker_color=BAD,
                         hovertemplate="%{x}: %{y:,.0f}<extra>%{fullData.name}</extra>"))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category")
    month_ticks(fig, x, x, max_ticks=5)
    fig.update_yaxes(title_text=t("shortages.prescriptions_unit", lang))
    return _finish(fig, title, lang=lang, scope_text=scope_text, data_date=data_date,
                   source=source, units=t("shortages.prescriptions_unit", lang))


def funnel(frame: pd.DataFrame, *, lang: str, scope_text: str, data_date=None,
           source=None) -> go.Figure:
    """Procurement funnel. frame: stage (display label, in funnel order), count."""
    title = t("shortages.funnel_title", lang)
    if frame is None or frame.empty:
        return empty_figure(t("shortages.funnel_missing", lang), title=title)
    data = frame.groupby("stage", as_index=False, sort=False)["count"].sum()
    fig = go.Figure(go.Funnel(y=data["stage"].astype(str), x=data["count"],
                              texttemplate="%{value:,.0f} (%{percentInitial:.0%})",
                              hovertemplate="%{y}: %{x:,.0f}<extra></extra>", marker={"color": GOOD}))
    fig.update_yaxes(automargin=True)
    return _finish(fig, title, lang=lang, scope_text=scope_text, data_date=data_date,
                   source=source, units=t("shortages.count", lang).lower())
