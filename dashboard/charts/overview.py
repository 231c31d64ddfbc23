"""Overview figures: monthly OTIF and fill rate, tier distribution, best and worst suppliers."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.base import COLORS, Caption, bar_labels, empty_figure, finish, month_axis, month_labels
from dashboard.i18n import t

TIER_ORDER = ("A", "B", "C", "D", None)


def monthly_trend(frame: pd.DataFrame, cap: Caption) -> go.Figure:
    """OTIF and fill rate per due month (frame: month, otif_rate, fill_rate, lines)."""
    lang = cap.lang
    title = t("overview.trend_title", lang)
    if frame is None or frame.empty:
        return empty_figure(t("empty.no_data", lang), title=title)
    frame = frame.sort_values("month")
    x = month_labels(frame["month"], lang)
    fig = go.Figure()
    for col, key, color in (("otif_rate", "overview.otif", COLORS["primary"]),
                            ("fill_rate", "overview.fill", COLORS["secondary"])):
        fig.add_scatter(x=x, y=frame[col], name=t(key, lang), mode="lines+markers",
                        line=dict(color=color, width=2.5), customdata=frame["lines"],
                        hovertemplate="%{x}: %{y:.1%} (%{customdata:,} " + t("unit.lines", lang) + ")<extra></extra>")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero", title=t("unit.percent_of_lines", lang))
    month_axis(fig, x, max_ticks=8)
    return finish(fig, title, cap, units="%")


def tier_distribution(frame: pd.DataFrame, cap: Caption) -> go.Figure:
    """Suppliers per tier (frame: tier, suppliers); tier None = insufficient data."""
    lang = cap.lang
    title = t("overview.tiers_title", lang)
    if frame is None or frame.empty or frame["suppliers"].sum() == 0:
        return empty_figure(t("empty.no_data", lang), title=title)
    counts = {(None if pd.isna(r.tier) else r.tier): int(r.suppliers) for r in frame.itertuples()}
    tiers = [tier for tier in TIER_ORDER if tier in counts]
    labels = [t(f"tier.{tier}", lang) if tier else t("tier.insufficient", lang) for tier in tiers]
    values = [counts[tier] for tier in tiers]
    fig = go.Figure(go.Bar(x=labels, y=values, marker_color=[COLORS[tier] for tier in tiers],
                           text=values, textposition="outside",
                           hovertemplate="%{x}: %{y:,}<extra></extra>"))
    fig.update_yaxes(title=t("unit.suppliers", lang), rangemode="tozero")
    fig.update_xaxes(type="category")
    return finish(fig, title, cap, units=t("unit.suppliers", lang), height=340)


def ranked_suppliers(frame: pd.DataFrame, cap: Caption, *, title: str) -> go.Figure:
    """Horizontal bars of score with its 95 % interval (frame: name, score, score_low,
    score_high, tier), in the frame's order from the top."""
    lang = cap.lang
    if frame is None or frame.empty:
        return empty_figure(t("empty.no_data", lang), title=title)
    frame = frame.iloc[::-1]
    labels = bar_labels(frame["name"], frame["supplier_id"] if "supplier_id" in frame else None)
    fig = go.Figure(go.Bar(
        y=labels, x=frame["score"], orientation="h",
        marker_color=[COLORS.get(tier if isinstance(tier, str) else None, COLORS[None]) for tier in frame["tier"]],
        error_x=dict(type="data", symmetric=False, array=frame["score_high"] - frame["score"],
                     arrayminus=frame["score"] - frame["score_low"], color="#444", thickness=1.2),
        hovertemplate="%{y}: %{x:.1f}<extra></extra>"))
    fig.update_xaxes(range=[0, 100], title=t("unit.score", lang))
    fig.update_yaxes(automargin=True, type="category", categoryorder="array", categoryarray=labels)
    return finish(fig, title, cap, units=t("unit.score_short", lang), height=200 + 34 * len(frame))
