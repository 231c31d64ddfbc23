"""Desabasto: which items are short, where, since when and who is behind it.

The headline (pieces contracted but not delivered), short items per month by group /
institution / state, the item × month fill-rate map, worsening items, episodes (ongoing
first), items at risk from supplier concentration, and prescriptions / the procurement
funnel when those files were loaded. Every item links to its page (views/item.py).
"""
from dataclasses import asdict

import pandas as pd
import streamlit as st

from dashboard import components as ui
from dashboard import auth, data, state
from dashboard.charts import shortages as charts
from dashboard.exports.reports.shortage import shortage_report
from dashboard.i18n import t
from metrics import fmt, scorecard, shortages
from metrics.scope import FILTERS
from metrics.shortages.labels import label as column_label

lang = state.lang()
scope = state.scope()
settings = data.settings()
st.title(t("shortages.title"))
ui.caption_scope(scope)
st.caption(t("shortages.intro", threshold=fmt.percent(settings.shortage_threshold, 0, lang)))
ui.stop_without_data()

cap = asdict(ui.caption(scope))


def item_links(frame: pd.DataFrame) -> list[str]:
    return state.links("item", "item", frame["item_code"])


def open_link(code: str | None) -> None:
    """A link to an item's page. Only the item is passed: the filters are URL-bound widgets,
    which carry themselves to the next page (passing them too would repeat them in the URL)."""
    if code:
        st.page_link(state.page_file("item"), label=t("shortages.open_item_named", code=code),
                     icon=":material/arrow_forward:", query_params={"item": code})


def open_selected(event, frame: pd.DataFrame) -> None:
    """A row picked in a table offers that item's page."""
    rows = getattr(getattr(event, "selection", None), "rows", None) or []
    if rows:
        open_link(frame["item_code"].iloc[rows[0]])


FUNNEL_STAGES = ("tendered", "awarded", "contracted", "ordered", "delivered")
EPISODE_ROWS = 500      # drawn (ongoing and longest first); the download holds every episode


def demand_reason(frame: pd.DataFrame, not_loaded_key: str) -> str:
    """Why an optional view is empty: the table is not loaded (what to load, where), or the
    filters leave nothing (the library's sentence in the page's language)."""
    reason = frame.attrs.get("reason") or ""
    if "not loaded" in reason or not reason:
        return t(not_loaded_key)
    return frame.attrs.get("reason_es", reason) if lang == "es" else reason


def ignored_filters_note(frame: pd.DataFrame) -> None:
    """Prescriptions and tenders carry fewer dimensions than order lines: say which filters
    could not apply to them."""
    ignored = frame.attrs.get("ignored_filters") or []
    if ignored:
        labels = [FILTERS[n][1 if lang == "es" else 2] for n in ignored if n in FILTERS]
        st.caption(t("shortages.ignored_filters", names=", ".join(labels).lower()))


# ---------------------------------------------------------------- headline
headline = data.call(shortages.headline, scope)
if headline.empty or not int(headline["lines"].fillna(0).iloc[0]):
    ui.empty(t("shortages.empty"))
    st.stop()
h = headline.iloc[0]
episodes = data.call(shortages.episodes, scope)
if auth.can("report"):       # the same review as `abasto report shortages`, for a meeting
    ui.report_download(t("shortages.pdf"), shortage_report,
                       "revision_desabasto.pdf" if lang == "es" else "shortage_review.pdf", key="pdf_shortages")

c1, c2, c3, c4 = st.columns(4)
ui.kpi_card("undelivered_share", ui.nan_to_none(h["undelivered_share"]), lines=h["lines"],
            label=t("shortages.headline"), container=c1,
            detail=t("shortages.headline_help") + " "
            + t("shortages.headline_detail", missing=fmt.number(h["qty_undelivered"], 0, lang),
                ordered=fmt.number(h["qty_ordered"], 0, lang)))
with c2.container(border=True):
    st.metric(t("shortages.pieces_short"), fmt.number(h["qty_undelivered"], 0, lang),
              help=t("shortages.pieces_short_help"))
    st.caption(t("shortages.of_ordered", ordered=fmt.number(h["qty_ordered"], 0, lang)))
with c3.container(border=True):
    st.metric(t("shortages.items_short_now"), fmt.number(h["short_items_now"], 0, lang))
    st.caption(t("shortages.items_short_now_detail", items=fmt.number(h["items_latest_month"], 0, lang),
                 month=fmt.month(h["latest_month"], lang)))
