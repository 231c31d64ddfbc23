"""Resumen: the state of supply for the filtered scope — headline KPIs with the change vs
the previous period, monthly OTIF and fill rate, tiers, pieces not delivered, best and
worst suppliers, and what needs attention (contracts near rescission, worsening items,
penalties not applied)."""
import pandas as pd
import streamlit as st

from dashboard import components as ui
from dashboard import data, state
from dashboard.charts import overview as charts
from dashboard.i18n import t
from metrics import fmt, ledger, scorecard, shortages
from metrics.shortages.labels import label as column_label

lang = state.lang()
scope = state.scope()
st.title(t("page.overview"))
ui.caption_scope(scope)
ui.stop_without_data()

cap = ui.caption(scope)

# ---------------------------------------------------------------- headline KPIs
total = data.call(scorecard.scorecard, scope, group_by=())
previous = state.previous_scope(scope)
prev = data.call(scorecard.scorecard, previous, group_by=(), brief=True) if previous else None   # deltas only
headline = data.call(shortages.headline, scope)
excl = data.call(scorecard.exclusions, scope)


def _value(frame, col):
    if frame is None or frame.empty or col not in frame:
        return None
    return ui.nan_to_none(frame[col].iloc[0])


def _delta(col):
    now, before = _value(total, col), _value(prev, col)
    return None if now is None or before is None else now - before


reasons = total.attrs.get("not_computable", {})
if _value(total, "lines") in (None, 0):
    ui.empty(t("empty.no_data"))
    st.stop()
else:
    lines_detail = ui.exclusions_text(excl, "lines")
    cards = [("lines", {"detail": lines_detail}), ("otif_rate", {}), ("fill_rate", {}),
             ("undelivered_share", {}), ("days_late_mean", {}), ("penalty_gap", {})]
    cols = st.columns(3) + st.columns(3)
    for col, (key, extra) in zip(cols, cards):
        detail = extra.get("detail") or ui.exclusions_text(excl, key)
        reason = ui.reason_text(reasons.get(key)) or ui.missing_reason(excl, key)
        ui.kpi_card(key, _value(total, key), delta=_delta(key), lines=_value(total, "lines"),
                    detail=detail, reason=reason, container=col, show_lines=True)
    if previous is None:
        st.caption(t("overview.no_previous"))
    else:
        st.caption(t("overview.previous", start=fmt.day(previous.date_from, lang),
                     end=fmt.day(previous.date_to, lang)))

# ---------------------------------------------------------------- trend and tiers
left, right = st.columns([3, 2])
with left:
    by_month = data.call(scorecard.scorecard, scope, group_by=("month",))
    if by_month.empty:
        ui.empty(t("empty.no_data"), title=t("overview.trend_title"))
    else:
        ui.chart(charts.monthly_trend(by_month, cap), "otif_surtimiento_mensual")
by_supplier = data.call(scorecard.scorecard, scope)
with right:
    if by_supplier.empty:
        ui.empty(t("empty.no_data"), title=t("overview.tiers_title"))
    else:
        tiers = (by_supplier["tier"].where(by_supplier["tier"].isin(["A", "B", "C", "D"]))
                 .value_counts(dropna=False).rename_axis("tier").reset_index(name="suppliers"))
        ui.chart(charts.tier_distribution(tiers, cap), "niveles_proveedores")

# ---------------------------------------------------------------- shortages
st.subheader(t("overview.shortage_header"))
if headline.empty or not headline["lines"].iloc[0]:
    ui.empty(t("empty.no_data"))
else:
    h = headline.iloc[0]
    c1, c2, c3 = st.columns(3)
    ui.kpi_card("undelivered_share", ui.nan_to_none(h["undelivered_share"]), container=c1,
                lines=h["lines"], label=t("overview.pieces_not_delivered"),
                detail=t("overview.pieces_detail", missing=fmt.number(h["qty_undelivered"], 0, lang),
                         ordered=fmt.number(h["qty_ordered"], 0, lang)))
    with c2.container(border=True):
        st.metric(t("overview.short_now"), fmt.number(h["short_items_now"], 0, lang),
                  help=t("overview.short_now_help"))
        st.caption(t("overview.short_now_detail", items=fmt.number(h["items_latest_month"], 0, lang),
                     month=fmt.month(h["latest_month"], lang)))
    with c3.container(border=True):
        st.metric(t("overview.short_item_months"), fmt.number(h["short_item_months"], 0, lang))
        st.caption(t("overview.short_item_months_help"))
    if state.page_exists("shortages"):
        st.page_link(state.page_file("shortages"), label=t("overview.to_shortages"),
                     icon=":material/arrow_forward:", query_params=state.link_params())

