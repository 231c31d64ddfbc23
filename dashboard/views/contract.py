"""Ficha de contrato (?contract=ID): one contract under the current filters — its terms, its
penalty ledger (due, applied, gap, cap used), pieces delivered on time / late / missing by
due month, and the order lines, deliveries and penalties behind those figures."""
from dataclasses import asdict

import pandas as pd
import streamlit as st

from dashboard import components as ui
from dashboard import data, state
from dashboard.charts import contracts as charts
from dashboard.i18n import t
from metrics import fmt, ledger, records, scorecard, shortages

LINES_LIMIT = 500
lang = state.lang()
settings = data.settings()
st.title(t("contract.title"))
ui.stop_without_data()

# ---------------------------------------------------------------- which contract
contract_id = ui.pick("contract", label=t("contract.choose"), placeholder=t("contract.none"),
                      key="contract_pick", format_func=lambda c, names: names.get(c, c))
names = data.names("contract")

scope = state.scope(contract=(contract_id,))
ui.caption_scope(scope)
cap = asdict(ui.caption(scope))
led = data.call(ledger.ledger, scope)
terms = data.call(records.contracts, scope)
if led.empty or terms.empty:
    ui.empty(t("contract.not_found", id=contract_id))
    st.stop()
L, T = led.iloc[0], terms.iloc[0]

# ---------------------------------------------------------------- terms
st.subheader(names.get(contract_id, contract_id))
status = T["status"]
status_text = t(f"contracts.status_{status}") if status in ("active", "completed", "rescinded", "terminated") \
    else status
facts = [
    (t("contract.supplier"), T["supplier_name"] or T["supplier_id"]),
    (t("contract.institution"), T["institution_name"] or T["institution_id"]),
    (t("contract.procedure"), state.option_label("procedure_type", T["procedure_type"], lang)
     + (f" · {t('contract.emergency')}" if bool(T["is_emergency"]) else "")
     + (f" · {t('contract.consolidated')}" if bool(T["is_consolidated"]) else "")),
    (t("contract.amount"), f"{fmt.money(T['amount'], lang)} {T['currency'] or 'MXN'}"),
    (t("contract.period"), f"{fmt.day(T['start_date'], lang)} – {fmt.day(T['end_date'], lang)} "
                           f"({t('contract.signed', date=fmt.day(T['signed_date'], lang))})"),
    (t("contract.status"), status_text),
    (t("contract.rates"), t("contract.rates_text", penalty=fmt.percent(T["penalty_rate_per_day"], 1, lang),
                            deduction=fmt.percent(T["deduction_rate"], 1, lang),
                            guarantee=fmt.percent(T["guarantee_pct"], 0, lang))),
    (t("contract.cap"), fmt.money(L["penalty_cap"], lang)),
]
st.markdown("\n".join(f"- **{label}:** {value}" for label, value in facts))
if state.page_exists("scorecard"):
    st.page_link(state.page_file("scorecard"), label=t("contract.open_supplier"), icon=":material/badge:",
                 query_params={"supplier": T["supplier_id"]})

# ---------------------------------------------------------------- ledger figures
c1, c2, c3, c4 = st.columns(4)
ui.kpi_card("penalties_due", ui.nan_to_none(L["penalties_due"]), lines=L["lines"], container=c1,
            detail=t("contract.due_detail", late=fmt.money(L["late_penalty_due"], lang),
                     deduction=fmt.money(L["deduction_due"], lang),
                     uncapped=fmt.money(L["penalties_due_uncapped"], lang)))
ui.kpi_card("penalties_applied", ui.nan_to_none(L["penalties_applied"]), container=c2,
            detail=t("contract.applied_n", n=fmt.number(L["penalties_n"], 0, lang)))
ui.kpi_card("penalty_gap", ui.nan_to_none(L["penalty_gap"]), container=c3)
ui.kpi_card("cap_used", ui.nan_to_none(L["cap_used"]), container=c4,
            detail=t("contract.near") if bool(L["near_rescission"]) else None)
if bool(L["near_rescission"]):
    st.warning(t("contract.near_warning", used=fmt.percent(L["cap_used"], 1, lang),
                 threshold=fmt.percent(settings.rescission_threshold, 0, lang)), icon=":material/gavel:")

with st.expander(t("contract.ledger_title")):
    rows = [("contract.late_penalty", L["late_penalty_due"]), ("contract.deduction", L["deduction_due"]),
            ("contract.uncapped", L["penalties_due_uncapped"]), ("contract.cap", L["penalty_cap"]),
            ("contracts.penalties_due", L["penalties_due"]), ("contracts.penalties_applied", L["penalties_applied"]),
            ("contracts.penalty_gap", L["penalty_gap"])]
    book = pd.DataFrame({t("contract.concept"): [t(k) for k, _ in rows],
                         t("contract.amount_mxn"): [v for _, v in rows]})
    ui.table(book, f"libro_penas_{contract_id}", key="tbl_contract_ledger",
             column_config={t("contract.amount_mxn"): ui.money_column(t("contract.amount_mxn"))},
             download=led)