with c4.container(border=True):
    ongoing = int(episodes["ongoing"].sum()) if len(episodes) else 0
    st.metric(t("shortages.ongoing_episodes"), fmt.number(ongoing, 0, lang))
    st.caption(t("shortages.short_item_months", n=fmt.number(h["short_item_months"], 0, lang)))

# ---------------------------------------------------------------- trend by dimension
st.subheader(t("shortages.trend_title"))
BY = {"total": ("month", None, "shortages.by_none"),
      "group": ("group", "item_group", "shortages.by_group"),
      "institution": ("institution", "institution_id", "shortages.by_institution"),
      "state": ("state", "state", "shortages.by_state")}
if st.session_state.get("_short_by_lang") not in (None, lang) and st.session_state.get("short_by"):
    # the URL holds the option's displayed text: rewrite it in the new language
    st.session_state["short_by"] = st.session_state["short_by"]
st.session_state["_short_by_lang"] = lang
by = st.segmented_control(t("shortages.trend_by"), list(BY), default="total", key="short_by",
                          bind="query-params", format_func=lambda k: t(BY[k][2])) or "total"
trend_arg, by_column, by_label = BY[by]
trend = data.call(shortages.trend, scope, by=trend_arg)
if trend.empty:
    ui.empty(t("shortages.empty"), title=t("shortages.trend_title"))
else:
    ui.chart(charts.trend(trend, by=by_column, by_label=t(by_label), **cap), f"desabasto_mensual_{by}")

# ---------------------------------------------------------------- heat map
# Only the rows the page draws: per-item totals (a few thousand rows) for the ranking and the
# picker, then the item × month cells of the HEATMAP_ITEMS drawn (not every item's months:
# 120 k rows and 40 MB through the cache at 1 M lines).
HEATMAP_ITEMS = 30
per_item = data.call(shortages.supply, scope, by=("item",))
short_items = (per_item[per_item["short_months"] > 0].sort_values("item_code")
               .sort_values("short_months", ascending=False, kind="stable"))
if per_item.empty:
    ui.empty(t("shortages.empty"), title=t("shortages.heatmap_title"))
elif short_items.empty:
    ui.empty(t("shortages.none_short"), title=t("shortages.heatmap_title"))
else:
    top = tuple(short_items["item_code"].head(HEATMAP_ITEMS))
    cells = data.call(shortages.supply, scope.with_(item=top), by=("item", "month"))
    ui.chart(charts.heatmap(cells, threshold=settings.shortage_threshold, top=HEATMAP_ITEMS, **cap),
             "surtimiento_insumo_mes")

# ---------------------------------------------------------------- pick an item
if len(short_items):
    names = dict(zip(short_items["item_code"], short_items["description"].fillna("")))
    code = st.selectbox(t("shortages.open_item"), list(short_items["item_code"]), index=None,
                        key="short_pick_item", placeholder=t("shortages.pick_item"),
                        format_func=lambda c: f"{c} · {names.get(c, '')}".rstrip(" ·"))
    open_link(code)

# ---------------------------------------------------------------- worsening
st.subheader(t("shortages.worsening_title"))
st.caption(t("shortages.worsening_help", alpha=fmt.number(settings.trend_alpha, 2, lang)))
every = data.call(shortages.worsening, scope)
worse = every[every["status"] == "worsening"].reset_index(drop=True)
if worse.empty:
    ui.empty(t("shortages.none_worsening"))
else:
    # the statistics' headers are the workbook's and the download's (metrics/shortages/labels.py)
    slope, tau, p, last_fill = (column_label(c, lang)
                                for c in ("trend_slope", "tau", "trend_p", "latest_fill_rate"))
    show = pd.DataFrame({
        t("word.item"): worse["item_code"],
        t("item.description"): worse["description"],
        slope: worse["trend_slope"],
        tau: worse["tau"],
        p: worse["trend_p"],
        t("shortages.months"): worse["months"],
        t("item.months_short"): worse["short_months"],
        last_fill: ui.pct(worse["latest_fill_rate"]),
        t("word.open"): item_links(worse),
    })
    event = ui.table(show, "insumos_que_empeoran", download=worse, on_select="rerun",
                     key="tbl_worsening", wording=ui.SHORTAGE_WORDING,
                     column_config={slope: st.column_config.NumberColumn(format="%.2f pp"),
                                    tau: st.column_config.NumberColumn(format="%.2f"),
                                    p: st.column_config.NumberColumn(format="%.4f"),
                                    last_fill: ui.percent_column(last_fill),
                                    t("word.open"): ui.link_column(t("word.open"))})
    open_selected(event, worse)

