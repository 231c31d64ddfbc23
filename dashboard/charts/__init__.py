"""Plotly figure builders (no Streamlit import): the dashboard, `abasto export charts` and the
PDF reports draw the same figures. Each builder takes plain frames and a language and
returns a figure that carries its title, units, filter scope, data date and source."""
