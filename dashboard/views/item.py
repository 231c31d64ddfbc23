"""Ficha de insumo (?item=CODE): one catalogue item under the current filters — its monthly
supply and fill rate against the shortage threshold, the suppliers behind its shortfall and
how concentrated its supply is, the states and institutions affected, and its episodes."""
from dataclasses import asdict

import pandas as pd
import streamlit as st

from dashboard import components as ui
from dashboard import data, state
from dashboard.charts import shortages as charts
from dashboard.i18n import t
from metrics import fmt, scorecard, shortages

lang = state.lang()
settings = data.settings()
st.title(t("item.title"))
ui.stop_without_data()

# ---------------------------------------------------------------- which item
code = ui.pick("item", label=t("item.choose"), placeholder=t("item.none"), key="item_pick",
               format_func=lambda c, names: f"{c} · {names[c]}" if names.get(c, c) != c else c)
names = data.names("item")
items = data.options("item")
groups = dict(zip(items["id"].astype(str), items["item_group"]))

scope = state.scope(item=(code,))
ui.caption_scope(scope)
cap = asdict(ui.caption(scope))
group = groups.get(code)
description = names.get(code, "") if names.get(code, code) != code else ""
short = description if len(description) <= 70 else description[:69].rstrip() + "…"
st.subheader(f"{code} · {short}".rstrip(" ·"))
details = [description] if short != description else []
if isinstance(group, str) and group:
    details.append(f"{t('item.group')}: {state.option_label('item_group', group, lang)}")
if details:
    st.caption(" · ".join(details))


totals = data.call(shortages.supply, scope, by=("item",))
if totals.empty:
    ui.empty(t("item.not_found", code=code))
    st.stop()
row = totals.iloc[0]
conc = data.call(shortages.concentration, scope)
c = conc.iloc[0] if len(conc) else None

# ---------------------------------------------------------------- figures
c1, c2, c3, c4 = st.columns(4)
ui.kpi_card("fill_rate", ui.nan_to_none(row["fill_rate"]), lines=row["lines"], container=c1,
            detail=t("item.fill_detail", by_due=fmt.percent(row["fill_rate_by_due"], 1, lang),
                     ordered=fmt.number(row["qty_ordered"], 0, lang)))
with c2.container(border=True):
    st.metric(t("item.months_short"), f"{fmt.number(row['short_months'], 0, lang)} / {fmt.number(row['months'], 0, lang)}",
              help=t("shortages.intro", threshold=fmt.percent(settings.shortage_threshold, 0, lang)))
    st.caption(t("item.pieces_missing", n=fmt.number(row["undelivered_qty"], 0, lang)))
with c3.container(border=True):
    hhi = ui.nan_to_none(c["hhi"]) if c is not None else None
    st.metric(t("item.hhi"), fmt.number(hhi, 0, lang), help=t("item.hhi_help"))
    if c is not None and bool(c["single_source"]):
        st.caption(t("item.single_source"))
    elif c is not None and bool(c["highly_concentrated"]):
        st.caption(t("item.highly_concentrated"))
with c4.container(border=True):
    st.metric(t("word.suppliers"), fmt.number(c["suppliers"] if c is not None else 0, 0, lang))
    if c is not None and isinstance(c["top_supplier"], str):
        st.caption(t("item.top_supplier", supplier=data.names("supplier").get(c["top_supplier"], c["top_supplier"]),
                     share=fmt.percent(c["top_share"], 1, lang)))

# ---------------------------------------------------------------- history
monthly = data.call(shortages.supply, scope, by=("item", "month"))
ui.chart(charts.item_history(monthly, code=code, threshold=settings.shortage_threshold, **cap),
         f"suministro_{code}")

# ---------------------------------------------------------------- suppliers
st.subheader(t("item.suppliers_title"))
st.caption(t("item.suppliers_help"))
attribution = data.call(shortages.attribution, scope)
left, right = st.columns(2)
with left:
    ui.chart(charts.attribution(attribution, **cap), f"proveedores_faltante_{code}")
with right:
    card = data.call(scorecard.scorecard, scope)
    total = card["qty_filled"].sum()
    shares = card.assign(share=card["qty_filled"] / total if total else 0.0)
    ui.chart(charts.shares(shares[shares["share"] > 0], hhi=hhi, **cap), f"participacion_{code}")
