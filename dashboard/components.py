"""Building blocks every page uses: KPI cards that show their workings, tables and charts
with downloads, empty states, the scope caption.

Pages stay short: read the scope, call a library function through dashboard.data, hand
the frame to a chart builder, then to `chart()` / `table()` here.
"""
from __future__ import annotations

import math
import re

import pandas as pd
import streamlit as st

from dashboard import data, state
from dashboard.charts import base
from dashboard.exports import charts as export_charts
from dashboard.exports import columns as export_columns
from dashboard.exports import tables as export_tables
from dashboard.i18n import t
from metrics import fmt, scorecard, words
from metrics.kpis import KPIS

# ---------------------------------------------------------------- values


def missing(value) -> bool:
    return fmt.is_missing(value)


# KPI registry units -> metrics.fmt kinds (days carry their unit word; others by value)
_FMT_KINDS = {"share": "percent", "MXN": "money", "index": "decimal", "score": "score",
              "count": "int", "qty": "int"}


def format_value(value, unit: str | None, lang: str | None = None) -> str:
    """A value shown per language with metrics.fmt, by the KPI registry's unit."""
    lang = lang or state.lang()
    if missing(value):
        return "—"
    if unit == "days":
        return f"{fmt.number(value, 1, lang)} {t('unit.days', lang)}"
    if unit in _FMT_KINDS:
        return fmt.by_kind(value, _FMT_KINDS[unit], lang)
    if isinstance(value, float) and not value.is_integer():
        return fmt.number(value, 2, lang)
    return fmt.number(value, 0, lang)


def format_delta(delta, unit: str | None, lang: str | None = None) -> str | None:
    """A change vs the previous period: points for shares, the unit otherwise."""
    lang = lang or state.lang()
    if missing(delta):
        return None
    sign = "+" if delta > 0 else ""
    if unit == "share":
        return f"{sign}{fmt.number(100 * delta, 1, lang)} pp"
    if unit == "MXN":
        return ("+" if delta > 0 else "") + fmt.money(delta, lang)
    if unit in ("count", "qty"):
        return f"{sign}{fmt.number(delta, 0, lang)}"
    return f"{sign}{fmt.number(delta, 1, lang)}"


# ---------------------------------------------------------------- KPI card


# KPI -> the selection of metrics.scorecard.LINE_SELECTIONS that shows the lines behind it
KPI_LINES = {"lines": "all", "on_time_rate": "not_on_time", "otif_rate": "not_otif",
             "non_compliant_rate": "not_otif", "fill_rate": "open_overdue",
             "undelivered_share": "open_overdue", "open_overdue_lines": "open_overdue",
             "backlog_qty": "open_overdue", "days_late_mean": "late", "days_late_p90": "late",
             "rejection_rate": "rejected", "short_shelf_life_rate": "short_shelf_life",
             "penalties_due": "penalised", "penalty_gap": "penalised", "score": "not_otif"}
LINES_KEY = "lines_only"


def _show_lines(selection: str) -> None:
    st.session_state[LINES_KEY] = selection


