"""Ficha de proveedor: one supplier (?supplier=ID) — KPI cards that show their workings, the
monthly OTIF p-chart, breakdowns by item / institution / state, its place among its peers,
its contracts with the compliance ledger, its part in shortages, and the order lines
behind any figure."""
import pandas as pd
import streamlit as st

from dashboard import components as ui
from dashboard import auth, data, state
from dashboard.charts import suppliers as charts
from dashboard.i18n import t
from metrics import fmt, ledger, performance, scorecard, shortages


def supplier_report(*args, **kwargs) -> bytes:
    """The PDF ficha; its module (fpdf) is imported on the first click, not on page runs."""
    from dashboard.exports.reports.supplier import supplier_report as build
    return build(*args, **kwargs)


lang = state.lang()
scope = state.scope()
st.title(t("page.scorecard"))
if not data.has_data():
    ui.caption_scope(scope)
    ui.empty(ui.no_data_text())
    st.stop()
# ---------------------------------------------------------------- which supplier
names = data.names("supplier")
ids = list(names)
sid = state.selected("supplier")
choice = st.selectbox(t("scorecard.pick"), ids, index=ids.index(sid) if sid in names else None,
                      format_func=lambda s: f"{names[s]} ({s})", placeholder=t("scorecard.pick_placeholder"),
                      key="scorecard_pick")
if choice and choice != sid:
    state.select("supplier", choice)
    sid = choice
if not sid:
    ui.empty(t("scorecard.none_selected"))
    st.stop()
if sid not in names:
    st.warning(t("scorecard.unknown", id=sid))
    st.stop()

name = names[sid]
sscope = state.scope(supplier=(sid,))
ui.caption_scope(scope)
cap = ui.caption(sscope)

everyone = data.call(scorecard.scorecard, scope)
row_frame = everyone[everyone["supplier_id"] == sid]
if row_frame.empty:
    ui.empty(t("scorecard.no_lines", name=name))
    st.stop()
row = row_frame.iloc[0]
previous = state.previous_scope(scope)
prev_row = None
if previous is not None:
    prev_all = data.call(scorecard.scorecard, previous, brief=True)   # for the deltas: KPIs and score
    prev_match = prev_all[prev_all["supplier_id"] == sid]
    prev_row = prev_match.iloc[0] if len(prev_match) else None
reasons = everyone.attrs.get("not_computable", {})
excl = data.call(scorecard.exclusions, sscope)
rfc = data.options("supplier").set_index("id")["rfc"].get(sid)

# ---------------------------------------------------------------- header
tier = row["tier"] if row["tier"] in ("A", "B", "C", "D") else None
st.header(name)
facts_line = [f"ID {sid}", f"RFC {rfc}" if isinstance(rfc, str) and rfc else None,
              t("scorecard.tier_is", tier=ui.tier_label(tier)),
              t("scorecard.peer_group", group=state.option_label("item_group", row["peer_group"]))
              if isinstance(row.get("peer_group"), str) else None,
              t("scorecard.trend_is", trend=ui.trend_label(row["trend"]))]
st.markdown(" · ".join(x for x in facts_line if x))
if auth.can("report"):
    ui.report_download(t("scorecard.pdf"), supplier_report,
                       f"ficha_{sid}.pdf" if lang == "es" else f"scorecard_{sid}.pdf", sid, key="pdf_scorecard")
if tier is None:
    st.info(t("scorecard.insufficient", n=fmt.number(row["lines"], 0, lang),
              min=fmt.number(data.settings().min_lines, 0, lang)))


def v(col, frame_row=row):
    return None if frame_row is None or col not in frame_row else ui.nan_to_none(frame_row[col])


def delta(col):
    now, before = v(col), v(col, prev_row)
    return None if now is None or before is None else now - before


def pct(x):
    return fmt.percent(x, 1, lang)


weights = everyone.attrs.get("weights", data.settings().weights())
components_md = "; ".join(
    f"{t('scorecard.comp_' + k)} {pct(val) if val is not None else '—'}"
    for k, val in (("delivery", v("otif_rate_shrunk")), ("completeness", v("fill_rate_shrunk")),
                   ("quality", v("quality_shrunk")), ("timeliness", v("timeliness_component")),
                   ("price", v("price_component"))))
