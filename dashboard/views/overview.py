"""Resumen: the state of supply for the filtered scope (minimal until step 2)."""
import streamlit as st

from dashboard import components, data, state
from dashboard.i18n import t

st.title(t("page.overview"))
components.caption_scope()
if not data.has_data():
    components.empty(t("app.db_missing_data", path=data.db_path()))
