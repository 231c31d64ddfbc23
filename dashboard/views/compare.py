"""Comparar: two to five suppliers side by side, with 95 % intervals, saying in words which
differences are real and which are within the noise."""
import numpy as np
import pandas as pd
import streamlit as st

from dashboard import components as ui
from dashboard import auth, data, state
from dashboard.charts import suppliers as charts
from dashboard.i18n import t
from metrics import fmt, scorecard
from metrics.stats import shrink

MAX = 5
lang = state.lang()
scope = state.scope()
st.title(t("page.compare"))
auth.require("compare")
ui.caption_scope(scope)
ui.stop_without_data()
everyone = ui.supplier_scorecard(scope)
names = data.names("supplier")
in_scope = everyone.sort_values("score", ascending=False)["supplier_id"].tolist()
picked = st.multiselect(t("compare.pick"), in_scope, key="cmp", bind="query-params", max_selections=MAX,
                        format_func=lambda s: f"{names.get(s, s)} · {s}", placeholder=t("compare.pick_placeholder"),
                        help=t("compare.pick_help"))
if len(picked) < 2:
    ui.empty(t("compare.need_two"))
    st.stop()

rows = everyone.set_index("supplier_id").loc[picked].reset_index()
rows["name"] = rows["supplier_name"].fillna(rows["supplier_id"])

# OTIF interval: the same beta-binomial model as the score (metrics.stats.shrink with the
# pooled rate of all suppliers in scope and the fitted prior strength).
if "prior_strength_delivery" in rows:
    mu = everyone["otif_lines"].sum() / max(everyone["lines"].sum(), 1)
    m = float(rows["prior_strength_delivery"].iloc[0])
    _, lo, hi = shrink(rows["otif_rate"], rows["lines"], mu, m)
    rows["otif_low"], rows["otif_high"] = lo, hi
else:
    rows["otif_low"] = rows["otif_high"] = np.nan

# ---------------------------------------------------------------- in words
st.subheader(t("compare.verdict_header"))
sentences = []
ranked = rows.dropna(subset=["score"]).sort_values("score", ascending=False).reset_index(drop=True)
for i, a in enumerate(ranked.itertuples()):
    below = list(ranked.iloc[i + 1:].itertuples())
    if not below:
        continue
    def who(b):
        return f"**{b.name}** ({t('compare.points_below', gap=fmt.number(a.score - b.score, 1, lang))})"
    clear = [who(b) for b in below if a.score_low > b.score_high]
    close = [who(b) for b in below if not a.score_low > b.score_high]
    parts = []
    if clear:
        parts.append(t("compare.clear_of", names=", ".join(clear)))
    if close:
        parts.append(t("compare.close_to", names=", ".join(close)))
    icon = ":material/check_circle:" if not close else ":material/balance:"
    sentences.append(f"{icon} **{a.name}** ({fmt.number(a.score, 1, lang)}): " + "; ".join(parts) + ".")
small = rows[~rows["tier"].isin(["A", "B", "C", "D"])]
for r in small.itertuples():
    sentences.append(":material/warning: " + t("compare.fragile", name=r.name, n=fmt.number(r.lines, 0, lang)))
st.markdown("\n".join(f"- {s}" for s in sentences) or t("compare.no_scores"))

# ---------------------------------------------------------------- chart
cap = ui.caption(scope)
ui.chart(charts.compare_intervals(rows, cap, title=t("compare.chart_title"), metrics=[
    ("score", "score_low", "score_high", t("suppliers.score") + " (0–100)"),
    ("otif_rate_shrunk", "otif_low", "otif_high", t("compare.otif_adjusted")),
    ("fill_rate", None, None, t("suppliers.fill")),
]), "comparacion_proveedores")
st.caption(t("compare.chart_note"))

# ---------------------------------------------------------------- table
view = pd.DataFrame({
    t("word.supplier"): rows["name"],
    t("suppliers.score"): rows["score"].round(1),
    t("suppliers.interval"): [ui.interval_text(a, b) for a, b in zip(rows["score_low"], rows["score_high"])],
    t("suppliers.tier"): rows["tier"].map(ui.tier_label),
    t("suppliers.trend"): rows["trend"].map(ui.trend_label),
    t("suppliers.lines"): rows["lines"],
    t("compare.otif_raw"): ui.pct(rows["otif_rate"]),
    t("compare.otif_adjusted"): ui.pct(rows["otif_rate_shrunk"]),
    t("compare.otif_interval"): [ui.interval_text(100 * a, 100 * b) for a, b in zip(rows["otif_low"], rows["otif_high"])],
    t("suppliers.fill"): ui.pct(rows["fill_rate"]),
    t("suppliers.rejection"): ui.pct(rows["rejection_rate"]),
    t("scorecard.days_late"): rows["days_late_mean"],
    t("suppliers.penalty_gap"): rows["penalty_gap"],
    t("suppliers.scorecard"): state.links("scorecard", "supplier", rows["supplier_id"]),
})
ui.table(view, "comparacion", download=rows, column_config={
    t("suppliers.lines"): ui.number_column(t("suppliers.lines")),
    t("compare.otif_raw"): ui.percent_column(t("compare.otif_raw")),
    t("compare.otif_adjusted"): ui.percent_column(t("compare.otif_adjusted")),
    t("suppliers.fill"): ui.percent_column(t("suppliers.fill")),
    t("suppliers.rejection"): ui.percent_column(t("suppliers.rejection")),
    t("scorecard.days_late"): ui.number_column(t("scorecard.days_late"), 1),
    t("suppliers.penalty_gap"): ui.money_column(t("suppliers.penalty_gap")),
    t("suppliers.scorecard"): ui.link_column(t("suppliers.scorecard")),
})

# ---------------------------------------------------------------- monthly OTIF
monthly = data.call(scorecard.scorecard, state.scope(supplier=tuple(picked)), group_by=("supplier", "month"))
monthly = monthly.assign(name=monthly["supplier_name"].fillna(monthly["supplier_id"]))
ui.chart(charts.compare_trend(monthly, cap, title=t("compare.trend_title"), order=rows["name"].tolist()),
         "comparacion_otif_mensual")
