"""What every chart carries so that an exported image stands alone: a title with units, the
filter scope, the data date and the source; Mexican number formats; an empty state.

No Streamlit here: the command line and the PDF reports build the same figures.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.i18n import has, t
from metrics import fmt
from metrics.scope import FILTERS, Scope

# Mexican conventions (1,234.5) are the same separators as English: decimal ".", thousands ",".
# Every figure of Abasto uses this template; as the default it is built once per process
# (naming it in each update_layout re-validates it: ~35 ms a figure).
pio.templates.default = "plotly_white"
SEPARATORS = ".,"
BOTTOM = 104         # px below the plot: tick labels, then the footer (data date · source)
FONT = "Source Sans Pro, DejaVu Sans, Arial, sans-serif"
COLORS = {"A": "#1a7f37", "B": "#7fb800", "C": "#f0a500", "D": "#c62828", None: "#9e9e9e",
          "primary": "#0b5394", "secondary": "#e69138", "muted": "#9e9e9e", "bad": "#c62828",
          "good": "#1a7f37", "band": "rgba(11, 83, 148, 0.12)"}
SEQUENCE = ["#0b5394", "#e69138", "#6aa84f", "#c62828", "#674ea7", "#45818e", "#bf9000",
            "#a64d79", "#3d85c6", "#999999"]


def value_label(name: str, value: str, lang: str) -> str:
    prefix = {"item_group": "group.", "procedure_type": "procedure."}.get(name)
    return t(prefix + value, lang) if prefix and has(prefix + value) else str(value)


def scope_text(scope: Scope, lang: str, *, resolved_as_of: date | None = None,
               names: dict[str, dict[str, str]] | None = None) -> str:
    """One line saying which data a figure covers: window, as-of date and active filters.

    `names` optionally maps filter -> {id: display name} (e.g. supplier names).
    """
    if scope.date_from and scope.date_to:
        parts = [t("scope.window", lang, start=fmt.day(scope.date_from, lang), end=fmt.day(scope.date_to, lang))]
    elif scope.date_from:
        parts = [t("scope.from", lang, start=fmt.day(scope.date_from, lang))]
    elif scope.date_to:
        parts = [t("scope.to", lang, end=fmt.day(scope.date_to, lang))]
    else:
        parts = [t("scope.all_dates", lang)]
    as_of = scope.as_of or resolved_as_of
    parts.append(t("scope.as_of", lang, date=fmt.day(as_of, lang)) if as_of else t("scope.as_of_latest", lang))
    for name, values in scope.active_filters().items():
        _, label_es, label_en = FILTERS[name]
        shown = [(names or {}).get(name, {}).get(v) or value_label(name, v, lang) for v in values]
        if len(shown) > 4:
            shown = shown[:4] + [f"+{len(values) - 4}"]
        parts.append(f"{label_es if lang == 'es' else label_en}: {', '.join(shown)}")
    return " · ".join(parts)


def source_text(lang: str, source: str | None = None) -> str:
    return t("scope.source", lang, source=source or t("scope.source_default", lang))


def base_layout(fig: go.Figure, title: str, *, lang: str, scope_text: str, data_date=None,
                source: str | None = None, units: str | None = None, height: int = 380) -> go.Figure:
    """Title (with units), subtitle (scope), footer (data date · source), Mexican separators."""
    heading = f"{title} ({units})" if units else title
    footer = "<br>".join(x for x in (
        t("scope.data_date", lang, date=fmt.day(data_date, lang)) if data_date else None,
        source_text(lang, source)) if x)
    fig.update_layout(
        title=dict(text=heading, x=0.008, xanchor="left", font=dict(size=16),
                   subtitle=dict(text=scope_text, font=dict(size=11, color="#555"))),
        separators=SEPARATORS,
        font=dict(family=FONT, size=12),
        colorway=SEQUENCE,
        height=height,
        margin=dict(l=60, r=20, t=80, b=BOTTOM),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1),
        meta={"scope": scope_text, "data_date": str(data_date) if data_date else None},
    )
    fig.add_annotation(text=footer, xref="paper", yref="paper", x=0, y=0, xanchor="left",
                       yanchor="bottom", yshift=-(BOTTOM - 4), showarrow=False, align="left",
                       font=dict(size=10, color="#777"))
    return fig


def empty_figure(message: str, *, title: str = "", height: int = 260) -> go.Figure:
    """A figure that says why there is nothing to draw (never a blank chart)."""
    fig = go.Figure()
    fig.update_layout(title=dict(text=title, x=0), height=height,
                      xaxis=dict(visible=False), yaxis=dict(visible=False), separators=SEPARATORS)
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=14, color="#555"))
    return fig


def cut_label(text, width: int = 34) -> str:
    """`text` cut to `width` characters, an ellipsis marking the cut."""
    text = str(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def bar_labels(names, keys=None, width: int = 34) -> list[str]:
    """Category labels for bars, one per row: names cut to `width`, and unique. A category
    axis draws rows with equal labels as one bar, summing them: two suppliers whose names
    start alike would show as one. A cut label that repeats gets the row's key appended
    (e.g. the RFC), else its position among the equals."""
    names = [str(n) for n in names]
    keys = [None] * len(names) if keys is None else [None if k is None else str(k) for k in keys]
    labels = [cut_label(n, width) for n in names]
    repeated = {lab for lab in labels if labels.count(lab) > 1}
    seen: dict[str, int] = {}
    for i, (name, key, label) in enumerate(zip(names, keys, labels)):
        if label not in repeated:
            continue
        seen[label] = seen.get(label, 0) + 1
        tag = key if key and key != name else f"({seen[label]})"
        labels[i] = f"{cut_label(name, max(8, width - len(tag) - 1))} {tag}"
    if len(set(labels)) < len(labels):          # equal names with equal keys: number them
        return bar_labels(labels, None, width=10**6)
    return labels


def month_labels(values, lang: str) -> list[str]:
    """Month dates as 'nov 2026' / 'Nov 2026' (Plotly's own date ticks would be English)."""
    return [fmt.month(v, lang) for v in values]


def month_axis(fig: go.Figure, labels: list[str], *, max_ticks: int = 12) -> go.Figure:
    """A category axis of month labels that shows at most `max_ticks` of them, unrotated."""
    step = max(1, -(-len(labels) // max_ticks))
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=labels,
                     tickmode="array", tickvals=labels[::step], tickangle=0)
    return fig


@dataclass(frozen=True)
class Caption:
    """What a builder needs to make a figure stand alone (see base_layout)."""
    lang: str
    scope_text: str
    data_date: object = None
    source: str | None = None


def finish(fig: go.Figure, title: str, cap: Caption, *, units: str | None = None,
           height: int = 380) -> go.Figure:
    return base_layout(fig, title, lang=cap.lang, scope_text=cap.scope_text,
                       data_date=cap.data_date, source=cap.source, units=units, height=height)
