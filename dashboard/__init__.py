"""Abasto's presentation layer: Plotly chart builders, exports and the Streamlit pages.

`dashboard/app.py` is the Streamlit entry point (`streamlit run dashboard/app.py`).
"""