def kpi_card(kpi_key: str, value, *, delta=None, lines=None, detail: str | None = None,
             reason: str | None = None, label: str | None = None, container=None,
             show_lines: bool = False) -> None:
    """One KPI: value (per language), change, and a popover with its formula, the lines behind
    it and any detail (exclusions, raw vs shrunk, interval). A value that cannot be computed
    says why ("no calculable: ...") instead of showing 0 or 100."""
    where = container or st
    lang = state.lang()
    kpi = KPIS.get(kpi_key)
    unit = kpi.unit if kpi else None
    title = label or (kpi.label(lang) if kpi else kpi_key)
    with where.container(border=True):
        if missing(value):
            st.metric(title, "—")
            st.caption(t("kpi.not_computable", reason=reason or t("kpi.no_reason")))
        else:
            higher = kpi.higher_is_better if kpi else None
            color = "normal" if higher in (True, None) else "inverse"
            st.metric(title, format_value(value, unit, lang), delta=format_delta(delta, unit, lang),
                      delta_color=color if higher is not None else "off",
                      help=(kpi.why(lang) if kpi else None))
        with st.popover(t("kpi.how"), width="stretch"):
            if kpi:
                st.markdown(f"**{t('kpi.formula')}:** {kpi.formula(lang)}")
            if lines is not None and not missing(lines):
                st.markdown(t("kpi.lines", n=fmt.number(lines, 0, lang)))
            if detail:
                st.markdown(detail)
            if delta is not None and not missing(delta):
                st.caption(f"{format_delta(delta, unit, lang)} {t('kpi.delta_prev')}")
            selection = KPI_LINES.get(kpi_key)
            if show_lines and selection:
                which = t(f"lines.{selection}")      # lower-case its first letter only (not "OTIF")
                st.button(t("kpi.show_lines", which=which[:1].lower() + which[1:]),
                          key=f"kpi_lines_{kpi_key}", on_click=_show_lines, args=(selection,),
                          icon=":material/table_rows:", type="tertiary")


# ---------------------------------------------------------------- tables


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_") or "tabla"


# the shortage views' headers and formats (metrics/shortages/labels.py), as in the workbook's
# shortage sheets: pass as `wording` for a table of metrics.shortages
SHORTAGE_WORDING = export_columns.shortage_labels()


def table_file(frame: pd.DataFrame, kind: str, name: str, *, lang: str, scope=None,
               wording: tuple[dict, dict] | None = None, source: str | None = None,
               settings=None) -> bytes:
    """The file a table's download button gives: "csv" or "xlsx" (one sheet `name` and the
    scope sheet, which names `source`); `wording` is (labels, kinds) of its columns where they
    differ from dashboard.exports.columns. Codes (tiers, trends, groups…) come out in words,
    as in `abasto export tables`."""
    labels, kinds = wording or ({}, {})
    rows = words.for_people(frame, lang)
    if kind == "csv":
        return export_tables.to_csv_bytes(rows, lang, labels=labels, kinds=kinds)
    return export_tables.to_xlsx_bytes({name: rows}, scope=scope, lang=lang, labels=labels, kinds=kinds,
                                       source=source, settings=settings)


def _dated(scope):
    """The scope with its cut-off date made concrete (the latest delivery when none is set),
    so that a workbook forwarded later says the date its numbers were judged at."""
    if scope.as_of is not None or not data.info().get("max_delivered"):
        return scope
    return scope.with_(as_of=data.info()["max_delivered"])


