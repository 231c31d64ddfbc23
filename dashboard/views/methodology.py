"""Metodología: why Abasto measures performance and not only compliance (the OECD's review of
IMSS), which lines count, every KPI of the registry with its formula and why it matters, how
the score, trends, shortages and penalties are computed, and the weights and thresholds in
force (metrics.settings)."""
import pandas as pd
import streamlit as st

from dashboard import components as ui
from dashboard import data, state
from dashboard.i18n import t
from metrics import fmt
from metrics.kpis import KPIS
from metrics.settings import describe

lang = state.lang()
settings = data.settings()
st.title(t("methodology.title"))

st.header(t("methodology.why_title"))
st.markdown(t("methodology.why_body"))

st.subheader(t("methodology.scope_title"))
st.markdown(t("methodology.scope_body"))

# ---------------------------------------------------------------- every KPI of the registry
st.header(t("methodology.kpis_title"))
units = {"count": "methodology.unit_count", "share": "methodology.unit_share",
         "days": "methodology.unit_days", "qty": "methodology.unit_qty", "MXN": "methodology.unit_mxn",
         "index": "methodology.unit_index", "score": "methodology.unit_score"}
grid = st.columns(2)
for i, kpi in enumerate(KPIS.values()):
    with grid[i % 2].container(border=True):
        better = {True: t("methodology.higher"), False: t("methodology.lower")}.get(kpi.higher_is_better)
        st.markdown(f"**{kpi.label(lang)}** · `{kpi.key}`")
        st.markdown(f"{t('methodology.formula')}: {kpi.formula(lang)}")
        st.markdown(f"{t('methodology.why')}: {kpi.why(lang)}")
        details = [f"{t('methodology.unit')}: {t(units[kpi.unit]) if kpi.unit in units else kpi.unit}"]
        if better:
            details.append(f"{t('methodology.better')}: {better}")
        if kpi.needs:
            details.append(f"{t('methodology.needs')}: " + ", ".join(f"`{n}`" for n in kpi.needs))
        st.caption(" · ".join(details))
table = pd.DataFrame({
    "key": [k.key for k in KPIS.values()],
    t("methodology.indicator"): [k.label(lang) for k in KPIS.values()],
    t("methodology.formula"): [k.formula(lang) for k in KPIS.values()],
    t("methodology.why"): [k.why(lang) for k in KPIS.values()],
    t("methodology.unit"): [k.unit for k in KPIS.values()],
})
ui.downloads(table, "indicadores_metodologia")

# ---------------------------------------------------------------- how the rest is computed
st.subheader(t("methodology.score_title"))
st.markdown(t("methodology.score_body", days=fmt.number(settings.timeliness_days, 0, lang),
              min_lines=fmt.number(settings.min_lines, 0, lang)))
st.markdown(t("methodology.trend_body", months=fmt.number(settings.trend_months, 0, lang),
              alpha=fmt.number(settings.trend_alpha, 2, lang)))
st.subheader(t("methodology.shortages_title"))
st.markdown(t("methodology.shortage_body", threshold=fmt.percent(settings.shortage_threshold, 0, lang)))
st.subheader(t("methodology.compliance_title"))
st.markdown(t("methodology.compliance_body", rescission=fmt.percent(settings.rescission_threshold, 0, lang)))

# ---------------------------------------------------------------- weights and thresholds in force
st.header(t("methodology.settings_title"))
st.caption(t("methodology.settings_help"))
rows = describe()
weights = settings.weights()
total = sum(weights.values()) or 1.0
c = st.columns(len(weights))
for col, (name, value) in zip(c, weights.items()):
    col.metric(t(f"methodology.weight_{name}"), f"{fmt.number(value, 0, lang)}",
               help=t("methodology.weight_share", share=fmt.percent(value / total, 0, lang)))


def shown(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return fmt.number(value, 2, lang)
    return fmt.number(value, 0, lang) if isinstance(value, (int, float)) else str(value)


table = pd.DataFrame({
    t("methodology.setting"): [r["name"] for r in rows],
    t("methodology.value"): [shown(getattr(settings, r["name"])) for r in rows],
    t("methodology.default"): [shown(r["default"]) for r in rows],
    t("methodology.meaning"): [r["help_es"] if lang == "es" else r["help_en"] for r in rows],
})
ui.table(table, "ajustes_vigentes", key="tbl_settings")