# ---------------------------------------------------------------- best and worst
st.subheader(t("overview.ranking_header"))
if not by_supplier.empty:
    ranked = by_supplier[by_supplier["tier"].isin(["A", "B", "C", "D"])].copy()
    if ranked.empty:
        ui.empty(t("overview.no_tiered"))
    else:
        ranked["name"] = ranked["supplier_name"].fillna(ranked["supplier_id"])
        ranked = ranked.sort_values(["score", "lines"], ascending=[False, False])
        n = min(5, max(1, len(ranked) // 2)) if len(ranked) > 1 else 1
        top, bottom = ranked.head(n), ranked.tail(n).iloc[::-1]
        c1, c2 = st.columns(2)
        with c1:
            ui.chart(charts.ranked_suppliers(top, cap, title=t("overview.top_title", n=n)), "mejores_proveedores")
        with c2:
            if len(ranked) > n:
                ui.chart(charts.ranked_suppliers(bottom, cap, title=t("overview.bottom_title", n=n)),
                         "peores_proveedores")
            else:
                ui.empty(t("overview.no_bottom"))
        st.page_link(state.page_file("suppliers"), label=t("overview.to_suppliers"),
                     icon=":material/arrow_forward:", query_params=state.link_params())

# ---------------------------------------------------------------- alerts
st.subheader(t("overview.alerts_header"))
alerts = 0
# only the contracts near rescission (not the whole ledger: 125k contracts at 10M lines),
# highest cap use first
near = data.call(ledger.near_rescission, scope)
if len(near):
    alerts += 1
    st.warning(t("overview.alert_rescission", n=fmt.number(len(near), 0, lang)), icon=":material/gavel:")
    near = near.head(10)
    show = pd.DataFrame({
        t("word.contract"): near["contract_id"],
        t("word.supplier"): near.get("supplier_name", near.get("supplier_id")),
        t("overview.cap_used"): ui.pct(near["cap_used"]),
        t("overview.penalty_gap"): near.get("penalty_gap"),
    })
    config = {t("overview.cap_used"): ui.percent_column(t("overview.cap_used")),
              t("overview.penalty_gap"): ui.money_column(t("overview.penalty_gap"))}
    if state.page_exists("contract"):
        show[t("word.open")] = state.links("contract", "contract", near["contract_id"])
        config[t("word.open")] = ui.link_column(t("word.open"))
    ui.table(show, "contratos_cerca_rescision", column_config=config, download=near)
worse = data.call(shortages.worsening, scope)
worse = worse[worse["status"] == "worsening"]
if len(worse):
    alerts += 1
    st.warning(t("overview.alert_worsening", n=fmt.number(len(worse), 0, lang),
                 alpha=fmt.number(data.settings().trend_alpha, 2, lang)), icon=":material/trending_down:")
    worse = worse.head(10)
    show = pd.DataFrame({t("word.item"): worse["item_code"],
                         t("overview.description"): worse.get("description", worse["item_code"])})
    slope, last_fill = column_label("trend_slope", lang), column_label("latest_fill_rate", lang)
    show[slope] = worse["trend_slope"]
    show[last_fill] = ui.pct(worse["latest_fill_rate"])
    config = {slope: ui.number_column(slope, 1), last_fill: ui.percent_column(last_fill)}
    if state.page_exists("item"):
        show[t("word.open")] = state.links("item", "item", worse["item_code"])
        config[t("word.open")] = ui.link_column(t("word.open"))
    ui.table(show, "insumos_empeorando", column_config=config, download=worse, wording=ui.SHORTAGE_WORDING)
gap = _value(total, "penalty_gap")
if gap is not None and gap > 0.005:
    alerts += 1
    st.warning(t("overview.alert_gap", gap=fmt.money(gap, lang),
                 due=fmt.money(_value(total, "penalties_due"), lang),
                 applied=fmt.money(_value(total, "penalties_applied"), lang)), icon=":material/payments:")
    if state.page_exists("contracts"):
        st.page_link(state.page_file("contracts"), label=t("overview.to_contracts"),
                     icon=":material/arrow_forward:", query_params=state.link_params())
elif "penalty_gap" in reasons:
    st.caption(t("kpi.not_computable", reason=ui.reason_text(reasons["penalty_gap"])))
if alerts == 0:
    st.success(t("overview.no_alerts"), icon=":material/check_circle:")

# ---------------------------------------------------------------- the lines behind the figures
ui.lines_section(scope, "lineas")