score_detail = "\n\n".join([
    t("scorecard.interval_is", low=fmt.number(v("score_low"), 1, lang), high=fmt.number(v("score_high"), 1, lang)),
    t("scorecard.components_are", parts=components_md),
    t("scorecard.weights_are", parts=", ".join(f"{t('scorecard.comp_' + k)} {fmt.number(w, 0, lang)}"
                                                for k, w in weights.items())),
    t("scorecard.percentile_is", p=fmt.number(v("peer_percentile"), 0, lang))
    if v("peer_percentile") is not None else t("scorecard.no_percentile"),
])
cards = [
    ("score", score_detail),
    ("otif_rate", t("scorecard.raw_shrunk", raw=pct(v("otif_rate")), shrunk=pct(v("otif_rate_shrunk")),
                    x=fmt.number(v("otif_lines"), 0, lang), n=fmt.number(v("lines"), 0, lang))),
    ("fill_rate", t("scorecard.fill_detail", raw=pct(v("fill_rate")), shrunk=pct(v("fill_rate_shrunk")),
                    x=fmt.number(v("qty_filled"), 0, lang), n=fmt.number(v("qty_ordered"), 0, lang),
                    undelivered=pct(v("undelivered_share")))),
    ("rejection_rate", t("scorecard.quality_detail", raw=pct(v("rejection_rate")),
                         shrunk=pct(v("quality_shrunk")))),
    ("days_late_mean", t("scorecard.days_detail", p90=fmt.number(v("days_late_p90"), 1, lang),
                         n=fmt.number(v("completed_lines"), 0, lang))),
    ("penalty_gap", t("scorecard.gap_detail", due=fmt.money(v("penalties_due"), lang),
                      applied=fmt.money(v("penalties_applied"), lang))),
]
cols = st.columns(3) + st.columns(3)
for col, (key, detail) in zip(cols, cards):
    more = ui.exclusions_text(excl, key)
    ui.kpi_card(key, v(key), delta=delta(key), lines=v("lines"), container=col,
                detail=detail + ("\n\n" + more if more else ""),
                reason=ui.reason_text(reasons.get(key)) or ui.missing_reason(excl, key),
                show_lines=True)
if previous is not None:
    st.caption(t("overview.previous", start=fmt.day(previous.date_from, lang), end=fmt.day(previous.date_to, lang)))

# ---------------------------------------------------------------- p-chart
st.subheader(t("scorecard.trend_header"))
pc = data.call(performance.pchart, scope, supplier_id=sid)
if pc.empty:
    ui.empty(t("empty.no_data"))
else:
    ui.chart(charts.pchart(pc, cap, name=name), f"pchart_{sid}")
    outside = int(pc["out_of_control"].sum())
    st.caption(t("scorecard.pchart_note", n=outside) if outside else t("scorecard.pchart_none"))
    if row.get("trend") in ("improving", "declining", "stable"):
        st.caption(t("scorecard.trend_note", trend=ui.trend_label(row["trend"]),
                     slope=fmt.number(v("trend_slope"), 1, lang),
                     p=fmt.number(v("trend_p"), 3, lang) if v("trend_p") is not None else "—"))

# ---------------------------------------------------------------- breakdowns
st.subheader(t("scorecard.breakdown_header"))
# lazy tabs: only the open one queries and draws (a tab switch reruns the page on cached data)
tabs = st.tabs([t("word.item"), t("word.institution"), t("word.state")], key="sc_breakdown", on_change="rerun")
for tab, group, label_cols in ((tabs[0], "item", ("item_code", "item_description")),
                               (tabs[1], "institution", ("institution_id", "institution_name")),
                               (tabs[2], "state", ("state", None))):
    if not tab.open:
        continue
    with tab:
        part = data.call(scorecard.scorecard, sscope, group_by=(group,))
        if part.empty:
            ui.empty(t("empty.no_data"))
            continue
        id_col, name_col = label_cols
        part = part.assign(label=part[name_col].fillna(part[id_col]) if name_col else part[id_col])
        if group == "item":
            part["label"] = part[id_col] + " " + part["label"].where(part["label"] != part[id_col], "")
        ui.chart(charts.breakdown(part, cap, label_col="label", key_col=id_col,
                                  title=t(f"scorecard.by_{group}_title", name=name)), f"{sid}_por_{group}")
        show = pd.DataFrame({
            t(f"word.{group}"): part["label"], t("suppliers.lines"): part["lines"],
            t("suppliers.otif"): ui.pct(part["otif_rate"]), t("suppliers.fill"): ui.pct(part["fill_rate"]),
            t("suppliers.rejection"): ui.pct(part["rejection_rate"]),
            t("scorecard.days_late"): part["days_late_mean"],
            t("scorecard.backlog"): part["backlog_qty"],
        })
        if group == "item" and state.page_exists("item"):
            show[t("word.open")] = state.links("item", "item", part["item_code"])
        ui.table(show, f"{sid}_por_{group}", download=part, column_config={
            t("suppliers.lines"): ui.number_column(t("suppliers.lines")),
            t("suppliers.otif"): ui.percent_column(t("suppliers.otif")),
            t("suppliers.fill"): ui.percent_column(t("suppliers.fill")),
            t("suppliers.rejection"): ui.percent_column(t("suppliers.rejection")),
            t("scorecard.days_late"): ui.number_column(t("scorecard.days_late"), 1),
            t("scorecard.backlog"): ui.number_column(t("scorecard.backlog")),
            t("word.open"): ui.link_column(t("word.open")),
        })

