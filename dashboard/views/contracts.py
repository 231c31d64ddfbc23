"""Contratos: the compliance ledger of every contract in scope — penalties the contract's
terms make due against those applied, the share of the guarantee cap used and whether it
nears rescission — filterable, each contract opening its page (views/contract.py)."""
from dataclasses import asdict

import pandas as pd
import streamlit as st

from dashboard import components as ui
from dashboard import data, state
from dashboard.charts import contracts as charts
from dashboard.i18n import t
from metrics import fmt, ledger as ledgers, records

STATUS_KEYS = ("active", "completed", "rescinded", "terminated")
TABLE_ROWS = 1000    # drawn; the download holds every contract shown by the filters

lang = state.lang()
scope = state.scope()
settings = data.settings()
st.title(t("contracts.title"))
ui.caption_scope(scope)
st.caption(t("contracts.intro", threshold=fmt.percent(settings.rescission_threshold, 0, lang)))
ui.stop_without_data()

ledger = data.shared(ledgers.ledger, scope)      # one frame for every session: read only
if ledger.empty:
    ui.empty(t("contracts.empty"))
    st.stop()
cap = asdict(ui.caption(scope))


def ranking(frame: pd.DataFrame) -> pd.Index:
    """The rows' labels by cap used, then penalty gap, highest first (NaN last), sorting
    only those two columns (not a copy of every column per visitor)."""
    return frame[["cap_used", "penalty_gap"]].sort_values(
        ["cap_used", "penalty_gap"], ascending=False, na_position="last").index


def with_terms(frame: pd.DataFrame):
    """The download: the ledger rows in the table's order with their contracts' terms,
    built on click (the page itself draws only the first TABLE_ROWS)."""
    def build() -> pd.DataFrame:
        ordered = frame.loc[ranking(frame)].reset_index(drop=True)
        cur = data.reader().cursor()
        try:
            terms = records.contracts(cur, scope)
        finally:
            cur.close()
        extra = [c for c in ("institution_name", "signed_date", "start_date", "end_date", "is_consolidated")
                 if c in terms.columns and c not in frame.columns]
        return ordered.merge(terms[["contract_id"] + extra], on="contract_id", how="left")
    return build


# ---------------------------------------------------------------- filters (in the URL)
f1, f2, f3, f4 = st.columns([3, 2.2, 1.4, 1.6], vertical_alignment="bottom")
query = f1.text_input(t("contracts.search"), key="c_q", bind="query-params")
statuses = sorted(ledger["status"].dropna().unique().tolist())
state.translated_options("c_status")     # its URL text is translated: rewritten on a switch
chosen = f2.multiselect(t("contracts.status"), statuses, key="c_status", bind="query-params",
                        format_func=lambda s: t(f"contracts.status_{s}") if s in STATUS_KEYS else s,
                        placeholder=t("filters.all"))
only_near = f3.checkbox(t("contracts.only_near"), key="c_near", bind="query-params")
only_gap = f4.checkbox(t("contracts.only_gap"), key="c_gap", bind="query-params")

shown = ledger
if query:
    q = query.strip().lower()
    hay = (shown["contract_id"].astype(str) + " " + shown["supplier_name"].fillna("").astype(str) + " "
           + shown["supplier_id"].astype(str)).str.lower()
    shown = shown[hay.str.contains(q, regex=False)]
if chosen:
    shown = shown[shown["status"].isin(chosen)]
if only_near:
    shown = shown[shown["near_rescission"].fillna(False).astype(bool)]
if only_gap:
    shown = shown[shown["penalty_gap"] > 0.005]

# ---------------------------------------------------------------- totals of what is shown
c1, c2, c3, c4 = st.columns([1, 1.6, 1.6, 1])
with c1.container(border=True):
    st.metric(t("contracts.count"), fmt.number(len(shown), 0, lang))
    st.caption(t("contracts.of_total", n=fmt.number(len(ledger), 0, lang)))
ui.kpi_card("penalties_due", float(shown["penalties_due"].sum()), container=c2,
            lines=int(shown["lines"].sum()))
ui.kpi_card("penalty_gap", float(shown["penalty_gap"].sum()), container=c3,
            detail=t("contracts.applied_detail", applied=fmt.money(shown["penalties_applied"].sum(), lang)))
with c4.container(border=True):
    st.metric(t("contracts.only_near"), fmt.number(int(shown["near_rescission"].fillna(False).sum()), 0, lang))
    st.caption(t("contracts.rescinded", n=fmt.number(int(shown["rescinded"].fillna(False).sum()), 0, lang)))

if shown.empty:
    ui.empty(t("contracts.no_match"))
    st.stop()

# ---------------------------------------------------------------- charts
left, right = st.columns(2)
with left:
    ui.chart(charts.penalty_gap(shown, **cap), "penas_no_aplicadas")
with right:
    ui.chart(charts.cap_used(shown, threshold=settings.rescission_threshold, **cap), "uso_tope_penas")

# ---------------------------------------------------------------- the list
st.subheader(t("contracts.list_title"))
rows = shown.loc[ranking(shown)[:TABLE_ROWS]].reset_index(drop=True)
if len(shown) > len(rows):
    st.caption(t("contracts.first_rows", n=fmt.number(len(rows), 0, lang), total=fmt.number(len(shown), 0, lang)))
table = pd.DataFrame({
    t("word.contract"): rows["contract_id"],
    t("word.supplier"): rows["supplier_name"].fillna(rows["supplier_id"]),
    t("word.institution"): rows["institution_id"],
    t("contract.procedure"): [state.option_label("procedure_type", p, lang) for p in rows["procedure_type"]],
    t("contracts.status"): [t(f"contracts.status_{s}") if s in STATUS_KEYS else s for s in rows["status"]],
    t("contract.amount"): rows["amount"],
    t("item.lines"): rows["lines"],
    t("contracts.open_overdue"): rows["open_overdue_lines"],
    t("contracts.penalties_due"): rows["penalties_due"],
    t("contracts.penalties_applied"): rows["penalties_applied"],
    t("contracts.penalty_gap"): rows["penalty_gap"],
    t("contracts.cap_used"): ui.pct(rows["cap_used"]),
    t("contract.near"): rows["near_rescission"].fillna(False).astype(bool),
    t("word.open"): state.links("contract", "contract", rows["contract_id"]),
})
money = ("contract.amount", "contracts.penalties_due", "contracts.penalties_applied", "contracts.penalty_gap")
config = {t(k): ui.money_column(t(k)) for k in money}
config[t("contracts.cap_used")] = ui.percent_column(t("contracts.cap_used"))
config[t("word.open")] = ui.link_column(t("word.open"))
event = ui.table(table, "contratos", column_config=config, download=with_terms(shown), on_select="rerun",
                 key="tbl_contracts")
picked = getattr(getattr(event, "selection", None), "rows", None) or []
if picked:   # only the contract: the URL-bound filters carry themselves to the next page
    chosen_id = rows["contract_id"].iloc[picked[0]]
    st.page_link(state.page_file("contract"), label=t("contracts.open_named", id=chosen_id),
                 icon=":material/arrow_forward:", query_params={"contract": chosen_id})
else:
    st.caption(t("contracts.pick"))
