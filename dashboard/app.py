"""Abasto dashboard entry point: `streamlit run dashboard/app.py`.

Page config, login gate (dashboard/auth.py when installed, else local mode), language
switch, the shared URL-bound filters, then the pages. Pages are in dashboard/views/; one
that does not exist yet is left out so the app always runs. Project errors (AbastoError)
are shown as a message, never a traceback.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the project root; an
# install made before dashboard/ existed does not map it either.
ROOT = str(Path(__file__).resolve().parent.parent)
if importlib.util.find_spec("dashboard") is None and ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import streamlit as st  # noqa: E402

from dashboard import state  # noqa: E402
from dashboard.i18n import t  # noqa: E402
from metrics.exceptions import AbastoError  # noqa: E402

HERE = Path(__file__).resolve().parent

st.set_page_config(page_title="Abasto", page_icon=":material/local_pharmacy:", layout="wide")

if importlib.util.find_spec("dashboard.auth") is not None:
    from dashboard import auth
    auth.gate()
else:
    st.sidebar.caption(t("app.local_mode"))

state.language_switch()

pages = []
for name, (path, label, icon, shown) in state.PAGES.items():
    if (HERE / path).exists():
        pages.append(st.Page(path, title=t(label), icon=icon, url_path=name,
                             default=name == state.DEFAULT_PAGE,
                             visibility="visible" if shown else "hidden"))
if importlib.util.find_spec("dashboard.auth") is not None and (HERE / "views/admin.py").exists():
    pages.append(st.Page("views/admin.py", title=t("admin.page"), icon=":material/tune:", url_path="admin", visibility="visible" if auth.can("settings") else "hidden"))
page = st.navigation(pages)

try:
    state.sidebar()
    page.run()
except AbastoError as exc:
    st.error(t("app.error", message=exc))