if len(card):
    by_supplier = (attribution.groupby("supplier_id", as_index=False)
                   .agg(attributable_qty=("attributable_qty", "sum"), short_months=("month", "nunique"))
                   if len(attribution) else pd.DataFrame(columns=["supplier_id", "attributable_qty", "short_months"]))
    view = card.merge(by_supplier, on="supplier_id", how="left")
    view = view.sort_values(["attributable_qty", "lines"], ascending=[False, False], na_position="last")
    show = pd.DataFrame({
        t("word.supplier"): view["supplier_name"].fillna(view["supplier_id"]),
        t("item.lines"): view["lines"],
        "OTIF": ui.pct(view["otif_rate"]),
        t("shortages.fill_rate"): ui.pct(view["fill_rate"]),
        t("item.undelivered"): view["attributable_qty"].fillna(0),
        t("item.months_short"): view["short_months"].fillna(0).astype(int),
        t("item.tier"): ui.tier_labels(view["tier"]),
    })
    config = {"OTIF": ui.percent_column("OTIF"),
              t("shortages.fill_rate"): ui.percent_column(t("shortages.fill_rate")),
              t("item.undelivered"): ui.number_column(t("item.undelivered"))}
    if state.page_exists("scorecard"):
        show[t("word.open")] = state.links("scorecard", "supplier", view["supplier_id"])
        config[t("word.open")] = ui.link_column(t("word.open"))
    ui.table(show, f"proveedores_{code}", column_config=config, download=view, key="tbl_item_suppliers")

# ---------------------------------------------------------------- where
st.subheader(t("item.affected_title"))
places = data.call(shortages.supply, scope, by=("institution", "state"))
if places.empty:
    ui.empty(t("item.not_found", code=code))
else:
    places = places.sort_values(["short_item_months", "undelivered_qty"], ascending=False)
    show = pd.DataFrame({
        t("word.institution"): places["institution_id"],
        t("word.state"): places["state"],
        t("item.lines"): places["lines"],
        t("item.qty_ordered"): places["qty_ordered"],
        t("shortages.fill_rate"): ui.pct(places["fill_rate"]),
        t("item.months_short"): places["short_item_months"],
        t("shortages.pieces_short"): places["undelivered_qty"],
    })
    ui.table(show, f"estados_{code}", download=places, key="tbl_item_places", wording=ui.SHORTAGE_WORDING,
             column_config={t("item.qty_ordered"): ui.number_column(t("item.qty_ordered")),
                            t("shortages.fill_rate"): ui.percent_column(t("shortages.fill_rate")),
                            t("shortages.pieces_short"): ui.number_column(t("shortages.pieces_short"))})



def units_table() -> None:
    units = data.call(shortages.supply, scope, by=("unit", "state"))
    if units.empty:
        ui.empty(t("item.not_found", code=code))
        return
    units = units.sort_values(["short_item_months", "undelivered_qty"], ascending=False)
    ui.labelled_table(units, {
        t("contract.unit"): "unit_id", t("word.name"): "unit_name" if "unit_name" in units else "unit_id",
        t("word.state"): "state", t("item.lines"): "lines", t("shortages.fill_rate"): ui.pct(units["fill_rate"]),
        t("item.months_short"): "short_item_months", t("shortages.pieces_short"): "undelivered_qty",
    }, f"unidades_{code}", key="tbl_item_units", wording=ui.SHORTAGE_WORDING,
        column_config={t("shortages.fill_rate"): ui.percent_column(t("shortages.fill_rate")),
                       t("shortages.pieces_short"): ui.number_column(t("shortages.pieces_short"))})


# a lazy expander: the per-unit list is queried only while it is open
with st.expander(t("item.units_title"), key="item_units_open", on_change="rerun") as units_box:
    if units_box.open:
        units_table()

# ---------------------------------------------------------------- episodes
st.subheader(t("item.episodes_title"))
episodes = data.call(shortages.episodes, scope, by=("item", "state"))
if episodes.empty:
    ui.empty(t("shortages.none_short"))
else:
    ui.episodes_table(episodes, f"episodios_{code}", key="tbl_item_episodes", lead={t("word.state"): "state"})