# ---------------------------------------------------------------- episodes
st.subheader(t("shortages.episodes_title"))
st.caption(t("shortages.episodes_help"))
if episodes.empty:
    ui.empty(t("shortages.none_short"))
else:
    event, ep = ui.episodes_table(episodes, "episodios_desabasto", key="tbl_episodes", on_select="rerun",
                                  sort=("ongoing", "months", "undelivered_qty"), rows=EPISODE_ROWS,
                                  lead={t("word.item"): "item_code", t("item.description"): "description",
                                        t("word.open"): item_links})
    open_selected(event, ep)

# ---------------------------------------------------------------- concentration risk
# Lazy expanders: what they hold is computed only while open (the risk list needs the
# all-supplier scorecard; the demand side two more queries), so the page's first view
# does not wait for them.
with st.expander(t("shortages.risk_title"), key="short_risk_open", on_change="rerun",
                 icon=":material/warning:") as risk_box:
    if risk_box.open:
        st.caption(t("shortages.risk_help"))
        # the tiers and trends come from the all-supplier scorecard the other pages cache
        # (same call, same cache entry) instead of a second scorecard inside risk()
        card = data.call(scorecard.scorecard, scope)
        risk = data.call(shortages.risk, scope, card=card)
        if risk.empty:
            ui.empty(t("shortages.none_risk"))
        else:
            event = ui.labelled_table(risk, {
                t("word.item"): "item_code", t("item.description"): "description", t("item.hhi"): "hhi",
                t("shortages.dominant"): risk["supplier_name"].fillna(risk["supplier_id"]),
                t("shortages.dominant_share"): ui.pct(risk["share"]),
                t("item.single_source"): risk["single_source"].astype(bool),
                t("shortages.tier"): ui.tier_labels(risk["tier"]),
                t("shortages.trend"): ui.trend_labels(risk["trend"]),
                t("word.open"): item_links(risk),
            }, "insumos_en_riesgo", on_select="rerun", key="tbl_risk", wording=ui.SHORTAGE_WORDING,
                column_config={t("item.hhi"): ui.number_column(t("item.hhi")),
                               t("shortages.dominant_share"): ui.percent_column(t("shortages.dominant_share")),
                               t("word.open"): ui.link_column(t("word.open"))})
            open_selected(event, risk)

# ---------------------------------------------------------------- demand side and funnel
with st.expander(t("shortages.demand_title"), key="short_demand_open", on_change="rerun",
                 icon=":material/receipt_long:") as demand_box:
    if demand_box.open:
        left, right = st.columns(2)
        with left:
            st.subheader(t("shortages.prescriptions_title"))
            frame = data.call(shortages.prescriptions, scope, by=("month",))
            if frame.empty:
                ui.empty(demand_reason(frame, "shortages.prescriptions_missing"))
            else:
                ui.chart(charts.prescriptions(frame, **cap), "recetas_surtidas")
                ignored_filters_note(frame)
                issued, filled = float(frame["issued"].sum()), float(frame["filled"].sum())
                st.caption(t("shortages.prescriptions_rate",
                             rate=fmt.percent(filled / issued if issued else None, 1, lang),
                             unfilled=fmt.number(issued - filled, 0, lang), issued=fmt.number(issued, 0, lang)))
        with right:
            st.subheader(t("shortages.funnel_title"))
            frame = data.call(shortages.funnel, scope, by=())
            if frame.empty:
                ui.empty(demand_reason(frame, "shortages.funnel_missing"))
            else:
                row = frame.iloc[0]
                stages = pd.DataFrame({
                    "stage": [t(f"shortages.funnel_{k}") for k in FUNNEL_STAGES],
                    "count": [row[k] for k in FUNNEL_STAGES]})
                ui.chart(charts.funnel(stages, **cap), "embudo_compra")
                ignored_filters_note(frame)
                lost = {k: row[k] for k in ("no_bids", "rejected", "cancelled")}
                st.caption(t("shortages.funnel_lost", **{k: fmt.number(v, 0, lang) for k, v in lost.items()}))
