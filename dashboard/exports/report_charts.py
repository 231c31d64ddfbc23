"""Figures the reports need that no dashboard builder draws yet (built on charts/base.py so
they carry title, scope, data date and source like every other chart)."""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.base import COLORS, Caption, empty_figure, finish, month_labels

TEXT = {
    "pchart.title": ("Entregas a tiempo y completas por mes", "On time in full by month"),
    "pchart.otif": ("OTIF mensual", "Monthly OTIF"),
    "pchart.center": ("Promedio", "Mean"),
    "pchart.limits": ("Límites de control (3σ)", "Control limits (3σ)"),
    "pchart.out": ("Fuera de control", "Out of control"),
    "pchart.axis": ("% de líneas", "% of lines"),
    "pchart.month": ("Mes de vencimiento", "Due month"),
    "pchart.empty": ("Sin líneas evaluables en este alcance", "No evaluable lines in this scope"),
}


def _t(key: str, lang: str) -> str:
    return TEXT[key][0 if lang == "es" else 1]


def supplier_pchart(frame: pd.DataFrame, cap: Caption, *, title: str | None = None) -> go.Figure:
    """Monthly OTIF with the p-chart's center line and 3-sigma band.

    frame: metrics.performance.pchart — month, lines, otif, center, ucl, lcl, out_of_control.
    """
    lang = cap.lang
    title = title or _t("pchart.title", lang)
    if frame is None or frame.empty:
        return empty_figure(_t("pchart.empty", lang), title=title)
    frame = frame.sort_values("month")
    x = month_labels([pd.Timestamp(m).date() for m in frame["month"]], lang)
    fig = go.Figure()
    fig.add_scatter(x=x, y=frame["ucl"], mode="lines", line=dict(width=0, shape="hvh"),
                    showlegend=False, hoverinfo="skip")
    fig.add_scatter(x=x, y=frame["lcl"], mode="lines", line=dict(width=0, shape="hvh"),
                    fill="tonexty", fillcolor=COLORS["band"], name=_t("pchart.limits", lang),
                    hoverinfo="skip")
    fig.add_scatter(x=x, y=frame["center"], mode="lines", name=_t("pchart.center", lang),
                    line=dict(color=COLORS["muted"], dash="dash", width=1.5))
    fig.add_scatter(x=x, y=frame["otif"], mode="lines+markers", name=_t("pchart.otif", lang),
                    line=dict(color=COLORS["primary"], width=2.2), marker=dict(size=7),
                    customdata=frame["lines"],
                    hovertemplate="%{x}: %{y:.1%} (%{customdata:,})<extra></extra>")
    out = frame[frame["out_of_control"].astype(bool)]
    if len(out):
        fig.add_scatter(x=[x[i] for i in range(len(frame)) if bool(frame["out_of_control"].iloc[i])],
                        y=out["otif"], mode="markers", name=_t("pchart.out", lang),
                        marker=dict(color=COLORS["bad"], size=11, symbol="circle-open", line=dict(width=2.5)))
    fig.update_yaxes(tickformat=".0%", range=[0, 1.02], title=_t("pchart.axis", lang))
    # at most ~8 month labels, horizontal, so the axis title never runs into the footer
    fig.update_xaxes(type="category", title=_t("pchart.month", lang), tickangle=0,
                     dtick=max(1, math.ceil(len(x) / 8)))
    return finish(fig, title, cap, units="%", height=360)