# ---------------------------------------------------------------- deliveries by month
monthly = data.call(shortages.supply, scope, by=("month",))
if monthly.empty:
    ui.empty(t("contract.not_found", id=contract_id))
else:
    pieces = pd.DataFrame({"month": monthly["month"],
                           "on_time": monthly["qty_accepted_by_due"],
                           "late": (monthly["qty_accepted"] - monthly["qty_accepted_by_due"]).clip(lower=0),
                           "missing": (monthly["qty_ordered"] - monthly["qty_accepted"]).clip(lower=0)})
    ui.chart(charts.deliveries(pieces, **cap), f"entregas_{contract_id}")

# ---------------------------------------------------------------- lines, deliveries, penalties
# lazy tabs: only the open one queries and draws
tab_lines, tab_deliveries, tab_penalties = st.tabs(
    [t("contract.lines_title"), t("contract.deliveries_list"), t("contract.penalties_title")],
    key="contract_tabs", on_change="rerun")


# the lists' column formats by heading (each list has some of them)
LIST_FORMATS = {t(k): ui.date_column(t(k)) for k in ("contract.due", "contract.delivered", "contract.applied_on")}
LIST_FORMATS.update({t(k): ui.number_column(t(k)) for k in ("contract.ordered", "contract.accepted",
                                                            "contract.qty_delivered", "contract.qty_rejected")})
LIST_FORMATS.update({t(k): ui.money_column(t(k)) for k in ("contract.penalty_due", "contract.amount_mxn")})


def listing(frame: pd.DataFrame, columns: dict, name: str, *, key: str, empty_text: str,
            limited: bool = True) -> None:
    """One of the contract's lists: the table, a note when LINES_LIMIT cut it, or why it is empty."""
    if frame.empty:
        ui.empty(empty_text)
        return
    if limited and len(frame) >= LINES_LIMIT:
        st.caption(t("contract.lines_limit", n=fmt.number(LINES_LIMIT, 0, lang)))
    ui.labelled_table(frame, columns, name, key=key,
                      column_config={k: v for k, v in LIST_FORMATS.items() if k in columns})


def coded(values, prefix: str, known: tuple) -> list:
    """Codes in the page's language (label key prefix + code); other values as they are."""
    return [t(prefix + v) if v in known else v for v in values]


if tab_lines.open:
    with tab_lines:
        lines = data.call(scorecard.lines, scope, limit=LINES_LIMIT)
        listing(lines, {
            t("contract.order"): "order_id", t("word.item"): "item_code", t("contract.unit"): "unit_id",
            t("word.state"): "state", t("contract.due"): "due_date", t("contract.ordered"): "qty_ordered",
            t("contract.accepted"): "qty_accepted", t("contract.on_time"): lines["is_on_time"].astype(bool),
            "OTIF": lines["is_otif"].astype(bool), t("contract.days_late"): "days_late",
            t("contract.penalty_due"): "penalty_due_capped",
        }, f"lineas_{contract_id}", key="tbl_contract_lines", empty_text=t("table.empty"))
if tab_deliveries.open:
    with tab_deliveries:
        deliveries = data.call(records.deliveries, scope, limit=LINES_LIMIT)
        listing(deliveries, {
            t("contract.delivery"): "delivery_id", t("contract.order"): "order_id", t("word.item"): "item_code",
            t("contract.due"): "due_date", t("contract.delivered"): "delivered_date",
            t("contract.qty_delivered"): "qty_delivered", t("contract.qty_rejected"): "qty_rejected",
            t("contract.days_after_due"): "days_after_due",
            t("contract.delay_cause"): coded(deliveries["delay_cause"], "contract.cause_",
                                             ("supplier", "buyer", "force_majeure")),
        }, f"entregas_lista_{contract_id}", key="tbl_contract_deliveries",
            empty_text=t("contract.no_deliveries"))
if tab_penalties.open:
    with tab_penalties:
        penalties = data.call(records.penalties, scope)
        listing(penalties, {
            t("contract.penalty"): "penalty_id",
            t("contract.kind"): coded(penalties["kind"], "contract.kind_",
                                      ("late_delivery", "deficient_delivery", "other")),
            t("contract.order"): "order_id", t("contract.applied_on"): "applied_date",
            t("contract.amount_mxn"): "amount",
        }, f"penas_{contract_id}", key="tbl_contract_penalties",
            empty_text=t("contract.no_penalties"), limited=False)