def downloads(frame, name: str, *, scope=None, wording: tuple[dict, dict] | None = None) -> None:
    """CSV and XLSX download buttons (table_file); the files are built only when clicked.
    `frame` is the table, or a function returning it when building it costs a query of its
    own."""
    lang = state.lang()
    scope = scope or state.scope()
    slug = _slug(name)
    get = frame if callable(frame) else lambda: frame
    row = st.container(horizontal=True)
    row.download_button(t("table.csv"),
                        data=lambda: table_file(get(), "csv", name, lang=lang, wording=wording),
                        file_name=f"{slug}.csv", mime="text/csv", key=f"dl_csv_{slug}",
                        on_click="ignore", icon=":material/download:", help=t("table.download_help"))
    row.download_button(
        t("table.xlsx"), data=lambda: table_file(get(), "xlsx", name, lang=lang, scope=_dated(scope),
                                                 wording=wording, source=source_name(),
                                                 settings=data.settings()),
        file_name=f"{slug}.xlsx", key=f"dl_xlsx_{slug}", on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:", help=t("table.download_help"))


def table(frame: pd.DataFrame, name: str, *, column_config=None, on_select=None,
          download=None, height=None, key: str | None = None,
          selection_mode: str = "single-row", scope=None, wording=None):
    """st.dataframe + CSV/XLSX downloads. Returns the selection event when on_select is set.

    `download` is the frame to export when it differs from the displayed one (e.g. raw
    numbers instead of formatted text), or a function returning it; `wording` its column
    labels and kinds (see downloads())."""
    if frame is None or len(frame) == 0:
        empty(t("table.empty"))
        return None
    kwargs = dict(hide_index=True, column_config=column_config, width="stretch",
                  key=key or f"tbl_{_slug(name)}")
    if height is not None:
        kwargs["height"] = height
    if on_select is not None:
        kwargs.update(on_select=on_select, selection_mode=selection_mode)
    event = st.dataframe(frame, **kwargs)
    downloads(download if download is not None else frame, name, scope=scope, wording=wording)
    return event if on_select is not None else None


def labelled_table(frame: pd.DataFrame, columns: dict, name: str, *, download=None, **kwargs):
    """`table()` of `frame` under the page's headings: `columns` maps each heading to a column
    of `frame` or to values in its row order; the download is `frame` itself (raw numbers)
    unless `download` says otherwise."""
    show = pd.DataFrame({label: _positional(frame[col] if isinstance(col, str) else col)
                         for label, col in columns.items()})
    return table(show, name, download=frame if download is None else download, **kwargs)


def _positional(values):
    """Values by row position (a Series' own index dropped, its dtype kept)."""
    return values.reset_index(drop=True) if isinstance(values, pd.Series) else list(values)


# ---------------------------------------------------------------- charts


@st.cache_resource(show_spinner=False)
def _export_available() -> bool:
    try:
        return bool(export_charts.available())
    except Exception:
        return False


def chart(fig, name: str) -> None:
    """A Plotly chart with PNG/SVG downloads (server-side, built on click) when Chromium is
    available; otherwise the chart's own camera button and a note how to enable export."""
    st.plotly_chart(fig, width="stretch", key=f"chart_{_slug(name)}",
                    config={"displaylogo": False, "toImageButtonOptions": {"filename": _slug(name)}})
    slug = _slug(name)
    if _export_available():
        row = st.container(horizontal=True)
        for kind, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
            row.download_button(t(f"chart.{kind}"), data=lambda k=kind: export_charts.figure_bytes(fig, k),
                                file_name=f"{slug}.{kind}", mime=mime, key=f"dl_{kind}_{slug}",
                                on_click="ignore", icon=":material/image:")
    else:
        st.caption(t("chart.export_unavailable"))


def empty(reason: str, *, title: str | None = None) -> None:
    """An explanation in place of a blank chart or table."""
    st.info(f"**{title}** — {reason}" if title else reason, icon=":material/info:")


def supplier_scorecard(scope) -> pd.DataFrame:
    """The all-supplier scorecard of `scope` (cached: one computation per scope and data
    version, shared by every page and session); on an empty scope, says so and ends the run."""
    frame = data.call(scorecard.scorecard, scope)
    if frame.empty:
        empty(t("empty.no_data"))
        st.stop()
    return frame


def pick(kind: str, *, label: str, placeholder: str, key: str, format_func) -> str:
    """The selected item / contract (in the URL as ?<kind>=): a selectbox over the catalogue's
    ids, `format_func(id, names)` showing each. An id in the URL that is not in the catalogue
    stays the first choice, and the page says it does not exist and ends its run (not "no
    lines with these filters", which would send the user to the wrong fix). With nothing
    selected, says `placeholder` and ends the page's run."""
    names = data.names(kind)
    current = state.selected(kind)
    choices = list(names)
    if current and current not in names:
        choices = [current] + choices
    picked = st.selectbox(label, choices, index=choices.index(current) if current in choices else None,
                          key=key, placeholder=placeholder, format_func=lambda c: format_func(c, names))
    if picked != current:
        state.select(kind, picked)
        current = picked
    if not current:
        empty(placeholder)
        st.stop()
    if current not in names:
        st.warning(t(f"{kind}.unknown", id=current))
        st.stop()
    return current


def near_rescission(ledger: pd.DataFrame) -> pd.DataFrame:
    """The contracts of a metrics.ledger.ledger near rescission, highest cap use first (for
    data.call(..., then=): the cache keeps these rows, not the whole ledger)."""
    near = ledger[ledger["near_rescission"].fillna(False).astype(bool)]
    return near.sort_values("cap_used", ascending=False).reset_index(drop=True)


def no_data_text() -> str:
    """Why a database without orders shows nothing, with its path: what to import (contracts
    alone, as CompraNet and OCDS files give, make no indicator), or that it is empty."""
    contracts = int(data.info().get("contracts") or 0)
    if contracts:
        return t("app.db_no_orders", path=data.db_path(),
                 sentence=words.no_orders_text(contracts, state.lang()))
    return t("app.db_missing_data", path=data.db_path())


def stop_without_data() -> None:
    """On a database with no orders yet: say so, with its path, and end this page's run."""
    if not data.has_data():
        empty(no_data_text())
        st.stop()


# ---------------------------------------------------------------- scope


def scope_text(scope=None) -> str:
    lang = state.lang()
    scope = scope or state.scope()
    as_of = data.info().get("max_delivered") if scope.as_of is None else None
    names = {"supplier": data.names("supplier")} if scope.supplier else None
    return base.scope_text(scope, lang, resolved_as_of=as_of, names=names)


def caption_scope(scope=None) -> None:
    """One line under a page title: which data the page covers."""
    info = data.info()
    lang = state.lang()
    text = t("scope.caption", scope=scope_text(scope))
    if info.get("max_delivered"):
        text += " · " + t("scope.data_date", date=fmt.day(info["max_delivered"], lang))
    st.caption(text)


def source_name() -> str:
    """Where the data came from, for chart source lines."""
    info = data.info()
    if info.get("origin") == "demo":
        return "demo" if state.lang() == "en" else "demostración (sintéticos)"
    files = info.get("file_names") or []
    if files:
        return ", ".join(files[:3]) + (" …" if len(files) > 3 else "")
    return t("scope.source_default")


def layout(fig, title: str, *, units: str | None = None, scope=None, height: int = 380):
    """base.base_layout with this page's language, scope, data date and source."""
    info = data.info()
    scope = scope or state.scope()
    return base.base_layout(fig, title, lang=state.lang(), scope_text=scope_text(scope),
                            data_date=scope.as_of or info.get("max_delivered"),
                            source=source_name(), units=units, height=height)


def nan_to_none(value):
    return None if missing(value) or (isinstance(value, float) and math.isinf(value)) else value


def caption(scope=None) -> base.Caption:
    """The Caption a chart builder needs (language, scope line, data date, source)."""
    scope = scope or state.scope()
    info = data.info()
    return base.Caption(lang=state.lang(), scope_text=scope_text(scope),
                        data_date=scope.as_of or info.get("max_delivered"), source=source_name())


# ---------------------------------------------------------------- words for library output

def reason_text(reason: str | None, lang: str | None = None) -> str | None:
    """A library's reason (English) in the page's language."""
    if not reason:
        return None
    return words.reason(reason, lang or state.lang())


def exclusions_text(excl: pd.DataFrame | None, kpi: str) -> str | None:
    """'Lines used; excluded: n cancelled, n not yet due, n outside the window, n <reason>'."""
    if excl is None or excl.empty or kpi not in set(excl["kpi"]):
        return None
    lang = state.lang()
    row = excl[excl["kpi"] == kpi].iloc[0]
    n = lambda v: fmt.number(v, 0, lang)  # noqa: E731
    parts = [t("kpi.excluded_cancelled", n=n(row["cancelled"])),
             t("kpi.excluded_not_due", n=n(row["not_yet_due"])),
             t("kpi.excluded_window", n=n(row["outside_window"]))]
    if row.get("missing_data"):
        parts.append(t("kpi.excluded_missing", n=n(row["missing_data"]),
                       reason=reason_text(row.get("missing_reason"), lang) or ""))
    return t("kpi.lines_used", n=n(row["lines_used"])) + " " + t("kpi.excluded", parts="; ".join(parts))


def missing_reason(excl: pd.DataFrame | None, kpi: str) -> str | None:
    """Why a KPI has no value for this scope when every line lacks what it needs
    (e.g. days late with no completed line): from metrics.scorecard.exclusions."""
    if excl is None or excl.empty or kpi not in set(excl["kpi"]):
        return None
    row = excl[excl["kpi"] == kpi].iloc[0]
    if row["lines_used"] == 0 and row.get("missing_data"):
        lang = state.lang()
        return t("kpi.reason_missing", n=fmt.number(row["missing_data"], 0, lang),
                 reason=reason_text(row.get("missing_reason"), lang) or "")
    return None


# ---------------------------------------------------------------- table columns


def percent_column(label: str, **kw):
    """For shares already multiplied by 100 (see pct())."""
    return st.column_config.NumberColumn(label, format="%.1f %%", **kw)


def pct(series):
    return series.astype(float) * 100


def money_column(label: str, **kw):
    return st.column_config.NumberColumn(label, format="$%,.2f", **kw)


def number_column(label: str, decimals: int = 0, **kw):
    return st.column_config.NumberColumn(label, format="%,d" if decimals == 0 else f"%,.{decimals}f", **kw)


def date_column(label: str, **kw):
    fmt_ = "DD/MM/YYYY" if state.lang() == "es" else "YYYY-MM-DD"
    return st.column_config.DateColumn(label, format=fmt_, **kw)


def link_column(label: str, text: str | None = None, **kw):
    """Relative links made with state.link(); `text` is the shown text (or a regex on the URL)."""
    return st.column_config.LinkColumn(label, display_text=text or t("word.open"), **kw)


def tier_label(tier) -> str:
    if tier in ("A", "B", "C", "D"):
        return t(f"tier.{tier}")
    return t("tier.insufficient")


TREND_ARROWS = {"improving": "↗", "declining": "↘", "stable": "→"}


def trend_label(trend) -> str:
    if not isinstance(trend, str) or trend not in TREND_ARROWS:
        return "—"
    return f"{TREND_ARROWS[trend]} {t('trend.' + trend)}"


def interval_text(low, high, decimals: int = 1, lang: str | None = None) -> str:
    """'70.3–84.6' (a 95 % interval), '—' when unknown."""
    if missing(low) or missing(high):
        return "—"
    lang = lang or state.lang()
    return f"{fmt.number(low, decimals, lang)}–{fmt.number(high, decimals, lang)}"


# Column-wise versions for long tables: the labels are translated once, not once a row.

def tier_labels(tiers) -> list[str]:
    names = {k: tier_label(k) for k in ("A", "B", "C", "D")}
    other = tier_label(None)
    return [names.get(x, other) if isinstance(x, str) else other for x in tiers]


def trend_labels(trends) -> list[str]:
    names = {k: trend_label(k) for k in TREND_ARROWS}
    return [names.get(x, "—") if isinstance(x, str) else "—" for x in trends]


def interval_texts(lows, highs, decimals: int = 1) -> list[str]:
    lang = state.lang()
    return [interval_text(lo, hi, decimals, lang) for lo, hi in zip(lows, highs)]


def status_label(status) -> str:
    """A contract status code (active, completed, ...) in the page's language."""
    from dashboard.i18n import has
    return t(f"status.{status}") if isinstance(status, str) and has(f"status.{status}") else str(status)


LINE_COLUMNS = ["supplier_name", "order_id", "contract_id", "item_code", "unit_id", "state", "order_date",
                "due_date", "qty_ordered", "qty_accepted", "short_qty", "completion_date", "days_late",
                "is_otif", "late_penalty", "deduction"]


def lines_section(scope, name: str, *, with_supplier: bool = True) -> None:
    """'The lines behind the figures': a chosen selection (metrics.scorecard.LINE_SELECTIONS)
    of the evaluable lines in `scope`, at most a chosen number, with downloads. KPI cards'
    "show these lines" buttons set the selection."""
    lang = state.lang()
    st.subheader(t("scorecard.lines_header"), anchor="lineas")
    selections = list(scorecard.LINE_SELECTIONS)
    c1, c2 = st.columns([3, 1])
    only = c1.selectbox(t("scorecard.lines_which"), selections, key=LINES_KEY,
                        format_func=lambda s: t(f"lines.{s}"))
    limit = c2.selectbox(t("scorecard.lines_limit"), [100, 500, 2000], index=1, key="lines_limit")
    lines = data.call(scorecard.lines, scope, limit=limit, only=only)
    if lines.empty:
        empty(t("scorecard.no_lines_sel"))
        return
    st.caption(t("scorecard.lines_shown", n=fmt.number(len(lines), 0, lang), limit=fmt.number(limit, 0, lang)))
    cols = [c for c in LINE_COLUMNS if c in lines and (with_supplier or c != "supplier_name")]
    view = lines[cols].rename(columns={c: t(f"col.{c}") for c in cols})
    config = {t(f"col.{c}"): date_column(t(f"col.{c}")) for c in ("order_date", "due_date", "completion_date")}
    config.update({t("col.late_penalty"): money_column(t("col.late_penalty")),
                   t("col.deduction"): money_column(t("col.deduction"))})
    table(view, f"{name}_{only}", column_config=config, download=lines, height=420)


def episodes_table(episodes: pd.DataFrame, name: str, *, key: str, lead: dict, on_select=None,
                   sort=("ongoing", "months"), rows: int | None = None):
    """Shortage episodes (metrics.shortages.episodes), ongoing and longest first: the `lead`
    columns ({heading: column, or a function of the sorted frame}), then start, end, ongoing,
    months, pieces short and fill rate; an "open" link in `lead` goes last. At most `rows`
    are drawn (the download holds all). Returns (table event, the drawn rows)."""
    every = episodes.sort_values(list(sort), ascending=False)
    ep = every.head(rows) if rows else every
    if len(ep) < len(every):
        lang = state.lang()
        st.caption(t("table.first_rows", n=fmt.number(len(ep), 0, lang), total=fmt.number(len(every), 0, lang)))
    columns = {label: col(ep) if callable(col) else col for label, col in lead.items()}
    link = columns.pop(t("word.open"), None)
    columns.update({t("shortages.start"): pd.to_datetime(ep["start_month"]),
                    t("shortages.end"): pd.to_datetime(ep["end_month"]),
                    t("shortages.ongoing"): ep["ongoing"].astype(bool), t("shortages.months"): "months",
                    t("shortages.pieces_short"): "undelivered_qty", t("shortages.fill_rate"): pct(ep["fill_rate"])})
    config = {t("shortages.start"): st.column_config.DateColumn(format="MMM YYYY"),
              t("shortages.end"): st.column_config.DateColumn(format="MMM YYYY"),
              t("shortages.pieces_short"): number_column(t("shortages.pieces_short")),
              t("shortages.fill_rate"): percent_column(t("shortages.fill_rate"))}
    if link is not None:
        columns[t("word.open")] = link
        config[t("word.open")] = link_column(t("word.open"))
    event = labelled_table(ep, columns, name, key=key, column_config=config, on_select=on_select,
                           download=every, wording=SHORTAGE_WORDING)
    return event, ep


def report_download(label: str, fn, file_name: str, *args, key: str, **kwargs) -> None:
    """A PDF report button for a dashboard.exports.reports function `fn(cursor, scope, *args,
    lang=, with_charts=)`: built on click, on its own cursor, with charts when server-side
    chart export is available."""
    lang, scope = state.lang(), state.scope()

    def build() -> bytes:
        cur = data.reader().cursor()
        try:
            return fn(cur, scope, *args, lang=lang, with_charts=_export_available(), **kwargs)
        finally:
            cur.close()

    st.download_button(label, data=build, file_name=file_name, mime="application/pdf", key=key,
                       on_click="ignore", icon=":material/picture_as_pdf:")
