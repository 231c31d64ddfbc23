"""Plotly figures of the Contracts and Contract pages (no Streamlit import).

Builders take the frames metrics.ledger.ledger / metrics.scorecard.lines return, a language,
the scope text and the data date; base_layout puts title, units, scope, date and source in.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.base import base_layout, empty_figure, month_labels
from dashboard.charts.shortages import month_ticks
from dashboard.i18n import t
from metrics import fmt


def _hover(frame: pd.DataFrame) -> pd.Series:
    """'C-001 · Supplier name' for the hover; the axis shows the contract number alone."""
    if "supplier_name" in frame.columns:
        return frame["contract_id"].astype(str) + " · " + frame["supplier_name"].fillna("").astype(str)
    return frame["contract_id"].astype(str)


def penalty_gap(ledger: pd.DataFrame, *, lang: str, scope_text: str, data_date=None, source=None,
                top: int = 15) -> go.Figure:
    """Penalties due vs applied for the `top` contracts with the largest gap (grouped bars)."""
    title = t("contracts.gap_chart_title", lang)
    if ledger is None or ledger.empty or not (ledger["penalty_gap"] > 0).any():
        return empty_figure(t("contracts.empty", lang), title=title)
    data = ledger.nlargest(top, "penalty_gap")          # (not a copy of every contract with a gap)
    data = data[data["penalty_gap"] > 0].iloc[::-1]
    labels, hover = data["contract_id"].astype(str), _hover(data)
    fig = go.Figure()
    fig.add_trace(go.Bar(y=labels, x=data["penalties_due"], orientation="h", customdata=hover,
                         name=t("contracts.penalties_due", lang), marker_color="#d1495b",
                         hovertemplate="%{customdata}<br>%{x:$,.2f}<extra>%{fullData.name}</extra>"))
    fig.add_trace(go.Bar(y=labels, x=data["penalties_applied"], orientation="h", customdata=hover,
                         name=t("contracts.penalties_applied", lang), marker_color="#1b6ca8",
                         hovertemplate="%{customdata}<br>%{x:$,.2f}<extra>%{fullData.name}</extra>"))
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text=t("contracts.money_axis", lang), tickformat="$,.0f")
    fig.update_yaxes(automargin=True)
    fig = base_layout(fig, title, lang=lang, scope_text=scope_text, data_date=data_date,
                      source=source, units="MXN", height=max(360, 34 * len(data) + 220))
    # the legend gets its own line under the scope line instead of crossing the title
    return fig.update_layout(margin={"t": 115}, legend={"y": 1.03, "x": 0, "xanchor": "left"})


def cap_used(ledger: pd.DataFrame, *, lang: str, scope_text: str, data_date=None, source=None,
             threshold: float = 0.8) -> go.Figure:
    """How many contracts use each tenth of their penalty cap; the bins at or above the
    rescission threshold in red, with the threshold line."""
    title = t("contracts.cap_chart_title", lang)
    used = ledger["cap_used"].dropna().clip(0, 1) if ledger is not None and len(ledger) else pd.Series(dtype=float)
    if used.empty:
        return empty_figure(t("contracts.empty", lang), title=title)
    edges = [i / 10 for i in range(11)]
    bins = pd.cut(used, edges, right=False, include_lowest=True)
    counts = bins.value_counts(sort=False).tolist()
    counts[-1] += int((used >= 1.0).sum())          # a full cap (1.0) belongs to the last bin
    starts = edges[:-1]
    labels = [f"{round(a * 100)}–{round(a * 100) + 10}" for a in starts]
    colors = ["#b2182b" if a + 0.1 > threshold + 1e-9 else "#1b6ca8" for a in starts]
    fig = go.Figure(go.Bar(x=labels, y=counts, marker_color=colors, text=counts,
                           texttemplate="%{text:,.0f}", textposition="outside", cliponaxis=False,
                           hovertemplate="%{x} %: %{y:,.0f}<extra></extra>"))
    threshold_at = threshold * 10 - 0.5              # category axis: bin i is centred on i
    fig.add_vline(x=threshold_at, line_dash="dash", line_color="#b2182b",
                  annotation_text=t("contract.near", lang) + f" (≥ {fmt.percent(threshold, 0, lang)})",
                  annotation_position="top left")
    fig.update_xaxes(title_text=t("contracts.cap_used", lang) + " (%)", type="category", tickangle=0,
                     tickfont={"size": 10})
    fig.update_yaxes(title_text=t("contracts.count", lang), rangemode="tozero")
    fig.update_layout(showlegend=False)
    return base_layout(fig, title, lang=lang, scope_text=scope_text, data_date=data_date,
                       source=source, units=t("contracts.count", lang).lower(), height=380)


def deliveries(monthly: pd.DataFrame, *, lang: str, scope_text: str, data_date=None,
               source=None) -> go.Figure:
    """Pieces of one contract by due month: accepted on time, late, still missing (stacked).

    monthly: month, on_time, late, missing (see views.contract for how lines are summed).
    """
    title = t("contract.deliveries_title", lang)
    if monthly is None or monthly.empty:
        return empty_figure(t("contracts.empty", lang), title=title)
    data = monthly.sort_values("month")
    months = month_labels([pd.Timestamp(m).date() for m in data["month"]], lang)
    fig = go.Figure()
    for col, key, color in (("on_time", "contract.accepted_on_time", "#1b6ca8"),
                            ("late", "contract.accepted_late", "#edae49"),
                            ("missing", "contract.missing", "#d1495b")):
        fig.add_trace(go.Bar(x=months, y=data[col], name=t(key, lang), marker_color=color,
                             hovertemplate="%{x}: %{y:,.0f}<extra>%{fullData.name}</extra>"))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category")
    month_ticks(fig, months, months, max_ticks=10)
    fig.update_yaxes(title_text=t("contract.pieces", lang), rangemode="tozero")
    return base_layout(fig, title, lang=lang, scope_text=scope_text, data_date=data_date,
                       source=source, units=t("contract.pieces", lang).lower(), height=400)
