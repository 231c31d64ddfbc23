"""Proveedores: every supplier in scope, searchable and sortable, with score and interval,
tier, trend and the KPIs behind them; selecting a row opens its scorecard."""
import pandas as pd
import streamlit as st

from dashboard import components as ui
from dashboard import data, state
from dashboard.i18n import t
from metrics import fmt

lang = state.lang()
scope = state.scope()
st.title(t("page.suppliers"))
ui.caption_scope(scope)
ui.stop_without_data()
frame = ui.supplier_scorecard(scope)

rfc = data.options("supplier").set_index("id")["rfc"]
frame = frame.assign(rfc=frame["supplier_id"].map(rfc),
                     name=frame["supplier_name"].fillna(frame["supplier_id"]))
TIERS = ["A", "B", "C", "D", "insufficient"]
frame["tier_key"] = frame["tier"].where(frame["tier"].isin(TIERS[:4]), "insufficient")

# ---------------------------------------------------------------- page filters (in the URL)
state.translated_options("tier", "peer")
c1, c2, c3 = st.columns([3, 2, 2])
query = c1.text_input(t("suppliers.search"), key="q", bind="query-params",
                      placeholder=t("suppliers.search_placeholder"))
tiers = c2.multiselect(t("suppliers.tier_filter"), TIERS, key="tier", bind="query-params",
                       format_func=lambda v: t(f"tier.{v}"), placeholder=t("filters.all"))
groups_present = sorted(g for g in frame["peer_group"].dropna().unique())
peer = c3.multiselect(t("suppliers.group_filter"), groups_present, key="peer", bind="query-params",
                      format_func=lambda v: state.option_label("item_group", v),
                      placeholder=t("filters.all"), help=t("suppliers.group_help"))

shown = frame
if query:
    q = query.strip().lower()
    shown = shown[shown["name"].str.lower().str.contains(q, regex=False)
                  | shown["supplier_id"].str.lower().str.contains(q, regex=False)
                  | shown["rfc"].fillna("").str.lower().str.contains(q, regex=False)]
if tiers:
    shown = shown[shown["tier_key"].isin(tiers)]
if peer:
    shown = shown[shown["peer_group"].isin(peer)]
# tiered suppliers first (a score on too few lines is not a ranking), then by score
shown = (shown.assign(_untiered=shown["tier_key"] == "insufficient")
         .sort_values(["_untiered", "score", "lines"], ascending=[True, False, False], na_position="last")
         .drop(columns="_untiered"))

counts = frame["tier_key"].value_counts()
st.caption(t("suppliers.summary", shown=fmt.number(len(shown), 0, lang), total=fmt.number(len(frame), 0, lang),
             tiers=", ".join(f"{t('tier.' + k)}: {fmt.number(counts.get(k, 0), 0, lang)}" for k in TIERS)))

# ---------------------------------------------------------------- the table
cols = {
    "name": t("word.supplier"), "rfc": "RFC", "score": t("suppliers.score"),
    "interval": t("suppliers.interval"), "tier": t("suppliers.tier"), "trend": t("suppliers.trend"),
    "lines": t("suppliers.lines"), "otif_rate": t("suppliers.otif"), "fill_rate": t("suppliers.fill"),
    "undelivered_share": t("suppliers.undelivered"), "rejection_rate": t("suppliers.rejection"), "penalties_applied": t("suppliers.penalties_applied"),
    "penalty_gap": t("suppliers.penalty_gap"), "group": t("word.group"), "link": t("suppliers.scorecard"),
}
view = pd.DataFrame({
    cols["name"]: shown["name"],
    cols["rfc"]: shown["rfc"],
    cols["score"]: shown["score"].round(1),
    cols["interval"]: ui.interval_texts(shown["score_low"], shown["score_high"]),
    cols["tier"]: shown["tier_key"].map({k: t(f"tier.{k}") for k in TIERS}),
    cols["trend"]: ui.trend_labels(shown["trend"]),
    cols["lines"]: shown["lines"],
    cols["otif_rate"]: ui.pct(shown["otif_rate"]),
    cols["fill_rate"]: ui.pct(shown["fill_rate"]),
    cols["undelivered_share"]: ui.pct(shown["undelivered_share"]),
    cols["rejection_rate"]: ui.pct(shown["rejection_rate"]),
    cols["penalties_applied"]: shown["penalties_applied"],
    cols["penalty_gap"]: shown["penalty_gap"],
    cols["group"]: shown["peer_group"].map({g: state.option_label("item_group", g) for g in groups_present}),
    cols["link"]: state.links("scorecard", "supplier", shown["supplier_id"]),
})
settings = data.settings()
trend_help = t("suppliers.trend_help", months=settings.trend_months, alpha=fmt.number(settings.trend_alpha, 2, lang))
config = {
    cols["name"]: st.column_config.TextColumn(cols["name"], width="medium", pinned=True),
    cols["score"]: st.column_config.ProgressColumn(cols["score"], min_value=0, max_value=100, format="%.1f",
                                                   help=t("suppliers.score_help"), color="#0b5394"),
    cols["interval"]: st.column_config.TextColumn(cols["interval"], help=t("suppliers.interval_help")),
    cols["trend"]: st.column_config.TextColumn(cols["trend"], help=trend_help),
    cols["lines"]: ui.number_column(cols["lines"]),
    cols["otif_rate"]: ui.percent_column(cols["otif_rate"]),
    cols["fill_rate"]: ui.percent_column(cols["fill_rate"]),
    cols["undelivered_share"]: ui.percent_column(cols["undelivered_share"], help=t("suppliers.undelivered_help")),
    cols["rejection_rate"]: ui.percent_column(cols["rejection_rate"]),
    cols["penalties_applied"]: ui.money_column(cols["penalties_applied"]),
    cols["penalty_gap"]: ui.money_column(cols["penalty_gap"]),
    cols["link"]: ui.link_column(cols["link"], t("word.open")),
}
# one supplier column (the name, else the id), not the stored name beside it under the same header
export = shown.drop(columns=["tier_key", "supplier_name"]).rename(columns={"name": "supplier_name"})
st.caption(t("suppliers.select_hint"))
event = ui.table(view, "proveedores", column_config=config, on_select="rerun", download=export,
                 height=min(38 + 35 * len(view), 760))
if event is not None and event.selection.rows:
    row = event.selection.rows[0]
    state.go("scorecard", supplier=shown["supplier_id"].iloc[row])