# ---------------------------------------------------------------- peers
st.subheader(t("scorecard.peers_header"))
group = row.get("peer_group")
if not isinstance(group, str):
    ui.empty(t("scorecard.no_peer_group"))
else:
    mates = everyone[(everyone["peer_group"] == group) & everyone["tier"].isin(["A", "B", "C", "D"])]
    mates = mates.assign(name=mates["supplier_name"].fillna(mates["supplier_id"]))
    if tier is not None and v("peer_percentile") is not None:
        st.markdown(t("scorecard.peer_sentence", name=name, p=fmt.number(v("peer_percentile"), 0, lang),
                      n=fmt.number(len(mates) - 1, 0, lang), group=state.option_label("item_group", group)))
    if mates.empty:
        ui.empty(t("scorecard.no_peers"))
    else:
        if tier is None:
            me = row_frame.assign(name=name)
            mates = pd.concat([mates, me])
        # the peers share the page's scope, not the supplier filter
        ui.chart(charts.peers(mates, ui.caption(scope), highlight=sid,
                              title=t("scorecard.peers_title", group=state.option_label("item_group", group))),
                 f"{sid}_pares")

# ---------------------------------------------------------------- contracts and ledger
st.subheader(t("scorecard.contracts_header"))
led = data.call(ledger.ledger, sscope)
if led.empty:
    ui.empty(t("scorecard.no_contracts"))
else:
    show = pd.DataFrame({
        t("word.contract"): led["contract_id"], t("word.institution"): led["institution_id"],
        t("scorecard.procedure"): led["procedure_type"].map(lambda p: state.option_label("procedure_type", p)),
        t("scorecard.status"): led["status"].map(ui.status_label), t("scorecard.amount"): led["amount"],
        t("scorecard.pen_due"): led["penalties_due"], t("scorecard.pen_applied"): led["penalties_applied"],
        t("suppliers.penalty_gap"): led["penalty_gap"], t("overview.cap_used"): ui.pct(led["cap_used"]),
        t("scorecard.near"): led["near_rescission"].map(lambda b: "⚠" if b else ""),
    })
    config = {c: ui.money_column(c) for c in (t("scorecard.amount"), t("scorecard.pen_due"),
                                               t("scorecard.pen_applied"), t("suppliers.penalty_gap"))}
    config[t("overview.cap_used")] = st.column_config.ProgressColumn(
        t("overview.cap_used"), min_value=0, max_value=100, format="%.1f %%", help=t("scorecard.cap_help"),
        color="#c62828")
    if state.page_exists("contract"):
        show[t("word.open")] = state.links("contract", "contract", led["contract_id"])
        config[t("word.open")] = ui.link_column(t("word.open"))
    ui.table(show, f"{sid}_contratos", column_config=config, download=led)

# ---------------------------------------------------------------- shortages


def shortage_items() -> None:
    """The supplier's attributable shortfall by item (metrics.shortages.attribution)."""
    att = data.call(shortages.attribution, scope, supplier_id=sid)
    by_item = (att.groupby(["item_code", "description"], dropna=False, as_index=False)
               .agg(months=("month", "nunique"), attributable_qty=("attributable_qty", "sum"),
                    share=("share", "mean"))
               .sort_values("attributable_qty", ascending=False))
    ui.labelled_table(by_item, {
        t("word.item"): "item_code", t("overview.description"): "description",
        t("scorecard.short_months"): "months", t("scorecard.attributable"): "attributable_qty",
        t("scorecard.mean_share"): ui.pct(by_item["share"]),
    }, f"{sid}_desabasto", column_config={
        t("scorecard.attributable"): ui.number_column(t("scorecard.attributable")),
        t("scorecard.mean_share"): ui.percent_column(t("scorecard.mean_share"))})


st.subheader(t("scorecard.shortage_header"))
# the all-supplier scorecard carries metrics.shortages.supplier_contribution's columns
if not (v("shortage_qty") or 0) > 0:
    st.success(t("scorecard.no_shortage", name=name), icon=":material/check_circle:")
else:
    st.markdown(t("scorecard.shortage_sentence", name=name, share=pct(v("shortage_contribution")),
                  months=fmt.number(v("short_item_months"), 0, lang),
                  qty=fmt.number(v("shortage_qty"), 0, lang)))
    # a lazy expander: the attribution by item is queried only when it is opened
    with st.expander(t("scorecard.shortage_items"), key="sc_shortage_items", on_change="rerun") as box:
        if box.open:
            shortage_items()

# ---------------------------------------------------------------- lines behind the figures
ui.lines_section(sscope, f"{sid}_lineas", with_supplier=False)
