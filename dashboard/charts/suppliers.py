"""Supplier figures: the OTIF p-chart, breakdowns, the supplier among its peers, and the
side-by-side comparison with intervals."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.base import (COLORS, SEQUENCE, Caption, bar_labels, cut_label, empty_figure, finish,
                                   month_axis, month_labels)
from dashboard.i18n import t


LABELLED_PEERS = 40     # above this, the peer chart shows the distribution, not every name


def pchart(frame: pd.DataFrame, cap: Caption, *, name: str) -> go.Figure:
    """Monthly OTIF with 3-sigma p-chart limits (frame: month, lines, otif, center, ucl, lcl,
    out_of_control); months outside the limits are marked red."""
    lang = cap.lang
    title = t("scorecard.pchart_title", lang, name=name)
    if frame is None or frame.empty:
        return empty_figure(t("empty.no_data", lang), title=title)
    frame = frame.sort_values("month")
    x = month_labels(frame["month"], lang)
    fig = go.Figure()
    ucl, lcl, center, otif = (frame[c].to_numpy(dtype=float) for c in ("ucl", "lcl", "center", "otif"))
    fig.add_scatter(x=x, y=ucl, mode="lines", line=dict(color="#999", dash="dot", width=1),
                    name=t("scorecard.limits", lang), legendgroup="lim",
                    hovertemplate=t("scorecard.ucl", lang) + ": %{y:.1%}<extra></extra>")
    fig.add_scatter(x=x, y=lcl, mode="lines", line=dict(color="#999", dash="dot", width=1),
                    fill="tonexty", fillcolor=COLORS["band"], showlegend=False, legendgroup="lim",
                    hovertemplate=t("scorecard.lcl", lang) + ": %{y:.1%}<extra></extra>")
    fig.add_scatter(x=x, y=center, mode="lines", line=dict(color="#666", width=1),
                    name=t("scorecard.center", lang),
                    hovertemplate=t("scorecard.center", lang) + ": %{y:.1%}<extra></extra>")
    out = frame["out_of_control"].fillna(False).astype(bool)
    fig.add_scatter(x=x, y=otif, mode="lines+markers", name="OTIF",
                    line=dict(color=COLORS["primary"], width=2.5),
                    marker=dict(size=[11 if o else 7 for o in out],
                                color=[COLORS["bad"] if o else COLORS["primary"] for o in out]),
                    customdata=frame["lines"].to_numpy(),
                    hovertemplate="%{x}: %{y:.1%} (%{customdata:,} " + t("unit.lines", lang) + ")<extra></extra>")
    fig.update_yaxes(tickformat=".0%", range=[-0.02, 1.02], title=t("scorecard.otif_axis", lang))
    month_axis(fig, x)
    return finish(fig, title, cap, units="%")


def breakdown(frame: pd.DataFrame, cap: Caption, *, label_col: str, title: str, top: int = 15,
              key_col: str | None = None) -> go.Figure:
    """OTIF and fill rate per row (item, institution or state), the largest `top` by lines;
    key_col tells apart rows whose labels cut alike (bar_labels)."""
    lang = cap.lang
    if frame is None or frame.empty:
        return empty_figure(t("empty.no_data", lang), title=title)
    frame = frame.sort_values("lines", ascending=False).head(top).iloc[::-1]
    labels = bar_labels(frame[label_col], frame[key_col] if key_col else None, width=40)
    fig = go.Figure()
    for col, key, color in (("otif_rate", "overview.otif", COLORS["primary"]),
                            ("fill_rate", "overview.fill", COLORS["secondary"])):
        fig.add_bar(y=labels, x=frame[col].to_numpy(dtype=float), orientation="h", name=t(key, lang),
                    marker_color=color, customdata=frame["lines"].to_numpy(),
                    hovertemplate="%{y}: %{x:.1%} (%{customdata:,} " + t("unit.lines", lang) + ")<extra></extra>")
    fig.update_layout(barmode="group")
    fig.update_xaxes(tickformat=".0%", range=[0, 1.02])
    fig.update_yaxes(automargin=True, type="category", categoryorder="array", categoryarray=labels)
    return finish(fig, title, cap, units="%", height=200 + 44 * len(frame))


def peers(frame: pd.DataFrame, cap: Caption, *, highlight: str, title: str) -> go.Figure:
    """Every supplier of a peer group by score with its 95 % interval; `highlight` (supplier_id)
    in the primary color, the others grey (frame: supplier_id, name, score, score_low, score_high).
    A large group is drawn by rank without names, the highlighted supplier labelled."""
    lang = cap.lang
    if frame is None or frame.empty:
        return empty_figure(t("empty.no_data", lang), title=title)
    frame = frame.sort_values("score").reset_index(drop=True)
    is_me = (frame["supplier_id"] == highlight).to_numpy()
    named = len(frame) <= LABELLED_PEERS
    y = (pd.Series(bar_labels(frame["name"], frame["supplier_id"], width=40)) if named
         else pd.Series(range(1, len(frame) + 1))).to_numpy()
    score, low, high = (frame[c].to_numpy(dtype=float) for c in ("score", "score_low", "score_high"))
    names = frame["name"].astype(str).to_numpy()
    fig = go.Figure()
    # the others, then the supplier itself: two traces of one color and size each (per-point
    # color and size lists cost a validation per point and weigh on every page run)
    for part, size, color in ((~is_me, 7, COLORS["muted"]), (is_me, 13, COLORS["secondary"])):
        if part.any():
            fig.add_scatter(x=score[part], y=y[part], mode="markers", customdata=names[part],
                            marker=dict(size=size, color=color), showlegend=False,
                            error_x=dict(type="data", symmetric=False, array=high[part] - score[part],
                                         arrayminus=score[part] - low[part], color="#ccc", thickness=1),
                            hovertemplate="%{customdata}: %{x:.1f}<extra></extra>")
    fig.update_xaxes(range=[0, 100], title=t("unit.score", lang))
    if named:      # by score, as one trace would order them
        fig.update_yaxes(automargin=True, type="category", categoryorder="array", categoryarray=list(y))
        height = 200 + 26 * len(frame)
    else:
        fig.update_yaxes(title=t("scorecard.peer_rank", lang), showticklabels=False)
        for i in is_me.nonzero()[0]:
            fig.add_annotation(x=score[i], y=int(i) + 1, text=cut_label(names[i], 30), showarrow=True,
                               arrowhead=0, ax=-80, ay=-25, font=dict(color=COLORS["secondary"], size=12))
        height = 460
    return finish(fig, title, cap, units=t("unit.score_short", lang), height=height)


def compare_intervals(frame: pd.DataFrame, cap: Caption, *, metrics: list[tuple[str, str, str, str]],
                      title: str) -> go.Figure:
    """One panel per metric, suppliers as points with intervals.

    metrics: (value column, low column, high column, label); shares in [0, 1] are shown in
    percent when the label says so via the column name ending in _rate."""
    lang = cap.lang
    if frame is None or frame.empty:
        return empty_figure(t("empty.no_data", lang), title=title)
    from plotly.subplots import make_subplots
    fig = make_subplots(rows=1, cols=len(metrics), subplot_titles=[m[3] for m in metrics],
                        shared_yaxes=True, horizontal_spacing=0.04)
    names = frame["name"].astype(str).str.slice(0, 32).tolist()
    for i, (col, low, high, _label) in enumerate(metrics, start=1):
        is_rate = col.endswith("_rate") or col.endswith("_shrunk")
        k = 100 if is_rate else 1
        value = frame[col] * k
        err = {}
        if low and high and low in frame and high in frame:
            err = dict(error_x=dict(type="data", symmetric=False, array=frame[high] * k - value,
                                    arrayminus=value - frame[low] * k, thickness=1.5, width=6))
        fig.add_scatter(x=value, y=names, mode="markers", showlegend=False,
                        marker=dict(size=11, color=[SEQUENCE[j % len(SEQUENCE)] for j in range(len(frame))]),
                        hovertemplate="%{y}: %{x:.1f}<extra></extra>", row=1, col=i, **err)
        # zoom on the data (differences between good suppliers are a few points wide)
        ends = pd.concat([value] + ([frame[low] * k, frame[high] * k] if err else [])).dropna()
        if len(ends):
            pad = max(2.0, 0.15 * (ends.max() - ends.min()))
            fig.update_xaxes(range=[max(0.0, ends.min() - pad), min(100.0, ends.max() + pad) + 0.5],
                             row=1, col=i)
        fig.update_xaxes(row=1, col=i, ticksuffix=" %" if is_rate else "")
    fig.update_yaxes(type="category", automargin=True, autorange="reversed")
    fig.update_annotations(yshift=4, font=dict(size=12))
    fig = finish(fig, title, cap, height=250 + 45 * len(frame))
    fig.update_layout(margin=dict(t=115))      # room for the panel titles under the scope line
    return fig


def compare_trend(frame: pd.DataFrame, cap: Caption, *, title: str, order: list | None = None) -> go.Figure:
    """Monthly OTIF per supplier (frame: name, month, otif_rate, lines); `order` (names) keeps
    each supplier's color the same as in compare_intervals."""
    lang = cap.lang
    if frame is None or frame.empty:
        return empty_figure(t("empty.no_data", lang), title=title)
    fig = go.Figure()
    months = sorted(frame["month"].unique())
    labels = dict(zip(months, month_labels(months, lang)))
    order = order or sorted(frame["name"].unique())
    frame = frame.sort_values("month")
    for j, name in enumerate(order):
        part = frame[frame["name"] == name]
        if part.empty:
            continue
        fig.add_scatter(x=[labels[m] for m in part["month"]], y=part["otif_rate"], name=str(name)[:32],
                        mode="lines+markers", line=dict(color=SEQUENCE[j % len(SEQUENCE)]),
                        customdata=part["lines"],
                        hovertemplate="%{x}: %{y:.1%} (%{customdata:,} " + t("unit.lines", lang) + ")<extra></extra>")
    fig.update_yaxes(tickformat=".0%", range=[-0.02, 1.02])
    month_axis(fig, [labels[m] for m in months])
    return finish(fig, title, cap, units="%")
