"""Abasto's library: the store, the importers, every KPI, score and shortage view.

Never imports Streamlit or `dashboard` (see ../shared/DESIGN.md).
"""
__version__ = "0.1.0"
METHODOLOGY_VERSION = "2026.1"
